import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import sharp from 'sharp';
import { RekognitionBibReader } from './rekognition-bib-reader';

/**
 * Only the HTTP boundary is fake: a local server answers DetectText with a canned body, so the real SDK client
 * (serialisation, signing, parsing) and the reader's mapping are exercised. No AWS.
 */
const CANNED_DETECT_TEXT = {
  TextDetections: [
    { DetectedText: 'RUN 3638', Type: 'LINE', Id: 0, Confidence: 99.1, Geometry: { BoundingBox: { Left: 0.1, Top: 0.2, Width: 0.5, Height: 0.25 } } },
    { DetectedText: 'RUN', Type: 'WORD', Id: 1, ParentId: 0, Confidence: 98.0, Geometry: { BoundingBox: { Left: 0.1, Top: 0.2, Width: 0.2, Height: 0.25 } } },
    { DetectedText: '3638', Type: 'WORD', Id: 2, ParentId: 0, Confidence: 97.5, Geometry: { BoundingBox: { Left: 0.35, Top: 0.2, Width: 0.25, Height: 0.25 } } },
    { DetectedText: '0891', Type: 'WORD', Id: 3, Confidence: 88.0, Geometry: { BoundingBox: { Left: 0.5, Top: 0.6, Width: 0.2, Height: 0.1 } } },
    { DetectedText: '42', Type: 'WORD', Id: 4, Confidence: 31.0, Geometry: { BoundingBox: { Left: 0, Top: 0, Width: 0.1, Height: 0.1 } } },
    { DetectedText: '0612345678', Type: 'WORD', Id: 5, Confidence: 99.0, Geometry: { BoundingBox: { Left: 0, Top: 0.9, Width: 0.5, Height: 0.1 } } },
  ],
  TextModelVersion: '3.0',
};

describe('RekognitionBibReader', () => {
  let server: Server;
  let requests: { target?: string; body: { Image?: { Bytes?: string } } }[];
  let client: RekognitionClient;

  beforeAll(async () => {
    requests = [];
    server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      requests.push({ target: req.headers['x-amz-target'] as string, body: JSON.parse(Buffer.concat(chunks).toString()) });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(CANNED_DETECT_TEXT));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new RekognitionClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the photo to DetectText and returns bib readings from WORD detections, boxes in pixels', async () => {
    const image = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#808080' } }).jpeg().toBuffer();
    const reader = new RekognitionBibReader({ client, minConfidence: 0.5 });

    const readings = await reader.read(image);

    expect(reader.provider).toBe('rekognition');
    expect(requests).toHaveLength(1);
    expect(requests[0].target).toBe('RekognitionService.DetectText');
    expect(Buffer.from(requests[0].body.Image?.Bytes ?? '', 'base64').equals(image)).toBe(true);
    expect(readings).toEqual([
      { number: '3638', confidence: 0.975, box: { x: 140, y: 40, w: 100, h: 50 } },
      { number: '0891', confidence: 0.88, box: { x: 200, y: 120, w: 80, h: 20 } },
    ]);
  });
});
