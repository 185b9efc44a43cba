import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MailConfig } from '../config/mail.config';
import { MailMessage, MailSender } from './mail-sender';

/** What the outbox keeps of a message: `<id>.json` (this) and `<id>.html` (the body, to open in a browser). */
export interface OutboxMessage extends MailMessage {
  id: string;
  from: string;
  createdAt: string;
}

/** Ids sort by time: `2026-05-01T10-20-30-123Z-1a2b3c`. */
export const OUTBOX_ID_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-[0-9a-f]{6}$/;

/** Default mail sender: writes each message to OUTBOX_DIR so a developer (or a test) can read it. */
@Injectable()
export class OutboxMailSender implements MailSender {
  private readonly logger = new Logger(OutboxMailSender.name);

  constructor(private readonly config: MailConfig) {}

  async send(message: MailMessage): Promise<void> {
    const createdAt = new Date();
    const id = `${createdAt.toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
    const stored: OutboxMessage = { id, from: this.config.from, createdAt: createdAt.toISOString(), ...message };
    await mkdir(this.config.outboxDir, { recursive: true });
    await writeFile(join(this.config.outboxDir, `${id}.html`), message.html, 'utf8');
    await writeFile(join(this.config.outboxDir, `${id}.json`), `${JSON.stringify(stored, null, 2)}\n`, 'utf8');
    this.logger.log(`Mail "${message.subject}" written to the outbox as ${id}.json`);
  }
}
