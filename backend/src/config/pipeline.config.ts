import { Matches } from 'class-validator';
import { Env, EnvVar, IsIntegerString, mustBe, parseInteger, readEnv } from './config-loader';

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
}

/** Tuning of the photo pipeline stages (ai-pipeline/processors/). */
export class PipelineConfig {
  readonly concurrency!: number;
  readonly blurThreshold!: number;
  readonly duplicateHammingThreshold!: number;
  readonly defaultWatermarkText!: string;

  static fromEnv(env: Env): PipelineConfig {
    const e = readEnv(PipelineEnv, env);
    return Object.assign(new PipelineConfig(), {
      concurrency: parseInteger(e.PIPELINE_CONCURRENCY),
      blurThreshold: Number(e.BLUR_THRESHOLD),
      duplicateHammingThreshold: parseInteger(e.DUPLICATE_HAMMING_THRESHOLD),
      defaultWatermarkText: e.DEFAULT_WATERMARK_TEXT,
    });
  }
}
