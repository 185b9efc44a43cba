import { RgbImage, sampleSquare } from './face-crop';

function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 3);
  }
  return { data, width, height };
}

describe('sampleSquare', () => {
  it('reads a square region pixel for pixel when it is not resized', () => {
    const source = image(6, 4, (x, y) => [x * 10, y * 20, 7]);

    const out = sampleSquare(source, { cx: 3, cy: 2, side: 4 }, 4, 0);

    // The region starts at (1, 0): output (u, v) is source (1 + u, v).
    expect(Array.from(out.slice(0, 3))).toEqual([10, 0, 7]);
    const last = (3 * 4 + 3) * 3;
    expect(Array.from(out.slice(last, last + 3))).toEqual([40, 60, 7]);
  });

  it('letterboxes with the fill level outside the image, or repeats the border in edge mode', () => {
    const source = image(4, 2, () => [200, 100, 50]);
    // A square as wide as the image: one row of pixels above and below lies outside.
    const filled = sampleSquare(source, { cx: 2, cy: 1, side: 4 }, 4, 0);
    const edged = sampleSquare(source, { cx: 2, cy: 1, side: 4 }, 4, 'edge');

    expect(Array.from(filled.slice(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(filled.slice(4 * 3, 4 * 3 + 3))).toEqual([200, 100, 50]);
    expect(Array.from(edged.slice(0, 3))).toEqual([200, 100, 50]);
  });

  it('averages the pixels it shrinks, so fine detail is not aliased away', () => {
    // One-pixel black and white stripes: plain bilinear sampling at 1/8 would land on one colour.
    const stripes = image(64, 64, (x) => (x % 2 === 0 ? [0, 0, 0] : [255, 255, 255]));

    const out = sampleSquare(stripes, { cx: 32, cy: 32, side: 64 }, 8, 0);

    for (const value of out) expect(value).toBeCloseTo(127.5, 0);
  });
});
