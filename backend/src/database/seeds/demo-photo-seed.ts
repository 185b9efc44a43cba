import { Role } from '@focus-racer/api-types';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { RaceEvent } from '../../events/entities/event.entity';
import { Photo } from '../../photos/entities/photo.entity';
import { DUPLICATE_IN_EVENT_MESSAGE, PhotosService } from '../../photos/photos.service';
import { User } from '../../users/entities/user.entity';
import { DemoPhotoOptions, DemoPhotoPlan, planDemoPhotos, renderDemoPhoto } from './demo-photos';
import { DEMO_ACCOUNTS, DEMO_EVENTS } from './demo-seed';

/**
 * The demo race's photos, through the real upload path: generated (demo-photos.ts), then handed one by one to
 * PhotosService.ingestFile as the demo photographer — the same checks, 1 credit each and the same hand-over to
 * the pipeline queues as an upload or `npm run import`. The worker processes them whenever it runs (the jobs wait
 * in Redis), so search by bib and by name works on the demo event once it has caught up.
 *
 * Idempotent: a photo is identified by its file name in the event; when every demo photo is there nothing is even
 * drawn, and a run that was interrupted half-way only adds the missing ones. A photo already in the event with the
 * same bytes is refused by ingestFile itself (content hash), uncharged.
 */

/** How many photos are drawn ahead of the one being uploaded (drawing is most of the time). */
const RENDER_AHEAD = 2;

export interface DemoPhotoSeedResult {
  /** Accepted, charged and queued in this run. */
  queued: number;
  /** Demo photos already in the event before this run (or refused as already there). */
  alreadyThere: number;
  rejected: Array<{ filename: string; reason: string }>;
}

export interface MissingDemoPhotos {
  event: RaceEvent;
  photographer: User;
  /** Demo photos not in the event yet (by file name), in plan order. */
  missing: DemoPhotoPlan[];
}

/** What seedDemoPhotos would upload; null when the demo event or photographer is missing. Only reads the database. */
export async function findMissingDemoPhotos(dataSource: DataSource, plans: readonly DemoPhotoPlan[] = planDemoPhotos()): Promise<MissingDemoPhotos | null> {
  const demoEvent = DEMO_EVENTS.find((event) => event.withDemoPhotos);
  const photographerEmail = DEMO_ACCOUNTS.find((account) => account.role === Role.PHOTOGRAPHER)?.email;
  const event = demoEvent && (await dataSource.getRepository(RaceEvent).findOneBy({ slug: demoEvent.slug }));
  const photographer = photographerEmail && (await dataSource.getRepository(User).findOneBy({ email: photographerEmail }));
  if (!event || !photographer) return null;
  const present = new Set(
    (await dataSource.getRepository(Photo).find({ select: { originalFilename: true }, where: { eventId: event.id } })).map(
      (photo) => photo.originalFilename,
    ),
  );
  return { event, photographer, missing: plans.filter((plan) => !present.has(plan.filename)) };
}

export async function seedDemoPhotos(
  photos: PhotosService,
  dataSource: DataSource,
  log: (line: string) => void,
  options: Pick<DemoPhotoOptions, 'width' | 'height'> & { plans?: readonly DemoPhotoPlan[] } = {},
): Promise<DemoPhotoSeedResult> {
  const result: DemoPhotoSeedResult = { queued: 0, alreadyThere: 0, rejected: [] };
  const plans = options.plans ?? planDemoPhotos();
  const found = await findMissingDemoPhotos(dataSource, plans);
  if (!found) {
    log('demo photos skipped: the demo event or the demo photographer is missing (run the demo seed first)');
    return result;
  }
  const { event, photographer: account, missing } = found;
  result.alreadyThere = plans.length - missing.length;
  if (missing.length === 0) {
    log(`demo photos already in ${event.slug} (${plans.length}), nothing uploaded`);
    return result;
  }
  const user: AuthUser = { id: account.id, email: account.email, role: account.role };
  // The same permission check as `npm run import`: the photographer is assigned to the organiser's race.
  await photos.findUploadable(user, event.id);

  const started = Date.now();
  const rendering = new Map<number, Promise<Buffer>>();
  const render = (index: number) => {
    if (index < missing.length && !rendering.has(index)) rendering.set(index, renderDemoPhoto(missing[index], options));
  };
  // In plan order, so upload order (which near-duplicate counts as the original) is the same on every machine.
  for (const [index, plan] of missing.entries()) {
    for (let ahead = 0; ahead <= RENDER_AHEAD; ahead++) render(index + ahead);
    const jpeg = await (rendering.get(index) as Promise<Buffer>);
    rendering.delete(index);
    const outcome = await photos.ingestFile(user, event, { filename: plan.filename, stream: Readable.from(jpeg) });
    if (outcome.status === 'accepted') result.queued++;
    else if (outcome.reason === DUPLICATE_IN_EVENT_MESSAGE) result.alreadyThere++;
    else result.rejected.push({ filename: plan.filename, reason: outcome.reason ?? 'rejected' });
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(
    `uploaded ${result.queued} generated demo photos to ${event.slug} as ${account.email} in ${seconds} s; ` +
      `the worker processes them once it runs`,
  );
  for (const { filename, reason } of result.rejected) log(`demo photo ${filename} refused: ${reason}`);
  return result;
}
