import { computed, effect, inject, Injectable, signal, untracked } from '@angular/core';
import { CartItemInput, PhotoResolution } from '@focus-racer/api-types';
import { AuthService } from '@focus-racer/ui';
import { PublicApi } from '../api/public-api';
import { DeviceStore } from '../device/device-store';
import { cartItemKey, isCartItemList, sameItems, unionOfItems } from './cart-items';

const KEY = 'cart';
const CHECKOUTS_KEY = 'checkouts';
/** A cart is a race's photos, not a catalogue; this only stops a runaway script from filling the device. */
const MAX_ITEMS = 500;
/** Checkouts remembered to clear their items once paid; older ones are forgotten first. */
const MAX_CHECKOUTS = 20;

type CheckoutRecords = Record<string, CartItemInput[]>;
const isCheckoutRecords = (value: unknown): value is CheckoutRecords =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((items) => isCartItemList(items));

/**
 * The runner's cart: photos (HD or web) and "all my photos" of a bib, of any number of events. Without an account it
 * is kept on the device. When the runner signs in (or comes back signed in), the device's cart and the account's
 * (`/api/me/cart`) are united, saved to the account, and the device copy is dropped, so signing out on a shared
 * phone leaves no cart behind and a photo removed later does not come back at the next sign-in. While signed in,
 * every change replaces the account's cart (one request at a time, the latest state last).
 *
 * Only items are kept: prices, packs and totals always come from the server's quote.
 */
@Injectable({ providedIn: 'root' })
export class Cart {
  private readonly api = inject(PublicApi);
  private readonly auth = inject(AuthService);
  private readonly store = inject(DeviceStore);

  private readonly state = signal<readonly CartItemInput[]>(this.readDevice());
  readonly items = this.state.asReadonly();
  /** Lines in the cart (an "all my photos" counts as one), for the header's badge. */
  readonly count = computed(() => this.state().length);
  /** True while the device's cart is being united with the account's after sign-in. */
  readonly merging = signal(false);
  private readonly photoIndex = computed(() => {
    const index = new Map<string, PhotoResolution>();
    for (const item of this.state()) if (item.kind === 'photo') index.set(item.photoId, item.resolution);
    return index;
  });

  private readonly userId = computed(() => this.auth.user()?.id ?? null);
  private saving = false;
  private saveAgain = false;

  constructor() {
    // Keyed on the user's id, not the user object: a refreshed profile must not merge again.
    effect(() => {
      const userId = this.userId();
      untracked(() => (userId ? this.mergeIntoAccount() : this.state.set(this.readDevice())));
    });
  }

  has(photoId: string): boolean {
    return this.photoIndex().has(photoId);
  }

  /** The resolution a photo is in the cart with, or null. */
  resolutionOf(photoId: string): PhotoResolution | null {
    return this.photoIndex().get(photoId) ?? null;
  }

  hasAllMyPhotos(eventId: string, bib: string): boolean {
    const key = cartItemKey({ kind: 'all-my-photos', eventId, bib });
    return this.state().some((item) => cartItemKey(item) === key);
  }

  /** Adds an item, or changes the resolution of a photo already in the cart. */
  add(item: CartItemInput): void {
    const key = cartItemKey(item);
    const items = this.state();
    const at = items.findIndex((existing) => cartItemKey(existing) === key);
    if (at < 0) {
      this.set([...items, item]);
    } else if (!sameItems([items[at]], [item])) {
      this.set(items.map((existing, i) => (i === at ? item : existing)));
    }
  }

  addPhoto(photoId: string, resolution: PhotoResolution = 'hd'): void {
    this.add({ kind: 'photo', photoId, resolution });
  }

  remove(item: CartItemInput): void {
    this.removeAll([item]);
  }

  removePhoto(photoId: string): void {
    this.removeAll([{ kind: 'photo', photoId, resolution: 'hd' }]);
  }

  /** Removes items whatever their resolution (bought, or refused by the server's quote). */
  removeAll(items: readonly CartItemInput[]): void {
    const gone = new Set(items.map(cartItemKey));
    const kept = this.state().filter((item) => !gone.has(cartItemKey(item)));
    if (kept.length !== this.state().length) this.set(kept);
  }

  /** The gallery's cart button: in (HD, unless the photo is already there in web size) or out. */
  togglePhoto(photoId: string, resolution: PhotoResolution = 'hd'): void {
    if (this.has(photoId)) this.removePhoto(photoId);
    else this.addPhoto(photoId, resolution);
  }

  toggle(item: CartItemInput): void {
    const key = cartItemKey(item);
    if (this.state().some((existing) => cartItemKey(existing) === key)) this.remove(item);
    else this.add(item);
  }

  /** Called when a checkout starts: the items to clear from the cart once that order is paid. */
  rememberCheckout(orderId: string, items: readonly CartItemInput[]): void {
    const records = this.store.read(CHECKOUTS_KEY, isCheckoutRecords) ?? {};
    delete records[orderId];
    const entries = [...Object.entries(records), [orderId, [...items]] as const].slice(-MAX_CHECKOUTS);
    this.store.write(CHECKOUTS_KEY, Object.fromEntries(entries));
  }

  /**
   * The order is paid: its items leave the cart. The items remembered at checkout when this device started it;
   * otherwise (the order link opened elsewhere) the bought photos, whatever their resolution.
   */
  clearBought(orderId: string, boughtPhotoIds: readonly string[]): void {
    const records = this.store.read(CHECKOUTS_KEY, isCheckoutRecords) ?? {};
    const remembered = records[orderId];
    if (remembered) {
      delete records[orderId];
      this.store.write(CHECKOUTS_KEY, records);
    }
    const photoItems = boughtPhotoIds.map((photoId): CartItemInput => ({ kind: 'photo', photoId, resolution: 'hd' }));
    this.removeAll([...(remembered ?? []), ...photoItems]);
  }

  private set(items: readonly CartItemInput[]): void {
    const kept = items.slice(-MAX_ITEMS);
    this.state.set(kept);
    if (this.userId()) this.saveToAccount();
    else this.writeDevice(kept);
  }

  /** One PUT at a time; changes made meanwhile are sent together once it answers, so the last state wins. */
  private saveToAccount(): void {
    if (this.saving) {
      this.saveAgain = true;
      return;
    }
    this.saving = true;
    this.saveAgain = false;
    const items = this.state();
    this.api.saveCart(items).subscribe({
      next: () => this.saved(),
      // Keep the cart on the device too, so it is not lost and is merged at the next sign-in or page load.
      error: () => {
        this.writeDevice(this.state());
        this.saved();
      },
    });
  }

  private saved(): void {
    this.saving = false;
    if (this.saveAgain && this.userId()) this.saveToAccount();
  }

  private mergeIntoAccount(): void {
    this.merging.set(true);
    this.api.myCart().subscribe({
      next: (stored) => {
        // What is in the cart now: the device's, plus anything added while the account's cart was on its way.
        const union = unionOfItems(stored.items, this.state()).slice(-MAX_ITEMS);
        this.state.set(union);
        this.store.remove(KEY);
        this.merging.set(false);
        if (!sameItems(union, stored.items)) this.saveToAccount();
      },
      // Keep the device's cart: it is merged at the next sign-in or page load.
      error: () => this.merging.set(false),
    });
  }

  private readDevice(): CartItemInput[] {
    return this.store.read(KEY, isCartItemList) ?? [];
  }

  private writeDevice(items: readonly CartItemInput[]): void {
    if (items.length) this.store.write(KEY, items);
    else this.store.remove(KEY);
  }
}
