import { inject, Injectable } from '@angular/core';
import { DeviceStore } from './device-store';

const KEY = 'viewerId';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/**
 * The anonymous id of this device: sent with searches and "this is me / not me" feedback so that a runner
 * without an account stops seeing the photos they said are not them. Random, created on first use, never
 * tied to a person unless they sign in (then the API uses the account instead).
 */
@Injectable({ providedIn: 'root' })
export class ViewerId {
  private readonly store = inject(DeviceStore);
  private cached: string | null = null;

  get(): string {
    if (this.cached) return this.cached;
    let id = this.store.read(KEY, isUuid);
    if (!id) {
      id = crypto.randomUUID();
      this.store.write(KEY, id);
    }
    this.cached = id;
    return id;
  }
}
