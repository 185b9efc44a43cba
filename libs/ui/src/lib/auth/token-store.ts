/**
 * The session's two tokens in localStorage, under this app's key prefix, so the pro, public and admin apps each
 * keep their own session even when they share an origin.
 */
export class TokenStore {
  private readonly accessKey: string;
  private readonly refreshKey: string;

  constructor(prefix: string, private readonly storage: Storage | null = safeLocalStorage()) {
    this.accessKey = `${prefix}.accessToken`;
    this.refreshKey = `${prefix}.refreshToken`;
  }

  get accessToken(): string | null {
    return this.read(this.accessKey);
  }

  get refreshToken(): string | null {
    return this.read(this.refreshKey);
  }

  /** True when a storage event from another tab concerns this app's refresh token. */
  concerns(key: string | null): boolean {
    return key === null || key === this.refreshKey;
  }

  save(accessToken: string, refreshToken: string): void {
    this.storage?.setItem(this.accessKey, accessToken);
    this.storage?.setItem(this.refreshKey, refreshToken);
  }

  clear(): void {
    this.storage?.removeItem(this.accessKey);
    this.storage?.removeItem(this.refreshKey);
  }

  private read(key: string): string | null {
    return this.storage?.getItem(key) ?? null;
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Private modes and sandboxed iframes may throw on access: the session then lasts until the tab closes.
    return null;
  }
}
