import { PipelineConfig } from './pipeline.config';

describe('PipelineConfig', () => {
  it('defaults to 2 jobs at once, blur below 100, duplicates within 6 bits, "Focus Racer" watermark', () => {
    expect(PipelineConfig.fromEnv({})).toMatchObject({ concurrency: 2, blurThreshold: 100, duplicateHammingThreshold: 6, defaultWatermarkText: 'Focus Racer' });
  });

  it('defaults face linking to cosine 0.6 with a 0.05 lead over the next runner, 5 s debounce, and Bull\'s 30 s lock and stall check', () => {
    expect(PipelineConfig.fromEnv({})).toMatchObject({
      faceLinkThreshold: 0.6,
      faceLinkMargin: 0.05,
      linkingDebounceMs: 5000,
      queueLockDurationMs: 30_000,
      queueStalledIntervalMs: 30_000,
    });
    expect(PipelineConfig.fromEnv({ FACE_LINK_THRESHOLD: '0.72', LINKING_DEBOUNCE_MS: '0', QUEUE_LOCK_DURATION_MS: '2000' })).toMatchObject({
      faceLinkThreshold: 0.72,
      linkingDebounceMs: 0,
      queueLockDurationMs: 2000,
    });
    expect(() => PipelineConfig.fromEnv({ FACE_LINK_THRESHOLD: '1.5' })).toThrow('FACE_LINK_THRESHOLD must be a number from 0 to 1');
    expect(() => PipelineConfig.fromEnv({ QUEUE_STALLED_INTERVAL_MS: '10' })).toThrow('QUEUE_STALLED_INTERVAL_MS must be an integer between 1000 and 3600000');
  });

  it('reads the variables and names a bad one', () => {
    expect(PipelineConfig.fromEnv({ PIPELINE_CONCURRENCY: '4', BLUR_THRESHOLD: '55.5', DUPLICATE_HAMMING_THRESHOLD: '10' })).toMatchObject({
      concurrency: 4,
      blurThreshold: 55.5,
      duplicateHammingThreshold: 10,
    });
    expect(() => PipelineConfig.fromEnv({ DUPLICATE_HAMMING_THRESHOLD: '40' })).toThrow('DUPLICATE_HAMMING_THRESHOLD must be an integer between 0 and 32');
  });
});
