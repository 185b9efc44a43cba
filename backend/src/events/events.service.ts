import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EventDto, EventStatus, PublicEventDto, Role } from '@focus-racer/api-types';
import { Brackets, FindOptionsWhere, Like, QueryFailedError, Repository } from 'typeorm';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { CreateEventBody, PublicEventsQuery, UpdateEventBody } from './dto/event.dto';
import { EventPhotographer } from './entities/event-photographer.entity';
import { RaceEvent } from './entities/event.entity';
import { EventPhotoStats, toEventDto, toPublicEventDto } from './event-dto.mapper';
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
    const stats = await this.photoStats(events.map((event) => event.id), false);
    return events.map((event) => toEventDto(event, stats.get(event.id)));
  }

  async get(user: AuthUser, id: string): Promise<EventDto> {
    const event = await this.findOwned(user, id);
    return toEventDto(event, (await this.photoStats([event.id], false)).get(event.id));
  }

  /** The slug stays as created even if the name or date changes: it is in links people have shared. */
  async update(user: AuthUser, id: string, body: UpdateEventBody): Promise<EventDto> {
    const event = await this.findOwned(user, id);
    Object.assign(event, definedOnly(body));
    await this.events.save(event);
    const updated = await this.events.findOneByOrFail({ id });
    return toEventDto(updated, (await this.photoStats([id], false)).get(id));
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
    const events = await builder.getMany();
    const stats = await this.photoStats(events.map((event) => event.id), true);
    return events.map((event) => toPublicEventDto(event, stats.get(event.id)));
  }

  async getPublishedBySlug(slug: string): Promise<PublicEventDto> {
    const event = await this.findPublishedBySlug(slug);
    return toPublicEventDto(event, (await this.photoStats([event.id], true)).get(event.id));
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

  /**
   * Photo counts and the first photo of many events in one query. The public count is what the public gallery
   * shows (the visibility rule of photos/public/public-photo.ts, repeated here as SQL because events cannot
   * import the photos domain, which depends on events); the pros' count is every photo.
   */
  private async photoStats(eventIds: string[], publicOnly: boolean): Promise<Map<string, EventPhotoStats>> {
    if (eventIds.length === 0) return new Map();
    const visible = publicOnly
      ? `AND status = 'processed' AND hidden = false AND is_blurry = false AND duplicate_of_id IS NULL AND web_key IS NOT NULL`
      : '';
    const rows: Array<{ event_id: string; photo_count: number; first_web_key: string | null }> = await this.events.query(
      `SELECT event_id, count(*)::int AS photo_count,
              (array_agg(web_key ORDER BY created_at, id) FILTER (WHERE web_key IS NOT NULL AND hidden = false))[1] AS first_web_key
       FROM photos WHERE event_id = ANY($1) ${visible} GROUP BY event_id`,
      [eventIds],
    );
    return new Map(rows.map((row) => [row.event_id, { photoCount: row.photo_count, firstWebKey: row.first_web_key }]));
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
