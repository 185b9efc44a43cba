import type { StartListImportResult, StartListProvider } from '@focus-racer/api-types';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { RaceEvent } from '../../events/entities/event.entity';

/**
 * The registration platform an event pulls its start list from (one per event), with the organiser's API key
 * encrypted (CredentialsCipher) and the outcome of the last sync. Deleted with the event (CASCADE).
 */
@Entity({ name: 'start_list_connectors' })
export class StartListConnectorSettings {
  @PrimaryColumn({ name: 'event_id', type: 'uuid', primaryKeyConstraintName: 'pk_start_list_connectors' })
  eventId!: string;

  @ManyToOne(() => RaceEvent, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_start_list_connectors_event' })
  event?: RaceEvent;

  /** 'njuko' | 'kms'; text so that a new platform needs no migration. */
  @Column({ name: 'provider', type: 'varchar', length: 16 })
  provider!: StartListProvider;

  /** The platform's id of the race: Njuko edition id, KMS race id. */
  @Column({ name: 'external_event_id', type: 'varchar', length: 64 })
  externalEventId!: string;

  /** `v1.<iv>.<tag>.<ciphertext>`; never sent to a client. */
  @Column({ name: 'api_key_encrypted', type: 'text' })
  apiKeyEncrypted!: string;

  /** What GETs show instead of the key ("••••••••3f9a"), computed when the key is saved. */
  @Column({ name: 'api_key_hint', type: 'varchar', length: 32 })
  apiKeyHint!: string;

  @Column({ name: 'last_sync_at', type: 'timestamptz', nullable: true })
  lastSyncAt!: Date | null;

  @Column({ name: 'last_sync_result', type: 'jsonb', nullable: true })
  lastSyncResult!: Omit<StartListImportResult, 'report'> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
