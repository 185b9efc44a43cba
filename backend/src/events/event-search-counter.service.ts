import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { SearchKind } from '@focus-racer/api-types';
import { Repository } from 'typeorm';
import { EventSearchDaily } from './entities/event-search-daily.entity';

/**
 * Counts runners' searches per event, UTC day and kind (event_search_daily) for the organizers' statistics. One
 * upsert per search, not awaited by the search: a counting failure is logged and never slows or fails a runner.
 */
@Injectable()
export class EventSearchCounter {
  private readonly logger = new Logger(EventSearchCounter.name);

  constructor(@InjectRepository(EventSearchDaily) private readonly counts: Repository<EventSearchDaily>) {}

  /** Fire and forget; the returned promise (never rejected) is for tests that want to wait. */
  count(eventId: string, kind: SearchKind): Promise<void> {
    return this.counts
      .query(
        `INSERT INTO event_search_daily (event_id, day, kind, count) VALUES ($1, (now() AT TIME ZONE 'UTC')::date, $2, 1)
         ON CONFLICT (event_id, day, kind) DO UPDATE SET count = event_search_daily.count + 1`,
        [eventId, kind],
      )
      .then(
        () => undefined,
        (error: unknown) => this.logger.error(`Search of event ${eventId} (${kind}) not counted: ${String(error)}`),
      );
  }
}
