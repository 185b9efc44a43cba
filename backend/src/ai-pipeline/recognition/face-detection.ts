import type { SquareRegion } from './face-crop';

/**
 * The geometry around the BlazeFace detector (MediaPipe's full-range "back" model, as shipped by
 * `@vladmandic/human`): where to look in a photo, how to read the model's raw output back into photo pixels, and
 * which detections to keep. Pure code; the model itself runs in LocalFaceIndexer.
 *
 * BlazeFace sees its whole input at 256 × 256. Measured on the labelled faces of shared/datasets/race-photos, read
 * at several scales: it finds 96–100 % of faces at least 10 px wide at that scale, 89 % at 8–10 px, 73 % at 6–8 px.
 * A whole 1600 px photo read at 256 px only shows faces above ~62 px, so photos are also read in overlapping tiles,
 * sized so that the smallest face worth indexing is 10 px at detector scale.
 */

export const DETECTOR_INPUT = 256;
/** Smallest face width, in detector-input pixels, that BlazeFace reliably finds (measured, see above). */
export const MIN_FACE_AT_DETECTOR = 10;
/** Two detections overlapping more than this (intersection over union) are one face. */
const SAME_FACE_IOU = 0.3;
/** Tiles overlap by a quarter of their side: every face small enough to need tiles lies whole inside one. */
const TILE_OVERLAP = 0.25;

/** Axis-aligned box in image pixels, corners. */
export interface FaceBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface FaceCandidate {
  /** BlazeFace's box: about the face itself, forehead to chin (0.9× a hand-drawn face box, measured). */
  box: FaceBox;
  /** Detector confidence 0..1. */
  score: number;
}

/** A region the detector reads; tiles drop what they cut (see `decodeDetections`). */
export interface DetectionRegion extends SquareRegion {
  tile: boolean;
}

/**
 * Anchor centres of BlazeFace-back, in detector-input pixels, in output order: a 16 × 16 grid (stride 16) with
 * 2 anchors per cell, then an 8 × 8 grid (stride 32) with 6 per cell: 896 anchors.
 */
export const BLAZEFACE_ANCHORS: Float32Array = (() => {
  const anchors: number[] = [];
  for (const [stride, perCell] of [
    [16, 2],
    [32, 6],
  ]) {
    const cells = DETECTOR_INPUT / stride;
    for (let y = 0; y < cells; y++) {
      for (let x = 0; x < cells; x++) {
        for (let n = 0; n < perCell; n++) anchors.push(stride * (x + 0.5), stride * (y + 0.5));
      }
    }
  }
  return Float32Array.from(anchors);
})();

/** Regressor values per anchor: box centre offset (2), box size (2), then 6 keypoints (12), unused here. */
export const BLAZEFACE_REGRESSORS = 16;

/**
 * The regions to run the detector on for an image: the whole image (letterboxed to a square), plus overlapping
 * square tiles when faces of `minFaceSize` px would be smaller than MIN_FACE_AT_DETECTOR at whole-image scale.
 * Tiles are never smaller than the detector input (no upscaling).
 */
export function detectionRegions(width: number, height: number, minFaceSize: number): DetectionRegion[] {
  const longEdge = Math.max(width, height);
  const regions: DetectionRegion[] = [{ cx: width / 2, cy: height / 2, side: longEdge, tile: false }];
  const side = Math.max(DETECTOR_INPUT, Math.round((DETECTOR_INPUT * minFaceSize) / MIN_FACE_AT_DETECTOR));
  if (side >= longEdge) return regions;
  const xs = tileCentres(width, side);
  const ys = tileCentres(height, side);
  for (const cy of ys) for (const cx of xs) regions.push({ cx, cy, side, tile: true });
  return regions;
}

/** Centres of tiles of `side` covering `length` with at least TILE_OVERLAP overlap, spread evenly, ends flush. */
function tileCentres(length: number, side: number): number[] {
  if (side >= length) return [length / 2];
  const count = Math.ceil((length - side) / (side * (1 - TILE_OVERLAP))) + 1;
  const spacing = (length - side) / (count - 1);
  return Array.from({ length: count }, (_, i) => side / 2 + i * spacing);
}

/**
 * Raw BlazeFace output for one region (logits and regressors per anchor, in detector-input pixels) to candidates
 * in image pixels. In a tile, a detection that crosses a tile edge lying inside the image is a cut face: it is
 * dropped, the face is whole in a neighbouring tile (or large enough for the whole-image pass).
 */
export function decodeDetections(
  logits: Float32Array,
  regressors: Float32Array,
  region: DetectionRegion,
  image: { width: number; height: number },
  minScore: number,
): FaceCandidate[] {
  const scale = region.side / DETECTOR_INPUT;
  const left = region.cx - region.side / 2;
  const top = region.cy - region.side / 2;
  const right = left + region.side;
  const bottom = top + region.side;
  const candidates: FaceCandidate[] = [];
  for (let i = 0; i < logits.length; i++) {
    const score = 1 / (1 + Math.exp(-logits[i]));
    if (score < minScore) continue;
    const r = i * BLAZEFACE_REGRESSORS;
    const cx = BLAZEFACE_ANCHORS[2 * i] + regressors[r];
    const cy = BLAZEFACE_ANCHORS[2 * i + 1] + regressors[r + 1];
    const w = regressors[r + 2];
    const h = regressors[r + 3];
    if (!(w > 0 && h > 0)) continue;
    const box = {
      x1: left + (cx - w / 2) * scale,
      y1: top + (cy - h / 2) * scale,
      x2: left + (cx + w / 2) * scale,
      y2: top + (cy + h / 2) * scale,
    };
    if (region.tile && cutByTile(box, { left, top, right, bottom }, image)) continue;
    candidates.push({ box, score });
  }
  return candidates;
}

function cutByTile(
  box: FaceBox,
  tile: { left: number; top: number; right: number; bottom: number },
  image: { width: number; height: number },
): boolean {
  return (
    (box.x1 < tile.left && tile.left > 0) ||
    (box.y1 < tile.top && tile.top > 0) ||
    (box.x2 > tile.right && tile.right < image.width) ||
    (box.y2 > tile.bottom && tile.bottom < image.height)
  );
}

export function intersectionOverUnion(a: FaceBox, b: FaceBox): number {
  const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (w <= 0 || h <= 0) return 0;
  const intersection = w * h;
  return intersection / (area(a) + area(b) - intersection);
}

function area(box: FaceBox): number {
  return (box.x2 - box.x1) * (box.y2 - box.y1);
}

/** Side of the square a box fits in. */
export function boxSide(box: FaceBox): number {
  return Math.max(box.x2 - box.x1, box.y2 - box.y1);
}

/**
 * One candidate per face (the most confident of those overlapping it, from any region), faces smaller than
 * `minSize` left out, then the `maxFaces` largest: in a crowd the large faces are the photo's subjects.
 */
export function selectFaces(candidates: FaceCandidate[], minSize: number, maxFaces: number): FaceCandidate[] {
  const kept: FaceCandidate[] = [];
  for (const candidate of [...candidates].sort((a, b) => b.score - a.score)) {
    if (kept.every((face) => intersectionOverUnion(face.box, candidate.box) <= SAME_FACE_IOU)) kept.push(candidate);
  }
  return kept
    .filter((face) => boxSide(face.box) >= minSize)
    .sort((a, b) => boxSide(b.box) - boxSide(a.box))
    .slice(0, maxFaces);
}

/** Faces of this side (px of the indexed image) and above count as full size in `faceQuality`. */
export const FULL_QUALITY_FACE_SIZE = 64;

/**
 * 0..1: the detector's confidence, lowered for faces cut by the frame (the share of the box inside the image)
 * and for small faces (their 224 px embedder crop is upsampled from fewer pixels and less reliable).
 */
export function faceQuality(face: FaceCandidate, image: { width: number; height: number }): number {
  const inside = clipBox(face.box, image);
  const insideShare = area(inside) / area(face.box);
  const sizeFactor = Math.min(1, boxSide(face.box) / FULL_QUALITY_FACE_SIZE);
  return face.score * insideShare * sizeFactor;
}

export function clipBox(box: FaceBox, image: { width: number; height: number }): FaceBox {
  return {
    x1: Math.max(0, box.x1),
    y1: Math.max(0, box.y1),
    x2: Math.min(image.width, box.x2),
    y2: Math.min(image.height, box.y2),
  };
}
