import { Logger, NotFoundException } from '@nestjs/common';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailConfig } from '../config/mail.config';
import { OutboxMailSender } from './outbox-mail.sender';
import { OutboxService } from './outbox.service';

describe('outbox', () => {
  let dir: string;
  let sender: OutboxMailSender;
  let outbox: OutboxService;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'outbox-spec-')), 'not-yet-created');
    const config = MailConfig.fromEnv({ OUTBOX_DIR: dir, MAIL_FROM: 'Focus Racer <hello@focusracer.test>' });
    sender = new OutboxMailSender(config);
    outbox = new OutboxService(config);
  });

  afterEach(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('is empty when the folder does not exist yet', async () => {
    expect(await outbox.list()).toEqual([]);
  });

  it('writes each message as JSON plus a readable .html, and lists them newest first', async () => {
    await sender.send({ to: 'a@example.test', subject: 'First', text: 'one', html: '<p>one</p>' });
    await new Promise((done) => setTimeout(done, 5));
    await sender.send({ to: 'b@example.test', subject: 'Second', text: 'two', html: '<p>two</p>' });

    const files = (await readdir(dir)).sort();
    expect(files).toHaveLength(4);
    expect(files.filter((name) => name.endsWith('.html'))).toHaveLength(2);

    const messages = await outbox.list();
    expect(messages.map((message) => message.subject)).toEqual(['Second', 'First']);
    expect(messages[0]).toMatchObject({ to: 'b@example.test', from: 'Focus Racer <hello@focusracer.test>', text: 'two' });
    expect(await readFile(join(dir, `${messages[0].id}.html`), 'utf8')).toBe('<p>two</p>');
    expect(await outbox.get(messages[1].id)).toEqual(messages[1]);
  });

  it('answers 404 for an unknown id or one that tries to leave the folder', async () => {
    await expect(outbox.get('2026-01-01T00-00-00-000Z-abcdef')).rejects.toBeInstanceOf(NotFoundException);
    await expect(outbox.get('../../etc/passwd')).rejects.toBeInstanceOf(NotFoundException);
  });
});
