import type { SearchKind } from '@focus-racer/api-types';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RaceEvent } from './event.entity';

/**
 * How many searches runners made on an event, per UTC day and kind: the organizers' statistics need counts, not
 * the searches themselves (no bib, name or selfie is kept). One row per (event, day, kind), incremented by an
 * upsert (EventSearchCounter).
 */
@Entity({ name: 'event_search_daily' })
@Check('chk_event_search_daily_kind', `"kind" IN ('bib', 'name', 'selfie')`)
export class EventSearchDaily {
  @PrimaryColumn({ name: 'event_id', type: 'uuid', primaryKeyConstraintName: 'pk_event_search_daily' })
  eventId!: string;

  @ManyToOne(() => RaceEvent, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_event_search_daily_event' })
  event?: RaceEvent;

  /** UTC calendar day, 'YYYY-MM-DD' as `pg` returns a `date`. */
  @PrimaryColumn({ name: 'day', type: 'date', primaryKeyConstraintName: 'pk_event_search_daily' })
  day!: string;

  @PrimaryColumn({ name: 'kind', type: 'varchar', length: 8, primaryKeyConstraintName: 'pk_event_search_daily' })
  kind!: SearchKind;

  @Column({ name: 'count', type: 'integer', default: 0 })
  count!: number;
}
