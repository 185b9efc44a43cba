import { RecognitionConfig } from '../../config/recognition.config';
import { createFaceIndexer } from './create-face-indexer';
import { LocalFaceIndexer } from './local-face-indexer';
import { RekognitionFaceIndexer } from './rekognition-face-indexer';

describe('createFaceIndexer', () => {
  const config = (env: Record<string, string>) => RecognitionConfig.fromEnv(env);

  it('builds the indexer FACE_INDEXER names, or none when faces are off', () => {
    const local = createFaceIndexer(config({}));
    expect(local).toBeInstanceOf(LocalFaceIndexer);
    expect(local?.provider).toBe('local-faceres');
    expect(createFaceIndexer(config({ FACE_INDEXER: 'rekognition', AWS_REGION: 'eu-west-1' }))).toBeInstanceOf(RekognitionFaceIndexer);
    expect(createFaceIndexer(config({ FACE_INDEXER: 'off' }))).toBeNull();
  });
});
