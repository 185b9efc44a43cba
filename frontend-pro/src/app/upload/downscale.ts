/** What the page asks the downscale worker, and what it answers (see downscale.worker.ts). */

/** Long edge of the JPEGs sent when "Reduce before sending" is on: enough for a print, a quarter of a 45 MP file. */
export const DOWNSCALE_MAX_EDGE = 4000;
/** JPEG quality of the re-encoded photo (0..1). */
export const DOWNSCALE_QUALITY = 0.9;

export interface DownscaleRequest {
  id: number;
  file: Blob;
  maxEdge: number;
  quality: number;
}

export type DownscaleResponse =
  /** `blob` null: send the original (already small enough, or the browser cannot re-encode it). */
  | { id: number; ok: true; blob: Blob | null; width: number | null; height: number | null }
  | { id: number; ok: false; error: string };

/** The size that fits `maxEdge` on the long side, aspect ratio kept; null when the photo already fits. */
export function fitWithin(width: number, height: number, maxEdge: number): { width: number; height: number } | null {
  const longEdge = Math.max(width, height);
  if (longEdge <= maxEdge) return null;
  const scale = maxEdge / longEdge;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
