import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts the registration platforms' API keys before they are stored (AES-256-GCM, a fresh IV per value), so a
 * database dump or backup does not hand out organisers' access to their runners' personal data. The stored form is
 * `v1.<iv>.<tag>.<ciphertext>` in base64url; the version leaves room for a key rotation.
 */
export class CredentialsCipher {
  private readonly key: Buffer;

  /** `secret`: CONNECTOR_CREDENTIALS_KEY, or JWT_REFRESH_SECRET when that is unset; the AES key is derived from it. */
  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'focus-racer/start-list-connector-credentials', 32));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  /** Null when the value was encrypted with another key (the secret changed) or is damaged. */
  decrypt(stored: string): string | null {
    const [version, iv, tag, ciphertext] = stored.split('.');
    if (version !== 'v1' || !iv || !tag || ciphertext === undefined) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}

/** What GETs show instead of a key: its length hidden, at most its last 4 characters (none for a short key). */
export function maskApiKey(apiKey: string): string {
  return apiKey.length >= 12 ? `••••••••${apiKey.slice(-4)}` : '••••••••';
}
