import { Injectable, signal } from '@angular/core';

const REDUCE_KEY = 'focus-racer.pro.upload.reduce';

/**
 * Upload settings remembered per device (localStorage): a pro who wants originals turns reduction off once on the
 * laptop that holds the originals, and a slow connection elsewhere keeps it on.
 */
@Injectable({ providedIn: 'root' })
export class UploadPreferences {
  private readonly storage = safeLocalStorage();
  private readonly reduceValue = signal(this.storage?.getItem(REDUCE_KEY) !== 'false');

  /** "Reduce to 4000 px before sending"; on unless turned off on this device. */
  readonly reduce = this.reduceValue.asReadonly();

  setReduce(value: boolean): void {
    this.reduceValue.set(value);
    try {
      this.storage?.setItem(REDUCE_KEY, String(value));
    } catch {
      // A full or refused storage only forgets the choice.
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
