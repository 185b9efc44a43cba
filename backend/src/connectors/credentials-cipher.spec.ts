import { CredentialsCipher, maskApiKey } from './credentials-cipher';

describe('CredentialsCipher', () => {
  const cipher = new CredentialsCipher('a-secret-of-at-least-thirty-two-characters');

  it('gives back what it encrypted, and never stores the key in clear', () => {
    const stored = cipher.encrypt('njk_live_5f3a9c');
    expect(stored).not.toContain('njk_live');
    expect(stored).toMatch(/^v1\./);
    expect(cipher.encrypt('njk_live_5f3a9c')).not.toBe(stored);
    expect(cipher.decrypt(stored)).toBe('njk_live_5f3a9c');
  });

  it('answers null for a value encrypted with another secret or tampered with', () => {
    const stored = cipher.encrypt('njk_live_5f3a9c');
    expect(new CredentialsCipher('another-secret-of-at-least-thirty-two-chars').decrypt(stored)).toBeNull();
    const parts = stored.split('.');
    parts[3] = Buffer.from('forged').toString('base64url');
    expect(cipher.decrypt(parts.join('.'))).toBeNull();
    expect(cipher.decrypt('garbage')).toBeNull();
  });

  it('masks keys, showing at most the last 4 characters of a long one', () => {
    expect(maskApiKey('njk_live_0123456789ab3f9a')).toBe('••••••••3f9a');
    expect(maskApiKey('short-key')).toBe('••••••••');
  });
});
