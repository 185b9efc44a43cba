/// <reference lib="webworker" />
import { DownscaleRequest, DownscaleResponse, fitWithin } from './downscale';
import { copyExif, jpegPixelSize } from './jpeg-segments';

/**
 * Reduces one JPEG at a time off the main thread: a photo whose long edge is already within `maxEdge` (read from
 * its header, nothing decoded) is sent as the original; a bigger one is decoded upright, drawn at the reduced size,
 * re-encoded as JPEG and given back the original's EXIF (capture time, camera) with the orientation set upright.
 */
addEventListener('message', (message: MessageEvent<DownscaleRequest>) => {
  const { id } = message.data;
  downscale(message.data).then(
    (answer) => postMessage(answer),
    (error: unknown) => postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies DownscaleResponse),
  );
});

const HEAD_BYTES = 512 * 1024;

async function downscale({ id, file, maxEdge, quality }: DownscaleRequest): Promise<DownscaleResponse> {
  // The header segments (EXIF is at most 64 KiB, the frame header follows it) are all this needs of the bytes.
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const stored = jpegPixelSize(head);
  if (stored && !fitWithin(stored.width, stored.height, maxEdge)) return { id, ok: true, blob: null, width: stored.width, height: stored.height };
  if (typeof OffscreenCanvas === 'undefined' || typeof createImageBitmap === 'undefined') {
    return { id, ok: true, blob: null, width: null, height: null };
  }
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const target = fitWithin(bitmap.width, bitmap.height, maxEdge);
    if (!target) return { id, ok: true, blob: null, width: bitmap.width, height: bitmap.height };
    const canvas = new OffscreenCanvas(target.width, target.height);
    const context = canvas.getContext('2d');
    if (!context) return { id, ok: true, blob: null, width: null, height: null };
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, target.width, target.height);
    const encoded = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality })).arrayBuffer());
    const withExif = copyExif(head, encoded);
    return { id, ok: true, blob: new Blob([withExif as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), width: target.width, height: target.height };
  } finally {
    bitmap.close();
  }
}
