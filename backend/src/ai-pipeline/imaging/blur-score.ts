import sharp from 'sharp';

/**
 * Every photo is measured at this long edge, whatever its resolution: the Laplacian's variance depends on scale,
 * so only scores taken at one size can share a threshold.
 */
export const BLUR_SAMPLE_LONG_EDGE = 512;

/**
 * Below this a photo is flagged blurry unless configured otherwise. Only calibrated on synthetic scenes so far
 * (blur-score.spec.ts's scene: 217 sharp, 145 after a σ = 1 gaussian blur, 49 at σ = 2, 4 at σ = 6); real race
 * photos (smooth skies, motion blur on purpose) should tune it per deployment.
 */
export const DEFAULT_BLUR_THRESHOLD = 100;

/**
 * Sharpness as the variance of the Laplacian (Pech-Pacheco et al.) of a greyscale copy with a
 * BLUR_SAMPLE_LONG_EDGE px long edge. Sharp edges give a wide spread of second derivatives; blur flattens them.
 */
export async function blurScore(buffer: Buffer): Promise<number> {
  const { data, info } = await sharp(buffer, { limitInputPixels: false })
    .autoOrient()
    .greyscale()
    .resize(BLUR_SAMPLE_LONG_EDGE, BLUR_SAMPLE_LONG_EDGE, { fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const grey = new Uint8Array(info.width * info.height);
  for (let i = 0; i < grey.length; i++) grey[i] = data[i * info.channels];
  return laplacianVariance(grey, info.width, info.height);
}

/** Variance of the 4-neighbour Laplacian over the interior pixels of a greyscale image (pure). */
export function laplacianVariance(grey: Uint8Array, width: number, height: number): number {
  if (width < 3 || height < 3) return 0;
  let sum = 0;
  let sumOfSquares = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const laplacian = grey[i - width] + grey[i + width] + grey[i - 1] + grey[i + 1] - 4 * grey[i];
      sum += laplacian;
      sumOfSquares += laplacian * laplacian;
    }
  }
  const count = (width - 2) * (height - 2);
  const mean = sum / count;
  return sumOfSquares / count - mean * mean;
}

export function isBlurry(score: number, threshold: number = DEFAULT_BLUR_THRESHOLD): boolean {
  return score < threshold;
}
