import type { PhotoResolution } from '@focus-racer/api-types';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import { ZipFile } from 'yazl';
import { decodeOptions } from '../../ai-pipeline/imaging/inspect-image';
import { ObjectStorage } from '../../storage/object-storage';

/** One file of an order as it is delivered. */
export interface OrderFile {
  /** Name in the browser's download or in the ZIP: `<event-slug>-<position>.<ext>`. */
  filename: string;
  originalKey: string;
  resolution: PhotoResolution;
  mimeType: string;
}

/** Long edge of the sold web size: the size the public gallery shows, without its watermark. */
export const WEB_LONG_EDGE = 1600;
const WEB_QUALITY = 85;

/**
 * `<event-slug>-<n>.<ext>`: what a runner expects in their Downloads folder, never the photographer's own file name
 * (which can be anything, and is theirs). HD keeps the original's type; the web size is always a JPEG.
 */
export function orderFilename(eventSlug: string | null, position: number, resolution: PhotoResolution, originalKey: string): string {
  const ext = resolution === 'web' ? 'jpg' : (/\.(jpg|jpeg|png|webp)$/i.exec(originalKey)?.[1].toLowerCase() ?? 'jpg');
  const base = (eventSlug ?? 'photos').replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 100) || 'photos';
  return `${base}-${position}.${ext}`;
}

export function contentTypeOf(file: OrderFile): string {
  return file.resolution === 'web' ? 'image/jpeg' : file.mimeType;
}

/**
 * The bytes of one file, streamed. HD is the stored original, byte for byte. The web size is made here from the
 * original (upright, 1600 px, JPEG, no metadata): the stored web derivative carries the gallery's watermark and is
 * what visitors see for free, so it is not what a runner pays for. Made per request, one photo at a time.
 */
export async function openOrderFile(storage: ObjectStorage, file: OrderFile, maxMegapixels: number): Promise<Readable> {
  const original = await storage.getStream(file.originalKey);
  if (file.resolution === 'hd') return original;
  const resize = sharp(decodeOptions({ maxMegapixels }))
    .autoOrient()
    .resize(WEB_LONG_EDGE, WEB_LONG_EDGE, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: WEB_QUALITY, mozjpeg: true });
  original.on('error', (error) => resize.destroy(error));
  return original.pipe(resize);
}

/**
 * Streams a ZIP of `files` into `out`: store mode (photos are already compressed, deflating them again costs CPU
 * for nothing), zip64 where sizes or offsets need it (yazl decides), each object opened only when its turn comes
 * and piped through, so neither memory nor disk ever holds more than a chunk of one photo. Resolves once the
 * archive is written; rejects (and the caller drops the connection) when a file cannot be read midway.
 */
export async function streamZip(storage: ObjectStorage, files: readonly OrderFile[], out: NodeJS.WritableStream, maxMegapixels: number): Promise<void> {
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  const fail = (error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error)));
  const mtime = new Date();
  for (const file of files) {
    zip.addReadStreamLazy(file.filename, { compress: false, mtime }, (callback) => {
      openOrderFile(storage, file, maxMegapixels).then((stream) => {
        stream.on('error', fail);
        callback(null, stream);
      }, fail);
    });
  }
  zip.on('error', fail);
  zip.end();
  await pipeline(output, out);
}
