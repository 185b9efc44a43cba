import { IsIn, Matches } from 'class-validator';
import { Env, EnvVar, IsIntegerString, mustBe, parseInteger, readEnv } from './config-loader';

const BIB_READERS = ['local', 'rekognition'] as const;
export type BibReaderKind = (typeof BIB_READERS)[number];

const FACE_INDEXERS = ['local', 'rekognition', 'off'] as const;
export type FaceIndexerKind = (typeof FACE_INDEXERS)[number];

/** Face embedders the local indexer can run (see ai-pipeline/recognition/local-face-indexer.ts for licences). */
export const FACE_MODELS = ['faceres'] as const;
export type FaceModelName = (typeof FACE_MODELS)[number];

class RecognitionEnv {
  @EnvVar() @IsIn(BIB_READERS, { message: mustBe(`one of ${BIB_READERS.join(', ')}`) })
  BIB_READER = 'local';

  /**
   * On the shared race photos (bench:recognition --min-confidence 0.5,0.6,0.7,0.75,0.8) recall is the same
   * 0.938 from 0.5 to 0.8 and precision rises: F1 0.876 / 0.879 / 0.898 / 0.902 / 0.910, with a start list
   * 0.958 → 0.967 from 0.7. 0.75 rather than 0.8: a cleanly printed synthetic bib reads at 0.797, so 0.8 sits
   * on an edge. Chosen on that same set (one parameter, swept): re-check it on new photos.
   */
  @EnvVar() @Matches(/^(0(\.\d+)?|1(\.0+)?)$/, { message: mustBe('a number from 0 to 1') })
  BIB_MIN_CONFIDENCE = '0.75';

  @EnvVar() @IsIntegerString(1, 64)
  BIB_READER_THREADS = '2';

  @EnvVar() @IsIntegerString(320, 4096)
  BIB_READER_LONG_EDGE = '1600';

  @EnvVar() @IsIn(FACE_INDEXERS, { message: mustBe(`one of ${FACE_INDEXERS.join(', ')}`) })
  FACE_INDEXER = 'local';

  @EnvVar() @IsIn(FACE_MODELS, { message: mustBe(`one of ${FACE_MODELS.join(', ')}`) })
  FACE_MODEL = 'faceres';

  @EnvVar() @IsIntegerString(16, 1024)
  FACE_MIN_SIZE = '32';

  @EnvVar() @IsIntegerString(1, 100)
  FACE_MAX_PER_PHOTO = '20';

  @EnvVar() @IsIntegerString(320, 4096)
  FACE_LONG_EDGE = '1600';

  /** Only read when BIB_READER or FACE_INDEXER is rekognition; credentials come from the AWS SDK's usual chain. */
  @EnvVar()
  AWS_REGION?: string;
}

/** Which bib reader and face indexer the pipeline uses and how they are tuned (see ai-pipeline/recognition/). */
export class RecognitionConfig {
  readonly bibReader!: BibReaderKind;
  /** Readings below this confidence (0..1) are dropped, whatever the reader. */
  readonly minConfidence!: number;
  /** ONNX Runtime intra-op threads of the local reader. */
  readonly threads!: number;
  /** Long edge the local reader resizes photos to. */
  readonly longEdge!: number;
  readonly faceIndexer!: FaceIndexerKind;
  /** Embedder of the local face indexer. */
  readonly faceModel!: FaceModelName;
  /** Faces smaller than this (px in a photo of faceLongEdge px; proportionally less in smaller photos) are skipped. */
  readonly faceMinSize!: number;
  /** Most faces indexed per photo, the largest first: each costs an embedding (~90 ms on one core, local). */
  readonly faceMaxPerPhoto!: number;
  /** Long edge the faces stage resizes photos to. */
  readonly faceLongEdge!: number;
  readonly awsRegion?: string;

  static fromEnv(env: Env): RecognitionConfig {
    const raw = readEnv(RecognitionEnv, env);
    return Object.assign(new RecognitionConfig(), {
      bibReader: raw.BIB_READER as BibReaderKind,
      minConfidence: Number(raw.BIB_MIN_CONFIDENCE),
      threads: parseInteger(raw.BIB_READER_THREADS),
      longEdge: parseInteger(raw.BIB_READER_LONG_EDGE),
      faceIndexer: raw.FACE_INDEXER as FaceIndexerKind,
      faceModel: raw.FACE_MODEL as FaceModelName,
      faceMinSize: parseInteger(raw.FACE_MIN_SIZE),
      faceMaxPerPhoto: parseInteger(raw.FACE_MAX_PER_PHOTO),
      faceLongEdge: parseInteger(raw.FACE_LONG_EDGE),
      awsRegion: raw.AWS_REGION,
    });
  }
}
