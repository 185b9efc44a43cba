import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { RaceEvent } from '../../events/entities/event.entity';

/**
 * One runner of an event's start list, imported from a timing provider or a CSV. Lets runners search by name and
 * lets the pipeline reject OCR reads that are not on the list. Deleted with the event (CASCADE). One runner per
 * bib in an event: imports upsert on (event_id, bib).
 */
@Entity({ name: 'start_list_entries' })
@Index('uq_start_list_entries_event_bib', ['eventId', 'bib'], { unique: true })
export class StartListEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_start_list_entries' })
  id!: string;

  @ManyToOne(() => RaceEvent, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_start_list_entries_event' })
  event?: RaceEvent;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'bib', type: 'varchar', length: 12 })
  bib!: string;

  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName!: string;

  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName!: string;

  @Column({ name: 'category', type: 'varchar', length: 50, nullable: true })
  category!: string | null;

  @Column({ name: 'club', type: 'varchar', length: 150, nullable: true })
  club!: string | null;

  @Column({ name: 'email', type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  /** As the timing provider prints it ("1:02:03"); text, because `interval` comes back from pg as an object. */
  @Column({ name: 'chip_time', type: 'varchar', length: 16, nullable: true })
  chipTime!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Last time an import changed this runner (a re-import of identical data leaves it alone). */
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
