import { DetectTextCommand, RekognitionClient, type TextDetection } from '@aws-sdk/client-rekognition';
import sharp from 'sharp';
import type { BibReader, BibReading } from './bib-reader';
import { bibReadingsFromText, type TextLine } from './bib-filters';

/**
 * Cloud bib reader: AWS Rekognition DetectText. Rekognition returns LINE and WORD detections; only WORDs are used
 * (a line often joins a bib with the sponsor text beside it), with the same bib rules as the local reader.
 * Boxes come back as fractions of the image; they are turned into pixels of the (EXIF-oriented) input.
 */
export interface RekognitionBibReaderOptions {
  client: RekognitionClient;
  /** Readings below this confidence (0..1; Rekognition's 0..100 is divided by 100) are dropped. */
  minConfidence?: number;
}

export class RekognitionBibReader implements BibReader {
  readonly provider = 'rekognition';
  private readonly client: RekognitionClient;
  private readonly minConfidence: number;

  constructor(options: RekognitionBibReaderOptions) {
    this.client = options.client;
    this.minConfidence = options.minConfidence ?? 0.5;
  }

  async read(image: Buffer): Promise<BibReading[]> {
    const { bytes, width, height } = await orientedImage(image);
    const response = await this.client.send(new DetectTextCommand({ Image: { Bytes: bytes } }));
    const lines = (response.TextDetections ?? [])
      .filter((detection) => detection.Type === 'WORD' && detection.DetectedText)
      .map((detection) => textLine(detection, width, height));
    return bibReadingsFromText(lines, this.minConfidence);
  }
}

function textLine(detection: TextDetection, width: number, height: number): TextLine {
  const box = detection.Geometry?.BoundingBox;
  return {
    text: detection.DetectedText ?? '',
    confidence: (detection.Confidence ?? 0) / 100,
    box: {
      x: Math.max(0, Math.round((box?.Left ?? 0) * width)),
      y: Math.max(0, Math.round((box?.Top ?? 0) * height)),
      w: Math.round((box?.Width ?? 0) * width),
      h: Math.round((box?.Height ?? 0) * height),
    },
  };
}

/**
 * Rekognition does not apply EXIF orientation to its geometry (DetectText, faces); an image that needs rotating is
 * re-encoded upright first so boxes are in the same space as the local readers'.
 */
export async function orientedImage(image: Buffer): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  const meta = await sharp(image, { failOn: 'none' }).metadata();
  if (!meta.width || !meta.height) throw new Error('Image has no dimensions');
  if ((meta.orientation ?? 1) === 1) return { bytes: image, width: meta.width, height: meta.height };
  const { data, info } = await sharp(image, { failOn: 'none' })
    .rotate()
    .jpeg({ quality: 95 })
    .toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height };
}
