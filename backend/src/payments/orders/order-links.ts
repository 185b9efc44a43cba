import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Capability links of an order, signed with HMAC-SHA256 (no database row per link): the order page (`?t=`) and
 * each file or ZIP download (`?exp=&v=&sig=`). Every signature covers the order id, the order's
 * download_token_version and an expiry, under a purpose prefix so one kind of link can never be replayed as
 * another. Bumping the version (refund, dispute) kills every link already sent; the server also checks that the
 * order is still paid before serving a byte.
 */

export type DownloadTarget = { kind: 'item'; itemId: string } | { kind: 'zip' };

export interface SignedDownload {
  exp: number;
  v: number;
  sig: string;
}

export function signOrderAccess(secret: string, orderId: string, version: number, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `${exp}.${mac(secret, `order-page:${orderId}:${version}:${exp}`)}`;
}

/** True when `token` was signed for this order at this version and has not expired. */
export function verifyOrderAccess(secret: string, orderId: string, version: number, token: string, now = new Date()): boolean {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const exp = Number(match[1]);
  return exp * 1000 > now.getTime() && sameMac(match[2], mac(secret, `order-page:${orderId}:${version}:${exp}`));
}

export function signDownload(secret: string, orderId: string, target: DownloadTarget, version: number, expiresAt: Date): SignedDownload {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return { exp, v: version, sig: mac(secret, downloadMessage(orderId, target, version, exp)) };
}

export type DownloadCheck = 'ok' | 'expired' | 'revoked' | 'forged';

/**
 * Checks a download link against the order's current version. A link whose signature holds but whose version is
 * old was revoked (refund, dispute); one whose signature does not hold was altered or made up.
 */
export function checkDownload(
  secret: string,
  orderId: string,
  target: DownloadTarget,
  currentVersion: number,
  link: { exp?: string; v?: string; sig?: string },
  now = new Date(),
): DownloadCheck {
  if (!link.exp || !link.v || !link.sig || !/^\d{1,12}$/.test(link.exp) || !/^\d{1,9}$/.test(link.v)) return 'forged';
  const exp = Number(link.exp);
  const version = Number(link.v);
  if (!sameMac(link.sig, mac(secret, downloadMessage(orderId, target, version, exp)))) return 'forged';
  if (version !== currentVersion) return 'revoked';
  if (exp * 1000 <= now.getTime()) return 'expired';
  return 'ok';
}

function downloadMessage(orderId: string, target: DownloadTarget, version: number, exp: number): string {
  const what = target.kind === 'zip' ? 'zip' : `item:${target.itemId}`;
  return `download:${orderId}:${what}:${version}:${exp}`;
}

function mac(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message).digest('base64url');
}

function sameMac(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
