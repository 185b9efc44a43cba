import type { JobOptions } from 'bull';

/**
 * The one place that names queues and jobs, types their payloads and sets their default options.
 * The API enqueues, the worker (worker.ts) consumes. A photo goes through the pipeline stages of PHOTO_STAGES:
 * normalise → derivatives → { quality, bibs, faces } → linking; each stage is idempotent and enqueues the stages
 * that were waiting for it.
 */
export const QUEUES = {
  NORMALISE: 'pipeline-normalise',
  DERIVATIVES: 'pipeline-derivatives',
  QUALITY: 'pipeline-quality',
  BIBS: 'pipeline-bibs',
  FACES: 'pipeline-faces',
  LINKING: 'pipeline-linking',
  /** Housekeeping on a schedule: purging expired tokens and the like. */
  MAINTENANCE: 'maintenance',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const PIPELINE_QUEUES: readonly QueueName[] = [
  QUEUES.NORMALISE,
  QUEUES.DERIVATIVES,
  QUEUES.QUALITY,
  QUEUES.BIBS,
  QUEUES.FACES,
  QUEUES.LINKING,
];

export const JOBS = {
  /** Pipeline stages each have one job kind, named after the stage. */
  NORMALISE_PHOTO: 'normalise-photo',
  MAKE_DERIVATIVES: 'make-derivatives',
  SCORE_QUALITY: 'score-quality',
  READ_BIBS: 'read-bibs',
  INDEX_FACES: 'index-faces',
  LINK_FACES_TO_BIBS: 'link-faces-to-bibs',
  /** One linking pass over an event after a photographer corrected bibs (queue LINKING, debounced). */
  RELINK_EVENT: 'relink-event',
  /** On the derivatives queue, outside the DAG: a branding change redraws the public copies, nothing else runs. */
  RERENDER_DERIVATIVES: 'rerender-derivatives',
  PURGE_EXPIRED_TOKENS: 'purge-expired-tokens',
  RETRY_UNSENT_RECEIPTS: 'retry-unsent-receipts',
} as const;

export type PhotoStage = 'normalise' | 'derivatives' | 'quality' | 'bibs' | 'faces' | 'linking';

export interface PhotoStageNode {
  stage: PhotoStage;
  queue: QueueName;
  job: (typeof JOBS)[keyof typeof JOBS];
  /** Stages that must all have finished for the photo before this one runs. */
  after: readonly PhotoStage[];
}

/**
 * The photo pipeline as a small DAG. Quality, bibs and faces only read the original and the derivatives and each
 * writes its own columns or rows, so they run side by side; linking waits for the three. A stage's job id is
 * `${photoId}-${stage}`, so enqueuing it twice is harmless.
 */
export const PHOTO_STAGES: readonly PhotoStageNode[] = [
  { stage: 'normalise', queue: QUEUES.NORMALISE, job: JOBS.NORMALISE_PHOTO, after: [] },
  { stage: 'derivatives', queue: QUEUES.DERIVATIVES, job: JOBS.MAKE_DERIVATIVES, after: ['normalise'] },
  { stage: 'quality', queue: QUEUES.QUALITY, job: JOBS.SCORE_QUALITY, after: ['derivatives'] },
  { stage: 'bibs', queue: QUEUES.BIBS, job: JOBS.READ_BIBS, after: ['derivatives'] },
  { stage: 'faces', queue: QUEUES.FACES, job: JOBS.INDEX_FACES, after: ['derivatives'] },
  { stage: 'linking', queue: QUEUES.LINKING, job: JOBS.LINK_FACES_TO_BIBS, after: ['quality', 'bibs', 'faces'] },
];

export function photoStage(stage: PhotoStage): PhotoStageNode {
  const entry = PHOTO_STAGES.find((candidate) => candidate.stage === stage);
  if (!entry) throw new Error(`Unknown pipeline stage "${stage}"`);
  return entry;
}

/**
 * The stages `stage` waits for when only the `running` stages have a processor: a stage nobody runs is skipped
 * and its own prerequisites are waited for instead (so linking waits for quality and bibs while no faces
 * processor exists).
 */
export function stagePrerequisites(stage: PhotoStage, running: ReadonlySet<PhotoStage>): PhotoStage[] {
  const found = [...new Set(photoStage(stage).after.flatMap((before) => (running.has(before) ? [before] : stagePrerequisites(before, running))))];
  // Without faces, linking would wait for derivatives through it: already implied by quality and bibs.
  return found.filter((before) => !found.some((other) => stageAncestors(other).has(before)));
}

function stageAncestors(stage: PhotoStage): Set<PhotoStage> {
  return new Set(photoStage(stage).after.flatMap((before) => [before, ...stageAncestors(before)]));
}

/** The running stages that wait for `stage`; none means `stage` is the photo's last. */
export function stageDependents(stage: PhotoStage, running: ReadonlySet<PhotoStage>): PhotoStage[] {
  return PHOTO_STAGES.filter((node) => running.has(node.stage) && stagePrerequisites(node.stage, running).includes(stage)).map((node) => node.stage);
}

export function photoJobId(photoId: string, stage: PhotoStage): string {
  return `${photoId}-${stage}`;
}

/** Payload of every pipeline stage: which photo to work on. */
export interface PhotoJobData {
  photoId: string;
}

/** Payload of RELINK_EVENT. */
export interface EventJobData {
  eventId: string;
}

export interface PurgeExpiredTokensJobData {
  /** Tokens expired (or used, or revoked) longer ago than this are deleted; kept a while for "active sessions" and audit. */
  olderThanDays: number;
}

export interface JobPayloads {
  [JOBS.NORMALISE_PHOTO]: PhotoJobData;
  [JOBS.MAKE_DERIVATIVES]: PhotoJobData;
  [JOBS.SCORE_QUALITY]: PhotoJobData;
  [JOBS.READ_BIBS]: PhotoJobData;
  [JOBS.INDEX_FACES]: PhotoJobData;
  [JOBS.LINK_FACES_TO_BIBS]: PhotoJobData;
  [JOBS.RELINK_EVENT]: EventJobData;
  [JOBS.RERENDER_DERIVATIVES]: PhotoJobData;
  [JOBS.PURGE_EXPIRED_TOKENS]: PurgeExpiredTokensJobData;
  [JOBS.RETRY_UNSENT_RECEIPTS]: Record<string, never>;
}

/** Retried with exponential backoff (5 s, 10 s, 20 s...); finished jobs are trimmed so Redis does not grow. */
export const DEFAULT_JOB_OPTIONS: JobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: 1_000,
  removeOnFail: 5_000,
};

/** The maintenance schedule: hourly, one repeatable job (its fixed jobId makes re-registering harmless). */
export const PURGE_EXPIRED_TOKENS_SCHEDULE: JobOptions = {
  ...DEFAULT_JOB_OPTIONS,
  attempts: 3,
  jobId: JOBS.PURGE_EXPIRED_TOKENS,
  repeat: { cron: '17 * * * *' },
};

/** Every 10 minutes: receipts whose send failed (mail provider down) are tried again. */
export const RETRY_UNSENT_RECEIPTS_SCHEDULE: JobOptions = {
  ...DEFAULT_JOB_OPTIONS,
  attempts: 1,
  jobId: JOBS.RETRY_UNSENT_RECEIPTS,
  repeat: { cron: '*/10 * * * *' },
};

export const PURGE_EXPIRED_TOKENS_DEFAULT_DATA: PurgeExpiredTokensJobData = { olderThanDays: 7 };
