import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { AuthConfig } from '../config/auth.config';
import { MediaSignature, mediaLinkExpiry, signMediaKey, verifyMediaKey } from './media-links';
import { mediaUrlOf } from './photo-dto.mapper';

/** Signs and checks the pro app's media links (see media-links.ts), with a key derived for this one purpose. */
@Injectable()
export class MediaLinkSigner {
  private readonly secret: string;

  constructor(auth: AuthConfig) {
    this.secret = createHmac('sha256', auth.refreshSecret).update('focus-racer:pro-media-links').digest('hex');
  }

  /** `/api/media/<key>?exp=&sig=` (and `&v=`, see mediaUrlOf), or null when there is no such copy yet. */
  url(key: string | null, version?: string, now = new Date()): string | null {
    const base = mediaUrlOf(key);
    if (!key || !base) return null;
    const exp = mediaLinkExpiry(now);
    return `${base}?exp=${exp}&sig=${signMediaKey(this.secret, key, exp)}${version ? `&v=${version}` : ''}`;
  }

  verify(key: string, signature: Partial<MediaSignature>): boolean {
    return verifyMediaKey(this.secret, key, signature);
  }
}
