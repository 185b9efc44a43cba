/**
 * The face part of bench:recognition: runs the product's FaceIndexer (built from the same config as the worker)
 * on `<dataset>/images` and scores how well its embeddings tell runners apart, against `<dataset>/annotations.json`
 * (face boxes of the runners, identity = `runner`).
 *
 * A detected face is a runner's when the centre of the runner's labelled face box lies inside it and the two boxes
 * overlap (IoU ≥ MIN_IOU); each detection is given to at most one runner, best overlap first. Pairs are formed
 * over the labelled faces: genuine = the same runner in two photos, impostor = two different runners (same photo
 * included). True-accept rate (TAR) at a false-accept rate (FAR) f: the share of genuine pairs more similar than
 * the impostor pair ranked f × impostors from the top. Two readings:
 * - end to end: a labelled face the indexer did not return (missed, too small, beyond the per-photo cap) rejects
 *   every pair it is in — what linking and selfie search get;
 * - detected only: pairs of faces that were both returned — the embedder alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecognitionConfig } from '../backend/src/config/recognition.config';
import { createFaceIndexer } from '../backend/src/ai-pipeline/recognition/create-face-indexer';
import type { DetectedFace } from '../backend/src/ai-pipeline/recognition/face-indexer';
import { LocalFaceIndexer } from '../backend/src/ai-pipeline/recognition/local-face-indexer';

interface AnnotatedBib {
  runner: string;
  /** [x1, y1, x2, y2] in pixels of the original, or null (bib added in review, no face drawn). */
  face_box: [number, number, number, number] | null;
}

interface Annotation {
  bibs: AnnotatedBib[];
}

export interface FaceFigures {
  /** End to end, the figure of the last line. */
  tarAtFar1: number;
}

const MIN_IOU = 0.2;
const BENCH_EVENT_ID = 'bench-recognition';

interface LabelledFace {
  file: string;
  runner: string;
  embedding: number[] | null;
}

export async function benchFaces(dataset: string, files: string[], config: RecognitionConfig, verbose: boolean): Promise<FaceFigures | null> {
  let annotations: Record<string, Annotation>;
  try {
    annotations = JSON.parse(readFileSync(join(dataset, 'annotations.json'), 'utf8')) as Record<string, Annotation>;
  } catch {
    console.log('faces: no annotations.json in the dataset, no face figure');
    return null;
  }
  const indexer = createFaceIndexer(config);
  if (!indexer) {
    console.log('faces: FACE_INDEXER=off, no face figure');
    return null;
  }
  if (indexer.searchIndexed) {
    // Rekognition keeps the vectors in a cloud collection: its matching would be measured through SearchFaces.
    console.log(`faces: ${indexer.provider} keeps its vectors, this bench compares embeddings; no face figure`);
    return null;
  }
  // The cpu fallback is several times slower: timings say which backend they were taken on.
  const backend = indexer instanceof LocalFaceIndexer ? ` on ${await indexer.backend()}` : '';
  console.log(
    `faces — indexer ${indexer.provider}${backend}, min size ${config.faceMinSize} px, at most ${config.faceMaxPerPhoto} per photo, ` +
      `long edge ${config.faceLongEdge}`,
  );

  const labelled: LabelledFace[] = [];
  const seconds: number[] = [];
  let returned = 0;
  for (const [index, file] of files.entries()) {
    const image = readFileSync(join(dataset, 'images', file));
    const t0 = process.hrtime.bigint();
    const faces = await indexer.index(image, { eventId: BENCH_EVENT_ID, photoId: file });
    seconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
    returned += faces.length;
    const runners = (annotations[file]?.bibs ?? []).flatMap((bib) => (bib.face_box ? [{ runner: bib.runner, box: bib.face_box }] : []));
    const owner = assignFaces(runners.map((runner) => runner.box), faces);
    runners.forEach((runner, i) => {
      const face = owner[i] === undefined ? undefined : faces[owner[i]];
      labelled.push({ file, runner: runner.runner, embedding: face?.embedding ?? null });
      if (verbose && !face) console.log(`  ${file}: ${runner.runner}'s face not returned (${faces.length} faces)`);
    });
    if (!verbose && (index + 1) % 20 === 0) console.log(`  ${index + 1}/${files.length} photos`);
  }
  await indexer.close?.();

  const found = labelled.filter((face) => face.embedding).length;
  const steady = seconds.length > 1 ? seconds.slice(1) : seconds;
  const mean = steady.reduce((sum, s) => sum + s, 0) / steady.length;
  const median = [...steady].sort((a, b) => a - b)[Math.floor(steady.length / 2)];
  console.log(
    `faces time: first photo (warm-up) ${seconds[0].toFixed(2)} s, then ${(mean * 1000).toFixed(0)} ms/photo mean, ` +
      `${(median * 1000).toFixed(0)} ms median; ${(returned / files.length).toFixed(2)} faces returned per photo`,
  );
  console.log(`faces found: ${found}/${labelled.length} labelled runner faces (${ratio(found, labelled.length)})`);

  const similarity = indexer.similarity.bind(indexer);
  const endToEnd = pairScores(labelled, similarity);
  const detectedOnly = pairScores(labelled.filter((face) => face.embedding), similarity);
  for (const [name, scores] of [
    ['end to end', endToEnd],
    ['detected only', detectedOnly],
  ] as const) {
    console.log(
      `faces ${name}: ${scores.genuine.length} genuine / ${scores.impostor.length} impostor pairs; ` +
        `TAR ${f3(scores.tarAt(0.01))} @ 1 % FAR (similarity > ${f3(scores.thresholdAt(0.01))}), ` +
        `${f3(scores.tarAt(0.001))} @ 0.1 % FAR (> ${f3(scores.thresholdAt(0.001))})`,
    );
  }
  return { tarAtFar1: endToEnd.tarAt(0.01) };
}

/** For each labelled box, the index of the face it got (or undefined): best overlaps first, one runner per face. */
function assignFaces(labelledBoxes: Array<[number, number, number, number]>, faces: DetectedFace[]): Array<number | undefined> {
  const pairs: Array<{ label: number; face: number; iou: number }> = [];
  labelledBoxes.forEach(([x1, y1, x2, y2], label) => {
    const cx = (x1 + x2) / 2;
    const cy = (y1 + y2) / 2;
    faces.forEach(({ box }, face) => {
      if (cx < box.x || cx > box.x + box.w || cy < box.y || cy > box.y + box.h) return;
      const iou = intersectionOverUnion([x1, y1, x2, y2], [box.x, box.y, box.x + box.w, box.y + box.h]);
      if (iou >= MIN_IOU) pairs.push({ label, face, iou });
    });
  });
  const owner: Array<number | undefined> = labelledBoxes.map(() => undefined);
  const taken = new Set<number>();
  for (const { label, face } of pairs.sort((a, b) => b.iou - a.iou)) {
    if (owner[label] !== undefined || taken.has(face)) continue;
    owner[label] = face;
    taken.add(face);
  }
  return owner;
}

function intersectionOverUnion(a: number[], b: number[]): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const intersection = w * h;
  return intersection / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - intersection);
}

interface PairScores {
  genuine: number[];
  impostor: number[];
  tarAt(far: number): number;
  thresholdAt(far: number): number;
}

/** Similarity of every pair of labelled faces; a face without an embedding scores -Infinity (never accepted). */
function pairScores(faces: LabelledFace[], similarity: (a: number[], b: number[]) => number): PairScores {
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (let i = 0; i < faces.length; i++) {
    for (let j = i + 1; j < faces.length; j++) {
      const a = faces[i].embedding;
      const b = faces[j].embedding;
      const score = a && b ? similarity(a, b) : -Infinity;
      (faces[i].runner === faces[j].runner ? genuine : impostor).push(score);
    }
  }
  impostor.sort((a, b) => b - a);
  const thresholdAt = (far: number): number => impostor[Math.min(impostor.length - 1, Math.floor(far * impostor.length))] ?? NaN;
  const tarAt = (far: number): number => {
    if (genuine.length === 0 || impostor.length === 0) return NaN;
    const threshold = thresholdAt(far);
    return genuine.filter((score) => score > threshold).length / genuine.length;
  };
  return { genuine, impostor, tarAt, thresholdAt };
}

const f3 = (value: number): string => value.toFixed(3);
const ratio = (part: number, whole: number): string => (whole ? (part / whole).toFixed(3) : 'nan');
