import { fitWithin, SELFIE_LONG_EDGE } from './selfie-image';

describe('fitWithin', () => {
  it('shrinks a phone photo so its long edge is the limit, keeping its shape', () => {
    expect(fitWithin(4032, 3024, SELFIE_LONG_EDGE)).toEqual({ width: 1024, height: 768 });
    expect(fitWithin(3024, 4032, SELFIE_LONG_EDGE)).toEqual({ width: 768, height: 1024 });
  });

  it('never enlarges a small image', () => {
    expect(fitWithin(640, 480, SELFIE_LONG_EDGE)).toEqual({ width: 640, height: 480 });
  });
});
