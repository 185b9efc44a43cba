import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EventAccess, EventDto, EventStatus, PublicEventDto, Role } from '@focus-racer/api-types';
import { Brackets, Like, QueryFailedError, Repository } from 'typeorm';
import { PhotoPipelineService } from '../ai-pipeline/photo-pipeline.service';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { AppConfig } from '../config/app.config';
import { CreateEventBody, PublicEventsQuery, UpdateEventBody } from './dto/event.dto';
import { EventPhotographer } from './entities/event-photographer.entity';
import { RaceEvent } from './entities/event.entity';
import { EventDtoContext, EventPhotoStats, toEventDto, toPublicEventDto } from './event-dto.mapper';
import { statusChangeRefusal } from './event-lifecycle';
import { eventSlug, firstFreeSlug } from './slug';

export const EVENT_NOT_FOUND_MESSAGE = 'Event not found';
const PUBLIC_LIST_LIMIT = 200;
/** Re-render jobs put on the queue at once. */
const ENQUEUE_BATCH = 50;

/**
 * Owns race events. Every read or write of one event goes through `findOwned`, so a pro never sees or changes
 * another pro's event (answered 404, as if it did not exist); an ADMIN acts on all of them.
 */
@Injectable()
export class EventsService {
  private readonly logger = new Logger(EventsService.name);

  constructor(
    @InjectRepository(RaceEvent) private readonly events: Repository<RaceEvent>,
    @InjectRepository(EventPhotographer) private readonly eventPhotographers: Repository<EventPhotographer>,
    private readonly app: AppConfig,
    private readonly pipeline: PhotoPipelineService,
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
        return toEventDto(await this.events.findOneByOrFail({ id: event.id }), this.dtoContext());
      } catch (error) {
        // Another event took the same slug between our check and our insert: pick the next one.
        if (attempt < 3 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }

  /** The pro's own events, then those they were invited to photograph (access 'photographer'); every event for an ADMIN. */
  async list(user: AuthUser): Promise<EventDto[]> {
    const builder = this.events.createQueryBuilder('event').orderBy('event.date', 'DESC').addOrderBy('event.created_at', 'DESC');
    if (user.role !== Role.ADMIN) {
      builder.where(
        new Brackets((where) =>
          where
            .where('event.owner_id = :userId')
            .orWhere('EXISTS (SELECT 1 FROM event_photographers ep WHERE ep.event_id = event.id AND ep.photographer_id = :userId)'),
        ),
        { userId: user.id },
      );
    }
    const events = await builder.getMany();
    const stats = await this.photoStats(events.map((event) => event.id), false);
    return events.map((event) => toEventDto(event, this.dtoContext(accessOf(user, event)), stats.get(event.id)));
  }

  /** The owner and an ADMIN see the event to manage it; a photographer invited to it sees it too (access 'photographer'). */
  async get(user: AuthUser, id: string): Promise<EventDto> {
    const event = await this.findForContributor(user, id);
    return this.toDto(event, accessOf(user, event));
  }

  /** An event as the pros' API returns it (other event endpoints answer with it after a change). */
  async toDto(event: RaceEvent, access: EventAccess = 'owner'): Promise<EventDto> {
    return toEventDto(event, this.dtoContext(access), (await this.photoStats([event.id], false)).get(event.id));
  }

  /**
   * The slug stays as created even if the name or date changes: it is in links people have shared. A status change
   * follows the lifecycle (event-lifecycle.ts), checked on the event as it will be after this update; 409 otherwise.
   */
  async update(user: AuthUser, id: string, body: UpdateEventBody): Promise<EventDto> {
    const event = await this.findOwned(user, id);
    const changes = definedOnly(body);
    const next = { ...event, ...changes };
    if (changes.status !== undefined && changes.status !== event.status) {
      const hasSales = changes.status === EventStatus.DRAFT && (await this.hasSales(event.id));
      const refusal = statusChangeRefusal(event.status, changes.status, { name: next.name, date: next.date, location: next.location, hasSales });
      if (refusal) throw new ConflictException(refusal);
    }
    // Only the status moves if it is still what was read: two organizers clicking at once cannot skip the rules.
    const result = Object.keys(changes).length > 0 ? await this.events.update({ id, status: event.status }, changes) : { affected: 1 };
    if (result.affected === 0) throw new ConflictException('The event changed while you were editing it: reload it and try again.');
    const updated = await this.events.findOneByOrFail({ id });
    // The watermark text is also editable here (older clients): the public copies must follow it like a branding save.
    if (updated.watermarkText !== event.watermarkText) await this.rerenderPhotos(id);
    return this.toDto(updated);
  }

  /**
   * Queues a re-render of the public copies of every photo of the event already rendered (the others get the
   * current branding when their derivatives stage runs); bibs and faces are kept. The branding is saved before
   * this runs: if the queue fails half-way, the count says how many were queued and the rest keep the old marks
   * until the next change or a reprocess of the event.
   */
  async rerenderPhotos(eventId: string): Promise<number> {
    const rows: Array<{ id: string }> = await this.events.query(
      `SELECT id FROM photos WHERE event_id = $1 AND web_key IS NOT NULL ORDER BY created_at, id`,
      [eventId],
    );
    let queued = 0;
    try {
      for (let start = 0; start < rows.length; start += ENQUEUE_BATCH) {
        const batch = rows.slice(start, start + ENQUEUE_BATCH);
        await Promise.all(batch.map((row) => this.pipeline.rerenderDerivatives(row.id)));
        queued += batch.length;
      }
    } catch (error) {
      this.logger.error(`Event ${eventId}: ${queued} of ${rows.length} photos queued for re-rendering, then: ${String(error)}`);
    }
    return queued;
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

  /** Orders paid on the event (refunded or disputed since included): someone bought from its public page. */
  private async hasSales(eventId: string): Promise<boolean> {
    const rows: unknown[] = await this.events.query(
      `SELECT 1 FROM orders WHERE event_id = $1 AND status IN ('paid', 'refunded', 'disputed') LIMIT 1`,
      [eventId],
    );
    return rows.length > 0;
  }

  private dtoContext(access: EventDtoContext['access'] = 'owner'): EventDtoContext {
    return { publicWebUrl: this.app.publicWebUrl, access };
  }

  private async freeSlug(slug: string): Promise<string> {
    const taken = await this.events.find({ select: { slug: true }, where: { slug: Like(`${slug}%`) } });
    return firstFreeSlug(slug, new Set(taken.map((event) => event.slug)));
  }
}

function accessOf(user: AuthUser, event: RaceEvent): EventAccess {
  return user.role === Role.ADMIN || event.ownerId === user.id ? 'owner' : 'photographer';
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
}
