/** Long edge of the selfie sent to the API: plenty for a face detector, and a phone photo shrinks to ~150 kB. */
export const SELFIE_LONG_EDGE = 1024;

/** The size of an image scaled down (never up) so that its long edge fits `max`. */
export function fitWithin(width: number, height: number, max: number): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * The selfie as a JPEG no larger than SELFIE_LONG_EDGE, made in the browser: a 12-megapixel phone photo would be
 * slow to send on a race-day connection. EXIF orientation is applied (a portrait selfie stays upright) and the
 * re-encoding drops the file's metadata (location, device) before anything leaves the phone.
 */
export async function downscaleSelfie(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const size = fitWithin(bitmap.width, bitmap.height, SELFIE_LONG_EDGE);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot prepare the photo. Try another browser.');
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('This photo could not be prepared. Try another one.'))),
        'image/jpeg',
        0.88,
      ),
    );
  } finally {
    bitmap.close();
  }
}
