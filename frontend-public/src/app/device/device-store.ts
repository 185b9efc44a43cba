import { Injectable } from '@angular/core';

/**
 * What the public site keeps on the runner's device without an account (anonymous viewer id, favorites), as JSON
 * in localStorage under one prefix. Private modes and sandboxed frames may refuse storage: then values live in
 * memory for the tab's life, and the site still works.
 */
@Injectable({ providedIn: 'root', useFactory: () => new DeviceStore() })
export class DeviceStore {
  private readonly memory = new Map<string, string>();

  constructor(
    private readonly prefix = 'focus-racer.public',
    private readonly storage: Storage | null = deviceLocalStorage(),
  ) {}

  read<T>(key: string, isValid: (value: unknown) => value is T): T | null {
    const raw = this.readRaw(`${this.prefix}.${key}`);
    if (raw === null) return null;
    try {
      const value: unknown = JSON.parse(raw);
      // Another version of the site, or a person in the devtools, may have left something else there.
      return isValid(value) ? value : null;
    } catch {
      return null;
    }
  }

  write(key: string, value: unknown): void {
    const fullKey = `${this.prefix}.${key}`;
    const raw = JSON.stringify(value);
    try {
      if (this.storage) {
        this.storage.setItem(fullKey, raw);
        return;
      }
    } catch {
      // Quota exceeded or storage disabled mid-session: keep going in memory.
    }
    this.memory.set(fullKey, raw);
  }

  remove(key: string): void {
    const fullKey = `${this.prefix}.${key}`;
    this.memory.delete(fullKey);
    try {
      this.storage?.removeItem(fullKey);
    } catch {
      // Nothing to clean up in a storage we cannot reach.
    }
  }

  private readRaw(fullKey: string): string | null {
    try {
      return this.storage?.getItem(fullKey) ?? this.memory.get(fullKey) ?? null;
    } catch {
      return this.memory.get(fullKey) ?? null;
    }
  }
}

function deviceLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
