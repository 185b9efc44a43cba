import { AuthResponse, EventDto, PhotoStatus, Role } from '@focus-racer/api-types';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QUEUES } from '../src/ai-pipeline/queues';
import { main } from '../src/cli/import-photos';
import { Photo } from '../src/photos/entities/photo.entity';
import { User } from '../src/users/entities/user.entity';
import { photoFixtures } from './photo-fixtures';
import { bearer, createTestApp, register, TestApp } from './test-app';

jest.setTimeout(90_000);

describe('npm run import (CLI main, real PostgreSQL, Redis and disk storage)', () => {
  let t: TestApp;
  let alice: AuthResponse;
  let event: EventDto;
  let folder: string;

  async function run(...args: string[]): Promise<{ code: number; output: string }> {
    let output = '';
    const code = await main(args, { write: (text: string) => (output += text), isTTY: false });
    return { code, output };
  }

  beforeAll(async () => {
    t = await createTestApp();
    alice = await register(t, Role.PHOTOGRAPHER);
    await t.db.dataSource.getRepository(User).update(alice.user.id, { creditBalance: 10 });
    event = (await t.http().post('/api/events').set(...bearer(alice)).send({ name: 'Marathon de Paris', date: '2026-04-05', location: 'Paris', sport: 'running' }).expect(201)).body as EventDto;
    folder = await mkdtemp(join(tmpdir(), 'focus-racer-import-'));
    await mkdir(join(folder, 'km-21', 'finish'), { recursive: true });
    await writeFile(join(folder, 'start.jpg'), await photoFixtures.jpeg(81));
    await writeFile(join(folder, 'km-21', 'bridge.PNG'), await photoFixtures.png(82));
    await writeFile(join(folder, 'km-21', 'finish', 'line.webp'), await photoFixtures.webp(83));
    await writeFile(join(folder, 'km-21', 'results.jpg'), photoFixtures.pdf());
    await writeFile(join(folder, 'notes.txt'), 'not a photo');
  });

  afterAll(async () => {
    await Promise.all(Object.values(QUEUES).map((name) => t?.app.get<Queue>(getQueueToken(name)).obliterate({ force: true }).catch(() => undefined)));
    await t?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('imports every photo under the folder as the owner, 1 credit each, reports refusals and exits 1 when some were refused', async () => {
    const { code, output } = await run('--event', event.id, folder);
    expect(code).toBe(1);
    expect(output).toContain('[4/4]');
    expect(output).toMatch(/km-21\/results\.jpg: rejected, .*PDF/);
    expect(output).toContain('Done: 3 imported, 0 already in the event, 1 rejected; 7 credits left.');
    const photos = await t.db.dataSource.getRepository(Photo).findBy({ eventId: event.id });
    expect(photos.map((photo) => photo.originalFilename).sort()).toEqual(['km-21/bridge.PNG', 'km-21/finish/line.webp', 'start.jpg']);
    for (const photo of photos) expect(photo).toMatchObject({ uploaderId: alice.user.id, creditCharged: true });
    expect(photos.every((photo) => [PhotoStatus.UPLOADED, PhotoStatus.PROCESSING].includes(photo.status))).toBe(true);
    const queued = await t.app.get<Queue>(getQueueToken(QUEUES.NORMALISE)).getJobCounts();
    expect(queued.waiting + queued.active + queued.delayed).toBe(3);
  });

  it('skips what is already imported, so an import can be run again', async () => {
    await rm(join(folder, 'km-21', 'results.jpg'));
    const { code, output } = await run('--event', event.id, folder);
    expect(output).toContain('Done: 0 imported, 3 already in the event, 0 rejected; 7 credits left.');
    expect(code).toBe(0);
    expect(await t.db.dataSource.getRepository(Photo).countBy({ eventId: event.id })).toBe(3);
  });

  it('exits 1 with a clear message for an unknown event, an empty folder or an account that may not upload', async () => {
    const unknown = await run('--event', randomUUID(), folder);
    expect(unknown).toEqual({ code: 1, output: expect.stringMatching(/^No event [0-9a-f-]{36}\.\n$/) });
    const empty = await mkdtemp(join(tmpdir(), 'focus-racer-import-empty-'));
    try {
      expect(await run('--event', event.id, empty)).toEqual({ code: 1, output: `No JPEG, PNG or WebP photos in ${empty}.\n` });
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
    expect((await run(folder)).output).toMatch(/^--event must be an event id/);
    const stranger = await register(t, Role.PHOTOGRAPHER);
    const refused = await run('--event', event.id, '--as', stranger.user.email, folder);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`${stranger.user.email} may not upload to the event "Marathon de Paris"`);
  });
});
