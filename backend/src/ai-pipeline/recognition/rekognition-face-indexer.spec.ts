import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import sharp from 'sharp';
import { RekognitionFaceIndexer } from './rekognition-face-indexer';

/**
 * Only the HTTP boundary is fake: a local server answers each Rekognition operation (told by its X-Amz-Target)
 * with a canned body or error, so the real SDK client (serialisation, signing, parsing, error classes) and the
 * indexer's mapping are exercised. No AWS.
 */
type Reply = { status?: number; body: object };
type Request = { operation: string; body: Record<string, unknown> };

const EVENT_ID = '6f1c2a9e-8d7b-4c1a-9e55-0a1b2c3d4e5f';
const PHOTO_ID = '0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b';

function error(type: string, message: string): Reply {
  return { status: 400, body: { __type: type, message } };
}

describe('RekognitionFaceIndexer', () => {
  let server: Server;
  let client: RekognitionClient;
  let requests: Request[];
  let replies: Record<string, Reply>;
  let image: Buffer;

  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const operation = String(req.headers['x-amz-target']).replace('RekognitionService.', '');
      requests.push({ operation, body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown> });
      const reply = replies[operation] ?? error('InternalServerError', `no canned reply for ${operation}`);
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(reply.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new RekognitionClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    image = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#808080' } }).jpeg().toBuffer();
  });

  beforeEach(() => {
    requests = [];
    replies = {};
  });

  afterAll(async () => {
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('indexes a photo in its event collection, created once, faces with their FaceId and boxes in pixels', async () => {
    replies['CreateCollection'] = { body: { StatusCode: 200, CollectionArn: 'arn', FaceModelVersion: '7.0' } };
    replies['IndexFaces'] = {
      body: {
        FaceRecords: [
          { Face: { FaceId: 'face-1', Confidence: 99.5, BoundingBox: { Left: 0.1, Top: 0.2, Width: 0.25, Height: 0.5 }, ExternalImageId: PHOTO_ID } },
          // Cut by the left edge: the box is clipped and the quality lowered by the share outside.
          { Face: { FaceId: 'face-2', Confidence: 90, BoundingBox: { Left: -0.05, Top: 0.5, Width: 0.1, Height: 0.2 } } },
        ],
        UnindexedFaces: [],
      },
    };
    const indexer = new RekognitionFaceIndexer({ client, maxFaces: 12 });

    const faces = await indexer.index(image, { eventId: EVENT_ID, photoId: PHOTO_ID });
    await indexer.index(image, { eventId: EVENT_ID, photoId: PHOTO_ID });

    expect(indexer.provider).toBe('rekognition');
    expect(requests.map((r) => r.operation)).toEqual(['CreateCollection', 'IndexFaces', 'IndexFaces']);
    expect(requests[0].body).toEqual({ CollectionId: `focus-racer-${EVENT_ID}` });
    expect(requests[1].body).toMatchObject({ CollectionId: `focus-racer-${EVENT_ID}`, ExternalImageId: PHOTO_ID, MaxFaces: 12, QualityFilter: 'AUTO' });
    expect(Buffer.from(String((requests[1].body['Image'] as { Bytes: string }).Bytes), 'base64').equals(image)).toBe(true);
    expect(faces).toEqual([
      { box: { x: 40, y: 40, w: 100, h: 100 }, quality: 0.995, embedding: null, externalFaceId: 'face-1' },
      { box: { x: 0, y: 100, w: 20, h: 40 }, quality: expect.closeTo(0.45, 5), embedding: null, externalFaceId: 'face-2' },
    ]);
  });

  it('takes a collection that already exists (made by another worker) as its own', async () => {
    replies['CreateCollection'] = error('ResourceAlreadyExistsException', 'The collection already exists');
    replies['IndexFaces'] = { body: { FaceRecords: [] } };

    const faces = await new RekognitionFaceIndexer({ client }).index(image, { eventId: EVENT_ID, photoId: PHOTO_ID });

    expect(faces).toEqual([]);
    expect(requests.map((r) => r.operation)).toEqual(['CreateCollection', 'IndexFaces']);
  });

  it('fails on any other collection error', async () => {
    replies['CreateCollection'] = error('AccessDeniedException', 'not allowed');

    await expect(new RekognitionFaceIndexer({ client }).index(image, { eventId: EVENT_ID, photoId: PHOTO_ID })).rejects.toThrow('not allowed');
  });

  it('detects the faces of a selfie without indexing anything', async () => {
    replies['DetectFaces'] = { body: { FaceDetails: [{ Confidence: 80, BoundingBox: { Left: 0.5, Top: 0, Width: 0.25, Height: 0.5 } }] } };

    const faces = await new RekognitionFaceIndexer({ client }).detect(image);

    expect(requests.map((r) => r.operation)).toEqual(['DetectFaces']);
    expect(faces).toEqual([{ box: { x: 200, y: 0, w: 100, h: 100 }, quality: 0.8, embedding: null, externalFaceId: null }]);
  });

  it('searches the event collection by face id and by image, similarities 0..1', async () => {
    const matches = { FaceMatches: [{ Similarity: 97.5, Face: { FaceId: 'face-9' } }, { Similarity: 71, Face: { FaceId: 'face-4' } }] };
    replies['SearchFaces'] = { body: { SearchedFaceId: 'face-1', ...matches } };
    replies['SearchFacesByImage'] = { body: matches };
    const indexer = new RekognitionFaceIndexer({ client });
    const expected = [
      { externalFaceId: 'face-9', similarity: 0.975 },
      { externalFaceId: 'face-4', similarity: 0.71 },
    ];

    expect(await indexer.searchIndexed(EVENT_ID, 'face-1', 0.6)).toEqual(expected);
    expect(await indexer.searchByImage(EVENT_ID, image, 0.5)).toEqual(expected);
    expect(requests[0].body).toMatchObject({ CollectionId: `focus-racer-${EVENT_ID}`, FaceId: 'face-1', FaceMatchThreshold: 60 });
    expect(requests[1].body).toMatchObject({ CollectionId: `focus-racer-${EVENT_ID}`, FaceMatchThreshold: 50 });
  });

  it('finds nothing in an event with no collection yet, or in a selfie without a face', async () => {
    const indexer = new RekognitionFaceIndexer({ client });
    replies['SearchFaces'] = error('ResourceNotFoundException', 'The collection id does not exist');
    replies['SearchFacesByImage'] = error('InvalidParameterException', 'There are no faces in the image. Should be at least 1.');

    expect(await indexer.searchIndexed(EVENT_ID, 'face-1', 0.6)).toEqual([]);
    expect(await indexer.searchByImage(EVENT_ID, image, 0.5)).toEqual([]);
  });

  it('removes faces replaced by a new indexing of their photo', async () => {
    replies['DeleteFaces'] = { body: { DeletedFaces: ['face-1', 'face-2'] } };

    await new RekognitionFaceIndexer({ client }).removeIndexed(EVENT_ID, ['face-1', 'face-2']);

    expect(requests).toEqual([{ operation: 'DeleteFaces', body: { CollectionId: `focus-racer-${EVENT_ID}`, FaceIds: ['face-1', 'face-2'] } }]);
  });
});
