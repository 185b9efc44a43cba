import { RekognitionClient } from '@aws-sdk/client-rekognition';
import type { RecognitionConfig } from '../../config/recognition.config';
import type { BibReader } from './bib-reader';
import { LocalPaddleBibReader } from './local-bib-reader';
import { RekognitionBibReader } from './rekognition-bib-reader';

/** The BibReader the configuration asks for; the worker's module and the benchmark both build it here. */
export function createBibReader(config: RecognitionConfig): BibReader {
  switch (config.bibReader) {
    case 'rekognition':
      return new RekognitionBibReader({
        client: new RekognitionClient(config.awsRegion ? { region: config.awsRegion } : {}),
        minConfidence: config.minConfidence,
      });
    case 'local':
      return new LocalPaddleBibReader({
        minConfidence: config.minConfidence,
        threads: config.threads,
        longEdge: config.longEdge,
      });
  }
}
