/**
 * @jest-environment ./src/ai-pipeline/recognition/onnx-jest-environment.cjs
 */
import { statSync } from 'node:fs';
import sharp from 'sharp';
import { digitClassMask, LocalPaddleBibReader, ocrModelPaths } from './local-bib-reader';

/**
 * Runs the real offline models (from node_modules) on a synthetic bib: a white card with big black digits
 * composited on a noisy background. Needs the "DejaVu Sans" font (Debian: fonts-dejavu-core) for the SVG text.
 */
async function syntheticBibPhoto(number: string): Promise<{ image: Buffer; card: { x: number; y: number; w: number; h: number } }> {
  const width = 800;
  const height = 600;
  const noise = Buffer.alloc(width * height * 3);
  let seed = 42;
  for (let i = 0; i < noise.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    noise[i] = 60 + (seed % 120);
  }
  const card = { x: 250, y: 200, w: 300, h: 160 };
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${card.w}" height="${card.h}">
       <rect width="100%" height="100%" fill="#ffffff"/>
       <text x="50%" y="72%" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="96"
             fill="#000000">${number}</text>
     </svg>`,
  );
  const image = await sharp(noise, { raw: { width, height, channels: 3 } })
    .composite([{ input: svg, left: card.x, top: card.y }])
    .jpeg({ quality: 90 })
    .toBuffer();
  return { image, card };
}

describe('LocalPaddleBibReader', () => {
  // 960 px keeps the test fast; the card's digits are large enough at that size.
  const reader = new LocalPaddleBibReader({ threads: 2, longEdge: 960 });
  afterAll(() => reader.close());

  it('reads the number printed on a bib, with a box on the bib in input pixels', async () => {
    const { image, card } = await syntheticBibPhoto('2468');

    const readings = await reader.read(image);

    expect(readings.map((r) => r.number)).toEqual(['2468']);
    const [{ box, confidence }] = readings;
    expect(confidence).toBeGreaterThan(0.8);
    expect(box.x).toBeGreaterThanOrEqual(card.x - 10);
    expect(box.y).toBeGreaterThanOrEqual(card.y - 10);
    expect(box.x + box.w).toBeLessThanOrEqual(card.x + card.w + 10);
    expect(box.y + box.h).toBeLessThanOrEqual(card.y + card.h + 10);
  }, 60_000);

  it('reads models from the npm package, not from the network', () => {
    for (const path of Object.values(ocrModelPaths())) expect(statSync(path).size).toBeGreaterThan(0);
  });

  it('decodes digits and space only (class 0 is the CTC blank)', () => {
    expect([...digitClassMask(['a', '1', 'B', ' ', '9'])]).toEqual([1, 0, 1, 0, 1, 1]);
  });
});
