/**
 * Pixel sampling for the face models, in plain code on decoded RGB bytes: square regions of a photo read into the
 * fixed-size inputs the detector (256 px) and the embedder (224 px) take. One function serves both so that the
 * geometry (centre, side, what lies outside the photo) is the same everywhere.
 */

/** Decoded RGB pixels: 3 bytes per pixel, rows top to bottom. */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A square of the image, in image pixels; it may reach outside the image. */
export interface SquareRegion {
  cx: number;
  cy: number;
  side: number;
}

/**
 * Reads `region` into a size × size RGB array of floats (0..255), bilinear. When the region is shrunk by more than
 * 1.5× (a whole photo read at detector size), each output pixel averages up to 4 × 4 sub-samples: plain bilinear
 * would skip most source pixels and alias small faces away. Outside the image: `'edge'` repeats the border pixels
 * (a face cut by the frame keeps plausible colours), a number fills with that grey level (letterboxing).
 */
export function sampleSquare(image: RgbImage, region: SquareRegion, size: number, outside: 'edge' | number): Float32Array {
  const { data, width, height } = image;
  const out = new Float32Array(size * size * 3);
  const step = region.side / size;
  const sub = step > 1.5 ? Math.min(4, Math.ceil(step)) : 1;
  const left = region.cx - region.side / 2;
  const top = region.cy - region.side / 2;
  const fill = outside === 'edge' ? -1 : outside;
  const weight = 1 / (sub * sub);
  for (let v = 0; v < size; v++) {
    for (let u = 0; u < size; u++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = 0; sy < sub; sy++) {
        // Pixel centres are at +0.5: the sample point's position relative to the centres of its 4 neighbours.
        const y = top + (v + (sy + 0.5) / sub) * step - 0.5;
        for (let sx = 0; sx < sub; sx++) {
          const x = left + (u + (sx + 0.5) / sub) * step - 0.5;
          if (fill >= 0 && (x < -0.5 || y < -0.5 || x > width - 0.5 || y > height - 0.5)) {
            r += fill;
            g += fill;
            b += fill;
            continue;
          }
          const x0 = floor(x);
          const y0 = floor(y);
          const fx = x - x0;
          const fy = y - y0;
          const xa = clamp(x0, width - 1);
          const xb = clamp(x0 + 1, width - 1);
          const ya = clamp(y0, height - 1) * width;
          const yb = clamp(y0 + 1, height - 1) * width;
          const p00 = (ya + xa) * 3;
          const p10 = (ya + xb) * 3;
          const p01 = (yb + xa) * 3;
          const p11 = (yb + xb) * 3;
          const w00 = (1 - fx) * (1 - fy);
          const w10 = fx * (1 - fy);
          const w01 = (1 - fx) * fy;
          const w11 = fx * fy;
          r += data[p00] * w00 + data[p10] * w10 + data[p01] * w01 + data[p11] * w11;
          g += data[p00 + 1] * w00 + data[p10 + 1] * w10 + data[p01 + 1] * w01 + data[p11 + 1] * w11;
          b += data[p00 + 2] * w00 + data[p10 + 2] * w10 + data[p01 + 2] * w01 + data[p11 + 2] * w11;
        }
      }
      const o = (v * size + u) * 3;
      out[o] = r * weight;
      out[o + 1] = g * weight;
      out[o + 2] = b * weight;
    }
  }
  return out;
}

/**
 * Math.floor for pixel coordinates (|value| < 2^31). This loop runs a million times per photo; in Jest's sandbox
 * each Math call costs ~150 ns (not inlined across the vm context), which made the specs ten times slower.
 */
function floor(value: number): number {
  const truncated = value | 0;
  return truncated > value ? truncated - 1 : truncated;
}

function clamp(value: number, max: number): number {
  return value < 0 ? 0 : value > max ? max : value;
}
