import { Matches } from 'class-validator';
import { Env, EnvVar, IsIntegerString, mustBe, parseInteger, readEnv } from './config-loader';

const UNIT_INTERVAL = /^(0(\.\d+)?|1(\.0+)?)$/;

class PipelineEnv {
  /** Jobs of each pipeline queue one worker process runs at once. */
  @EnvVar() @IsIntegerString(1, 64)
  PIPELINE_CONCURRENCY = '2';

  /** Laplacian variance below which a photo is flagged blurry (see imaging/blur-score.ts). */
  @EnvVar() @Matches(/^\d+(\.\d+)?$/, { message: mustBe('a non-negative number') })
  BLUR_THRESHOLD = '100';

  /** Perceptual-hash bits two photos of one event may differ by and still count as near-duplicates. */
  @EnvVar() @IsIntegerString(0, 32)
  DUPLICATE_HAMMING_THRESHOLD = '6';

  /** Watermark of the public versions when the event sets none. */
  @EnvVar() @Matches(/^.{1,120}$/, { message: mustBe('1 to 120 characters') })
  DEFAULT_WATERMARK_TEXT = 'Focus Racer';

  /** Face similarity (cosine for local embeddings) from which a photo without a bib gets a runner's bib. */
  @EnvVar() @Matches(UNIT_INTERVAL, { message: mustBe('a number from 0 to 1') })
  FACE_LINK_THRESHOLD = '0.6';

  /** How much the best runner's similarity must beat the second-best runner's: close calls link nobody. */
  @EnvVar() @Matches(UNIT_INTERVAL, { message: mustBe('a number from 0 to 1') })
  FACE_LINK_MARGIN = '0.05';

  /**
   * OCR bibs are kept from BIB_MIN_CONFIDENCE; those read below this confidence are "low confidence" and go to the
   * photographer's triage queue (photos/triage).
   */
  @EnvVar() @Matches(UNIT_INTERVAL, { message: mustBe('a number from 0 to 1') })
  REVIEW_BIB_CONFIDENCE = '0.9';

  /** A face-link bib whose similarity is less than this above FACE_LINK_THRESHOLD goes to the triage queue. */
  @EnvVar() @Matches(UNIT_INTERVAL, { message: mustBe('a number from 0 to 1') })
  FACE_REVIEW_MARGIN = '0.05';

  /** A photo ready for linking waits this long, so one pass over the event serves every photo of a burst. */
  @EnvVar() @IsIntegerString(0, 600_000)
  LINKING_DEBOUNCE_MS = '5000';

  /** Bull's job lock: a worker that dies holding a job loses it after this long (Bull's default 30 s). */
  @EnvVar() @IsIntegerString(1_000, 3_600_000)
  QUEUE_LOCK_DURATION_MS = '30000';

  /** How often workers look for jobs whose lock expired and run them again (Bull's default 30 s). */
  @EnvVar() @IsIntegerString(1_000, 3_600_000)
  QUEUE_STALLED_INTERVAL_MS = '30000';
}

/** Tuning of the photo pipeline stages (ai-pipeline/processors/) and of how their queues recover from a dead worker. */
export class PipelineConfig {
  readonly concurrency!: number;
  readonly blurThreshold!: number;
  readonly duplicateHammingThreshold!: number;
  readonly defaultWatermarkText!: string;
  readonly faceLinkThreshold!: number;
  readonly faceLinkMargin!: number;
  readonly reviewBibConfidence!: number;
  readonly faceReviewMargin!: number;
  readonly linkingDebounceMs!: number;
  readonly queueLockDurationMs!: number;
  readonly queueStalledIntervalMs!: number;

  static fromEnv(env: Env): PipelineConfig {
    const e = readEnv(PipelineEnv, env);
    return Object.assign(new PipelineConfig(), {
      concurrency: parseInteger(e.PIPELINE_CONCURRENCY),
      blurThreshold: Number(e.BLUR_THRESHOLD),
      duplicateHammingThreshold: parseInteger(e.DUPLICATE_HAMMING_THRESHOLD),
      defaultWatermarkText: e.DEFAULT_WATERMARK_TEXT,
      faceLinkThreshold: Number(e.FACE_LINK_THRESHOLD),
      faceLinkMargin: Number(e.FACE_LINK_MARGIN),
      reviewBibConfidence: Number(e.REVIEW_BIB_CONFIDENCE),
      faceReviewMargin: Number(e.FACE_REVIEW_MARGIN),
      linkingDebounceMs: parseInteger(e.LINKING_DEBOUNCE_MS),
      queueLockDurationMs: parseInteger(e.QUEUE_LOCK_DURATION_MS),
      queueStalledIntervalMs: parseInteger(e.QUEUE_STALLED_INTERVAL_MS),
    });
  }
}
