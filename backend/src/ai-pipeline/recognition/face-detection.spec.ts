import {
  BLAZEFACE_ANCHORS,
  BLAZEFACE_REGRESSORS,
  decodeDetections,
  DETECTOR_INPUT,
  detectionRegions,
  FaceCandidate,
  faceQuality,
  MIN_FACE_AT_DETECTOR,
  selectFaces,
} from './face-detection';

const ANCHORS = BLAZEFACE_ANCHORS.length / 2;

/** Raw detector output with one confident detection at `anchor`: box centre offset and size in detector pixels. */
function rawOutput(anchor: number, offset: [number, number], size: [number, number]): { logits: Float32Array; regressors: Float32Array } {
  const logits = new Float32Array(ANCHORS).fill(-10);
  const regressors = new Float32Array(ANCHORS * BLAZEFACE_REGRESSORS);
  logits[anchor] = 5;
  regressors.set([...offset, ...size], anchor * BLAZEFACE_REGRESSORS);
  return { logits, regressors };
}

function candidate(x1: number, y1: number, side: number, score = 0.9): FaceCandidate {
  return { box: { x1, y1, x2: x1 + side, y2: y1 + side }, score };
}

describe('BlazeFace geometry', () => {
  it('has 896 anchors: 16 × 16 cells of 2, then 8 × 8 cells of 6', () => {
    expect(ANCHORS).toBe(896);
    expect([BLAZEFACE_ANCHORS[0], BLAZEFACE_ANCHORS[1]]).toEqual([8, 8]);
    expect([BLAZEFACE_ANCHORS[2 * 512], BLAZEFACE_ANCHORS[2 * 512 + 1]]).toEqual([16, 16]);
  });

  it('reads a small photo whole, and a large one in overlapping tiles sized for the smallest face', () => {
    expect(detectionRegions(720, 480, 32)).toEqual([{ cx: 360, cy: 240, side: 720, tile: false }]);

    const [whole, ...tiles] = detectionRegions(1600, 1067, 32);
    expect(whole).toEqual({ cx: 800, cy: 533.5, side: 1600, tile: false });
    const side = Math.round((DETECTOR_INPUT * 32) / MIN_FACE_AT_DETECTOR);
    expect(tiles.length).toBeGreaterThan(1);
    for (const tile of tiles) expect(tile).toMatchObject({ side, tile: true });
    // Every pixel is in some tile, the outer tiles are flush with the photo's edges.
    expect(Math.min(...tiles.map((t) => t.cx - side / 2))).toBeCloseTo(0);
    expect(Math.max(...tiles.map((t) => t.cx + side / 2))).toBeCloseTo(1600);
    expect(Math.max(...tiles.map((t) => t.cy + side / 2))).toBeCloseTo(1067);
    const xs = [...new Set(tiles.map((t) => t.cx))].sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeLessThanOrEqual(side * 0.75);
  });

  it('turns the raw output of the whole-photo pass into a box in photo pixels', () => {
    // Photo 512 × 256 letterboxed into a 512 px square centred on it: detector pixels are 2 photo pixels.
    const region = { cx: 256, cy: 128, side: 512, tile: false };
    const { logits, regressors } = rawOutput(0, [2, 4], [20, 24]);

    const [face] = decodeDetections(logits, regressors, region, { width: 512, height: 256 }, 0.5);

    // Anchor 0 is at (8, 8); centre (10, 12); box 20 × 24 → (0, 0)–(20, 24) in detector pixels; region top is -128.
    expect(face.score).toBeCloseTo(1 / (1 + Math.exp(-5)));
    expect(face.box).toEqual({ x1: 0, y1: 0 * 2 - 128, x2: 40, y2: 24 * 2 - 128 });
  });

  it('drops a face that a tile cuts inside the photo, keeps one cut by the photo edge', () => {
    // A 256 px tile at (100, 100): detector pixels are photo pixels. Anchor 0's box starts 2 px left of the tile.
    const tile = { cx: 228, cy: 228, side: 256, tile: true };
    const { logits, regressors } = rawOutput(0, [0, 4], [20, 8]);
    expect(decodeDetections(logits, regressors, tile, { width: 1000, height: 1000 }, 0.5)).toEqual([]);

    const atEdge = { cx: 128, cy: 228, side: 256, tile: true };
    expect(decodeDetections(logits, regressors, atEdge, { width: 1000, height: 1000 }, 0.5)).toHaveLength(1);
  });

  it('keeps the most confident of overlapping detections, skips small faces and keeps the largest', () => {
    const faces = selectFaces(
      [candidate(0, 0, 100, 0.7), candidate(5, 5, 100, 0.95), candidate(300, 0, 40), candidate(500, 0, 60), candidate(700, 0, 20)],
      32,
      2,
    );

    expect(faces).toEqual([candidate(5, 5, 100, 0.95), candidate(500, 0, 60)]);
  });

  it('rates a face lower when the frame cuts it or when it is small', () => {
    const image = { width: 1000, height: 1000 };
    expect(faceQuality(candidate(100, 100, 100, 0.9), image)).toBeCloseTo(0.9);
    expect(faceQuality(candidate(-50, 100, 100, 0.9), image)).toBeCloseTo(0.45);
    expect(faceQuality(candidate(100, 100, 32, 0.9), image)).toBeCloseTo(0.45);
  });
});
