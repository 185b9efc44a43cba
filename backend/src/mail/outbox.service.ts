import { Injectable, NotFoundException } from '@nestjs/common';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MailConfig } from '../config/mail.config';
import { OUTBOX_ID_PATTERN, OutboxMessage } from './outbox-mail.sender';

/** Reads the outbox back (admin console, tests). */
@Injectable()
export class OutboxService {
  constructor(private readonly config: MailConfig) {}

  /** Newest first. */
  async list(limit = 100): Promise<OutboxMessage[]> {
    const ids = (await this.ids()).sort().reverse().slice(0, limit);
    return Promise.all(ids.map((id) => this.get(id)));
  }

  async get(id: string): Promise<OutboxMessage> {
    if (!OUTBOX_ID_PATTERN.test(id)) throw new NotFoundException('Message not found');
    try {
      return JSON.parse(await readFile(join(this.config.outboxDir, `${id}.json`), 'utf8')) as OutboxMessage;
    } catch {
      throw new NotFoundException('Message not found');
    }
  }

  private async ids(): Promise<string[]> {
    try {
      const names = await readdir(this.config.outboxDir);
      return names
        .filter((name) => name.endsWith('.json'))
        .map((name) => name.slice(0, -'.json'.length))
        .filter((id) => OUTBOX_ID_PATTERN.test(id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}
