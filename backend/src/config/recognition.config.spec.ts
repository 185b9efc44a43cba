import { RecognitionConfig } from './recognition.config';

describe('RecognitionConfig', () => {
  it('defaults to the local face indexer: FaceRes, faces from 32 px, at most 20 per photo, photos at 1600 px', () => {
    expect(RecognitionConfig.fromEnv({})).toMatchObject({ faceIndexer: 'local', faceModel: 'faceres', faceMinSize: 32, faceMaxPerPhoto: 20, faceLongEdge: 1600 });
  });

  it('reads the face variables and names a bad one', () => {
    expect(RecognitionConfig.fromEnv({ FACE_INDEXER: 'off', FACE_MIN_SIZE: '24', FACE_MAX_PER_PHOTO: '50', FACE_LONG_EDGE: '2048' })).toMatchObject({
      faceIndexer: 'off',
      faceMinSize: 24,
      faceMaxPerPhoto: 50,
      faceLongEdge: 2048,
    });
    expect(RecognitionConfig.fromEnv({ FACE_INDEXER: 'rekognition' }).faceIndexer).toBe('rekognition');
    expect(() => RecognitionConfig.fromEnv({ FACE_INDEXER: 'cloud' })).toThrow('FACE_INDEXER must be one of local, rekognition, off (got "cloud")');
    expect(() => RecognitionConfig.fromEnv({ FACE_MODEL: 'arcface' })).toThrow('FACE_MODEL must be one of faceres');
    expect(() => RecognitionConfig.fromEnv({ FACE_MIN_SIZE: '8' })).toThrow('FACE_MIN_SIZE must be an integer between 16 and 1024');
    expect(() => RecognitionConfig.fromEnv({ FACE_MAX_PER_PHOTO: '0' })).toThrow('FACE_MAX_PER_PHOTO must be an integer between 1 and 100');
  });
});
