import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { AuthConfig } from '../config/auth.config';

/**
 * Opaque tokens (refresh, password reset): 32 random bytes sent to the client as base64url; the database keeps
 * only HMAC-SHA256(JWT_REFRESH_SECRET, token) in hex, so neither a database dump alone nor a guess gives a token.
 */
@Injectable()
export class TokenHasher {
  constructor(private readonly config: AuthConfig) {}

  generate(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: this.hash(token) };
  }

  hash(token: string): string {
    return createHmac('sha256', this.config.refreshSecret).update(token).digest('hex');
  }
}
