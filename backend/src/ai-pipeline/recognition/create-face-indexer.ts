import { RekognitionClient } from '@aws-sdk/client-rekognition';
import type { RecognitionConfig } from '../../config/recognition.config';
import type { FaceIndexer } from './face-indexer';
import { LocalFaceIndexer } from './local-face-indexer';
import { RekognitionFaceIndexer } from './rekognition-face-indexer';

/**
 * The FaceIndexer the configuration asks for, or null with FACE_INDEXER=off (no faces stage, no selfie search).
 * The worker's module, the API's search and the benchmark all build it here.
 */
export function createFaceIndexer(config: RecognitionConfig): FaceIndexer | null {
  switch (config.faceIndexer) {
    case 'off':
      return null;
    case 'rekognition':
      return new RekognitionFaceIndexer({
        client: new RekognitionClient(config.awsRegion ? { region: config.awsRegion } : {}),
        maxFaces: config.faceMaxPerPhoto,
      });
    case 'local':
      return new LocalFaceIndexer({
        model: config.faceModel,
        minSize: config.faceMinSize,
        maxFaces: config.faceMaxPerPhoto,
        longEdge: config.faceLongEdge,
      });
  }
}
