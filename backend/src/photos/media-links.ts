import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed media links for the pro app. `/api/media/<key>` serves only what runners may see (watermarked copies of
 * visible photos of published events); a photographer also needs the photos of a draft event and the hidden ones
 * (grid, review queue), and an <img> cannot send a bearer token. So the pro endpoints hand out
 * `/api/media/<key>?exp=&sig=`: HMAC-SHA256 over the key and an expiry. Still watermarked copies only: a signature
 * never opens an original (the product sold).
 *
 * The expiry is rounded up to a window so that the same photo keeps the same URL for hours and the browser's cache
 * works across page loads; a link is valid between one and two windows after it is made.
 */
export const MEDIA_LINK_WINDOW_SECONDS = 6 * 3600;

export interface MediaSignature {
  exp: string;
  sig: string;
}

export function mediaLinkExpiry(now = new Date()): number {
  const seconds = Math.floor(now.getTime() / 1000);
  return (Math.floor(seconds / MEDIA_LINK_WINDOW_SECONDS) + 2) * MEDIA_LINK_WINDOW_SECONDS;
}

export function signMediaKey(secret: string, key: string, exp: number): string {
  return createHmac('sha256', secret).update(`pro-media:${key}:${exp}`).digest('base64url');
}

/** True when `signature` was made for this key and has not expired. */
export function verifyMediaKey(secret: string, key: string, signature: Partial<MediaSignature>, now = new Date()): boolean {
  if (!signature.exp || !signature.sig || !/^\d{1,12}$/.test(signature.exp)) return false;
  const exp = Number(signature.exp);
  if (exp * 1000 <= now.getTime()) return false;
  const given = Buffer.from(signature.sig);
  const expected = Buffer.from(signMediaKey(secret, key, exp));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
