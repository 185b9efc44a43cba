/**
 * Recognition benchmark: runs the product's BibReader and FaceIndexer (built from the same config as the worker, see
 * backend/src/config/recognition.config.ts) on `<dataset>/images`, scores them against `<dataset>/labels.json` and
 * `<dataset>/annotations.json` and prints figures. The dataset is internal: it is read in place, never copied.
 *
 *   npm run bench:recognition -- <dataset> [--start-list] [--limit N] [--verbose] [--min-confidence 0.5,0.8] [--faces-only]
 *
 * Scoring (dataset README): distinct 2–6 digit numbers per photo; recall over every photo, precision over photos
 * marked `fully_labeled`. The start-list score snaps each photo's readings, with the product's snapper, to every
 * bib of the photo's `set` (optimistic: a real start list is larger). It is always computed; --start-list also
 * shows snapped readings in the per-photo mistakes. Extra cut-offs in --min-confidence are applied with the
 * product's own filter to the readings of the first (lowest) one, so one pass scores them all.
 * Faces: see face-matching.ts; --faces-only skips the bibs (their figures read nan). The last line is
 * machine-readable and always has the same shape.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecognitionConfig } from '../backend/src/config/recognition.config';
import type { BibReading } from '../backend/src/ai-pipeline/recognition/bib-reader';
import { keepConfident, MAX_BIB_DIGITS, MIN_BIB_DIGITS } from '../backend/src/ai-pipeline/recognition/bib-filters';
import { createBibReader } from '../backend/src/ai-pipeline/recognition/create-bib-reader';
import { snapToStartList } from '../backend/src/ai-pipeline/recognition/start-list-snapper';
import { benchFaces } from './face-matching';

interface Label {
  bibs: string[];
  set: string;
  fully_labeled: boolean;
}

interface Args {
  dataset: string;
  startList: boolean;
  verbose: boolean;
  facesOnly: boolean;
  limit?: number;
  cutOffs?: number[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { dataset: '', startList: false, verbose: false, facesOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--start-list') args.startList = true;
    else if (arg === '--verbose') args.verbose = true;
    else if (arg === '--faces-only') args.facesOnly = true;
    else if (arg === '--limit') args.limit = Number(argv[++i]);
    else if (arg === '--min-confidence') args.cutOffs = argv[++i].split(',').map(Number);
    else if (!arg.startsWith('--') && !args.dataset) args.dataset = arg;
    else throw new Error(`Unknown argument ${arg}`);
  }
  if (!args.dataset) {
    throw new Error(
      'Usage: npm run bench:recognition -- <dataset> [--start-list] [--limit N] [--verbose] [--min-confidence 0.5,0.8] [--faces-only]',
    );
  }
  if (args.cutOffs?.some((c) => !(c >= 0 && c <= 1))) throw new Error('--min-confidence takes numbers from 0 to 1');
  return args;
}

class Score {
  private truePositivesAll = 0;
  private labelledAll = 0;
  private truePositivesFull = 0;
  private predictedFull = 0;

  add(predicted: Set<string>, truth: Set<string>, fullyLabelled: boolean): void {
    const hits = [...predicted].filter((number) => truth.has(number)).length;
    this.truePositivesAll += hits;
    this.labelledAll += truth.size;
    if (fullyLabelled) {
      this.truePositivesFull += hits;
      this.predictedFull += predicted.size;
    }
  }

  get recall(): number {
    return this.labelledAll ? this.truePositivesAll / this.labelledAll : NaN;
  }
  get precision(): number {
    return this.predictedFull ? this.truePositivesFull / this.predictedFull : NaN;
  }
  get f1(): number {
    const { precision: p, recall: r } = this;
    return p + r > 0 ? (2 * p * r) / (p + r) : 0;
  }
}

const isScoredNumber = (number: string): boolean =>
  /^\d+$/.test(number) && number.length >= MIN_BIB_DIGITS && number.length <= MAX_BIB_DIGITS;
const numbersOf = (readings: readonly BibReading[]): Set<string> =>
  new Set(readings.map((reading) => reading.number).filter(isScoredNumber));
const f3 = (value: number): string => value.toFixed(3);

interface BibFigures {
  f1: number;
  precision: number;
  recall: number;
  f1StartList: number;
}

async function benchBibs(args: Args, config: RecognitionConfig, labels: Record<string, Label>, files: string[]): Promise<BibFigures> {
  const cutOffs = [...(args.cutOffs ?? [config.minConfidence])];
  const readerConfig = Object.assign(new RecognitionConfig(), config, { minConfidence: Math.min(...cutOffs) });
  const reader = createBibReader(readerConfig);

  const startLists = new Map<string, Set<string>>();
  for (const label of Object.values(labels)) {
    const list = startLists.get(label.set) ?? new Set<string>();
    label.bibs.forEach((bib) => list.add(bib));
    startLists.set(label.set, list);
  }

  console.log(
    `bench:recognition — reader ${reader.provider}, ${files.length} photos, cut-offs ${cutOffs.join(', ')}, ` +
      `threads ${config.threads}, long edge ${config.longEdge}`,
  );
  const scores = cutOffs.map(() => ({ plain: new Score(), snapped: new Score() }));
  const seconds: number[] = [];
  const started = Date.now();
  for (const [index, file] of files.entries()) {
    const label = labels[file];
    const image = readFileSync(join(args.dataset, 'images', file));
    const t0 = process.hrtime.bigint();
    const readings = await reader.read(image);
    seconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
    const truth = new Set(label.bibs);
    const startList = startLists.get(label.set) ?? new Set<string>();
    cutOffs.forEach((cutOff, i) => {
      const kept = keepConfident(readings, cutOff);
      const snapped = snapToStartList(kept, startList);
      scores[i].plain.add(numbersOf(kept), truth, label.fully_labeled);
      scores[i].snapped.add(numbersOf(snapped), truth, label.fully_labeled);
      if (args.verbose && i === 0) {
        const shown = numbersOf(args.startList ? snapped : kept);
        const missed = [...truth].filter((bib) => !shown.has(bib));
        const extra = [...shown].filter((bib) => !truth.has(bib));
        if (missed.length || extra.length) {
          const detail = (args.startList ? snapped : kept).map((r) => `${r.number}@${r.confidence.toFixed(2)}`);
          console.log(
            `  ${file}${label.fully_labeled ? '' : ' (not fully labelled)'}: missed [${missed.join(' ')}] ` +
              `extra [${extra.join(' ')}] read [${detail.join(' ')}]`,
          );
        }
      }
    });
    if (!args.verbose && (index + 1) % 20 === 0) console.log(`  ${index + 1}/${files.length} photos`);
  }

  const total = (Date.now() - started) / 1000;
  const steady = seconds.length > 1 ? seconds.slice(1) : seconds;
  const mean = steady.reduce((sum, s) => sum + s, 0) / steady.length;
  const sorted = [...steady].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `time: ${total.toFixed(1)} s total; first photo (model load included) ${seconds[0].toFixed(2)} s; ` +
      `then ${mean.toFixed(2)} s/photo mean, ${median.toFixed(2)} s median; peak RSS ${peakRssMb.toFixed(0)} MB`,
  );
  cutOffs.forEach((cutOff, i) => {
    const { plain, snapped } = scores[i];
    console.log(
      `cut-off ${cutOff}: precision ${f3(plain.precision)} recall ${f3(plain.recall)} F1 ${f3(plain.f1)} | ` +
        `start list: precision ${f3(snapped.precision)} recall ${f3(snapped.recall)} F1 ${f3(snapped.f1)}`,
    );
  });
  if ('close' in reader && typeof reader.close === 'function') await reader.close();
  const head = scores[0];
  return { f1: head.plain.f1, precision: head.plain.precision, recall: head.plain.recall, f1StartList: head.snapped.f1 };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = RecognitionConfig.fromEnv(process.env);
  const labels = JSON.parse(readFileSync(join(args.dataset, 'labels.json'), 'utf8')) as Record<string, Label>;
  const files = Object.keys(labels).sort().slice(0, args.limit ?? undefined);

  const bibs = args.facesOnly ? null : await benchBibs(args, config, labels, files);
  const faces = await benchFaces(args.dataset, files, config, args.verbose);
  // Figures not measured (--faces-only, FACE_INDEXER=off) read "nan".
  const figure = (value: number | undefined): string => (value === undefined || Number.isNaN(value) ? 'nan' : f3(value));
  console.log(
    `recognition: bib_f1=${figure(bibs?.f1)} bib_precision=${figure(bibs?.precision)} ` +
      `bib_recall=${figure(bibs?.recall)} bib_f1_startlist=${figure(bibs?.f1StartList)} face_tar_far1=${figure(faces?.tarAtFar1)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
