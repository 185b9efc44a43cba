import { PipelineConfig } from './pipeline.config';

describe('PipelineConfig', () => {
  it('defaults to 2 jobs at once, blur below 100, duplicates within 6 bits, "Focus Racer" watermark', () => {
    expect(PipelineConfig.fromEnv({})).toMatchObject({ concurrency: 2, blurThreshold: 100, duplicateHammingThreshold: 6, defaultWatermarkText: 'Focus Racer' });
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
