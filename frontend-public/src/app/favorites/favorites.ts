import { computed, effect, inject, Injectable, signal, untracked } from '@angular/core';
import { FavoritePhotoDto } from '@focus-racer/api-types';
import { AuthService } from '@focus-racer/ui';
import { Observable, of, tap } from 'rxjs';
import { PublicApi } from '../api/public-api';
import { DeviceStore } from '../device/device-store';

const KEY = 'favorites';
/** Enough for a whole race day; keeps a runaway script from filling the device's storage. */
const MAX_DEVICE_FAVORITES = 500;

const isIdList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((id) => typeof id === 'string');

/**
 * The runner's favorite photos. Without an account they are kept on the device; when the runner signs in (or
 * comes back signed in) the device's list is added to the account's (`PUT /api/me/favorites` merges) and the
 * device copy is dropped, so a photo removed later from the account does not come back at the next sign-in.
 * While signed in the account's list is the truth and every change goes to the server.
 */
@Injectable({ providedIn: 'root' })
export class Favorites {
  private readonly api = inject(PublicApi);
  private readonly auth = inject(AuthService);
  private readonly store = inject(DeviceStore);

  private readonly state = signal<ReadonlySet<string>>(new Set(this.readDevice()));
  /** Photo ids marked as favorites (device or account). */
  readonly ids = this.state.asReadonly();
  readonly count = computed(() => this.state().size);
  /** True while the device's favorites are being added to the account after sign-in. */
  readonly merging = signal(false);

  private readonly userId = computed(() => this.auth.user()?.id ?? null);

  constructor() {
    // Keyed on the user's id, not the user object: a refreshed profile must not merge again.
    effect(() => {
      const userId = this.userId();
      untracked(() => (userId ? this.mergeIntoAccount() : this.state.set(new Set(this.readDevice()))));
    });
  }

  has(photoId: string): boolean {
    return this.state().has(photoId);
  }

  toggle(photoId: string): void {
    const adding = !this.has(photoId);
    const before = this.state();
    const next = new Set(before);
    if (adding) next.add(photoId);
    else next.delete(photoId);
    this.state.set(next);

    if (!this.userId()) {
      this.writeDevice(next);
      return;
    }
    // Optimistic: the heart fills at once; a refusal (photo gone, session lost) puts it back.
    const request: Observable<unknown> = adding
      ? this.api.addFavorites([photoId]).pipe(tap((photos) => this.state.set(idsOf(photos))))
      : this.api.removeFavorite(photoId);
    request.subscribe({ error: () => this.state.set(before) });
  }

  /** The favorite photos to show: the account's, or the device's looked up by id. */
  photos(): Observable<FavoritePhotoDto[]> {
    if (this.userId()) {
      return this.api.myFavorites().pipe(tap((photos) => this.state.set(idsOf(photos))));
    }
    const ids = [...this.state()];
    return ids.length ? this.api.lookup(ids) : of([]);
  }

  private mergeIntoAccount(): void {
    const deviceIds = this.readDevice();
    this.merging.set(true);
    const request = deviceIds.length ? this.api.addFavorites(deviceIds) : this.api.myFavorites();
    request.subscribe({
      next: (photos) => {
        this.store.remove(KEY);
        this.state.set(idsOf(photos));
        this.merging.set(false);
      },
      // Keep the device's list: it is merged at the next sign-in or page load, and the hearts stay filled.
      error: () => {
        this.state.set(new Set(deviceIds));
        this.merging.set(false);
      },
    });
  }

  private readDevice(): string[] {
    return this.store.read(KEY, isIdList) ?? [];
  }

  private writeDevice(ids: ReadonlySet<string>): void {
    this.store.write(KEY, [...ids].slice(-MAX_DEVICE_FAVORITES));
  }
}

function idsOf(photos: readonly FavoritePhotoDto[]): ReadonlySet<string> {
  return new Set(photos.map((photo) => photo.id));
}
