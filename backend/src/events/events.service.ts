import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EventDto, EventStatus, PublicEventDto, Role } from '@focus-racer/api-types';
import { Brackets, FindOptionsWhere, Like, QueryFailedError, Repository } from 'typeorm';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { CreateEventBody, PublicEventsQuery, UpdateEventBody } from './dto/event.dto';
import { EventPhotographer } from './entities/event-photographer.entity';
import { RaceEvent } from './entities/event.entity';
import { toEventDto, toPublicEventDto } from './event-dto.mapper';
import { eventSlug, firstFreeSlug } from './slug';

export const EVENT_NOT_FOUND_MESSAGE = 'Event not found';
const PUBLIC_LIST_LIMIT = 200;

/**
 * Owns race events. Every read or write of one event goes through `findOwned`, so a pro never sees or changes
 * another pro's event (answered 404, as if it did not exist); an ADMIN acts on all of them.
 */
@Injectable()
export class EventsService {
  constructor(
    @InjectRepository(RaceEvent) private readonly events: Repository<RaceEvent>,
    @InjectRepository(EventPhotographer) private readonly eventPhotographers: Repository<EventPhotographer>,
  ) {}

  async create(owner: AuthUser, body: CreateEventBody): Promise<EventDto> {
    for (let attempt = 0; ; attempt++) {
      const slug = await this.freeSlug(eventSlug(body.name, body.date));
      try {
        const event = await this.events.save(
          this.events.create({
            ownerId: owner.id,
            name: body.name,
            date: body.date,
            location: body.location,
            sport: body.sport,
            watermarkText: body.watermarkText ?? null,
            status: EventStatus.DRAFT,
            slug,
          }),
        );
        return toEventDto(await this.events.findOneByOrFail({ id: event.id }));
      } catch (error) {
        // Another event took the same slug between our check and our insert: pick the next one.
        if (attempt < 3 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }

  async list(user: AuthUser): Promise<EventDto[]> {
    const where: FindOptionsWhere<RaceEvent> = user.role === Role.ADMIN ? {} : { ownerId: user.id };
    const events = await this.events.find({ where, order: { date: 'DESC', createdAt: 'DESC' } });
    return events.map((event) => toEventDto(event));
  }

  async get(user: AuthUser, id: string): Promise<EventDto> {
    return toEventDto(await this.findOwned(user, id));
  }

  /** The slug stays as created even if the name or date changes: it is in links people have shared. */
  async update(user: AuthUser, id: string, body: UpdateEventBody): Promise<EventDto> {
    const event = await this.findOwned(user, id);
    Object.assign(event, definedOnly(body));
    await this.events.save(event);
    return toEventDto(await this.events.findOneByOrFail({ id }));
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    const event = await this.findOwned(user, id);
    await this.events.delete({ id: event.id });
  }

  async listPublished(query: PublicEventsQuery): Promise<PublicEventDto[]> {
    const builder = this.events
      .createQueryBuilder('event')
      .where('event.status = :status', { status: EventStatus.PUBLISHED })
      .orderBy('event.date', query.sort === 'asc' ? 'ASC' : 'DESC')
      .addOrderBy('event.name', 'ASC')
      .take(PUBLIC_LIST_LIMIT);
    if (query.from) builder.andWhere('event.date >= :from', { from: query.from });
    if (query.to) builder.andWhere('event.date <= :to', { to: query.to });
    const q = query.q?.trim();
    if (q) {
      const pattern = `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      builder.andWhere(
        new Brackets((where) =>
          where.where('event.name ILIKE :pattern', { pattern }).orWhere('event.location ILIKE :pattern', { pattern }),
        ),
      );
    }
    return (await builder.getMany()).map((event) => toPublicEventDto(event));
  }

  async getPublishedBySlug(slug: string): Promise<PublicEventDto> {
    return toPublicEventDto(await this.findPublishedBySlug(slug));
  }

  /** The published event behind a public URL (other domains' public pages start here); 404 otherwise. */
  async findPublishedBySlug(slug: string): Promise<RaceEvent> {
    const event = await this.events.findOneBy({ slug, status: EventStatus.PUBLISHED });
    if (!event) throw new NotFoundException(EVENT_NOT_FOUND_MESSAGE);
    return event;
  }

  /** Every published event, for the sitemap. */
  listAllPublished(): Promise<Array<Pick<RaceEvent, 'slug' | 'updatedAt'>>> {
    return this.events.find({ select: { slug: true, updatedAt: true }, where: { status: EventStatus.PUBLISHED }, order: { date: 'DESC' } });
  }

  /**
   * The ownership rule, in one place (other domains, e.g. photos, call it too): the owner or an ADMIN; anyone else
   * gets the same 404 as for an event that does not exist, so ids of other pros' events reveal nothing.
   */
  async findOwned(user: AuthUser, id: string): Promise<RaceEvent> {
    const event = await this.events.findOneBy(user.role === Role.ADMIN ? { id } : { id, ownerId: user.id });
    if (!event) throw new NotFoundException(EVENT_NOT_FOUND_MESSAGE);
    return event;
  }

  /** Who may add photos to an event and follow their processing: the owner, an assigned photographer, an ADMIN. */
  async findForContributor(user: AuthUser, id: string): Promise<RaceEvent> {
    const event = await this.events.findOneBy({ id });
    if (!event) throw new NotFoundException(EVENT_NOT_FOUND_MESSAGE);
    if (user.role === Role.ADMIN || event.ownerId === user.id) return event;
    if (await this.eventPhotographers.existsBy({ eventId: id, photographerId: user.id })) return event;
    throw new NotFoundException(EVENT_NOT_FOUND_MESSAGE);
  }

  private async freeSlug(slug: string): Promise<string> {
    const taken = await this.events.find({ select: { slug: true }, where: { slug: Like(`${slug}%`) } });
    return firstFreeSlug(slug, new Set(taken.map((event) => event.slug)));
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
}
