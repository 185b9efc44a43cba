import { IsIn, Matches } from 'class-validator';
import { Env, EnvVar, IsIntegerString, mustBe, parseInteger, readEnv } from './config-loader';

const BIB_READERS = ['local', 'rekognition'] as const;
export type BibReaderKind = (typeof BIB_READERS)[number];

class RecognitionEnv {
  @EnvVar() @IsIn(BIB_READERS, { message: mustBe(`one of ${BIB_READERS.join(', ')}`) })
  BIB_READER = 'local';

  @EnvVar() @Matches(/^(0(\.\d+)?|1(\.0+)?)$/, { message: mustBe('a number from 0 to 1') })
  BIB_MIN_CONFIDENCE = '0.5';

  @EnvVar() @IsIntegerString(1, 64)
  BIB_READER_THREADS = '2';

  @EnvVar() @IsIntegerString(320, 4096)
  BIB_READER_LONG_EDGE = '1600';

  /** Only read when BIB_READER=rekognition; credentials come from the AWS SDK's usual chain. */
  @EnvVar()
  AWS_REGION?: string;
}

/** Which bib reader the pipeline uses and how it is tuned (see ai-pipeline/recognition/). */
export class RecognitionConfig {
  readonly bibReader!: BibReaderKind;
  /** Readings below this confidence (0..1) are dropped, whatever the reader. */
  readonly minConfidence!: number;
  /** ONNX Runtime intra-op threads of the local reader. */
  readonly threads!: number;
  /** Long edge the local reader resizes photos to. */
  readonly longEdge!: number;
  readonly awsRegion?: string;

  static fromEnv(env: Env): RecognitionConfig {
    const raw = readEnv(RecognitionEnv, env);
    return Object.assign(new RecognitionConfig(), {
      bibReader: raw.BIB_READER as BibReaderKind,
      minConfidence: Number(raw.BIB_MIN_CONFIDENCE),
      threads: parseInteger(raw.BIB_READER_THREADS),
      longEdge: parseInteger(raw.BIB_READER_LONG_EDGE),
      awsRegion: raw.AWS_REGION,
    });
  }
}
