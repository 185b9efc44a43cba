import { Injectable, Signal, signal } from '@angular/core';

/** A photo as the cart needs it: which photo, of which event (prices are per event). */
export interface CartPhotoRef {
  photoId: string;
  eventSlug: string;
}

/**
 * The viewer's "Add to cart" talks to this, never to a concrete cart. Until the commerce issue provides the real
 * one (replace the factory below, or provide `Cart` in app.config), photos cannot be bought yet and the button says
 * so.
 */
@Injectable({ providedIn: 'root', useFactory: () => new ComingSoonCart() })
export abstract class Cart {
  /** False while buying is not possible here: the button stays visible, disabled, with a "Coming soon" hint. */
  abstract readonly available: Signal<boolean>;
  abstract add(photo: CartPhotoRef): void;
}

class ComingSoonCart extends Cart {
  readonly available = signal(false).asReadonly();

  add(): void {
    // Never called: the button is disabled while `available` is false.
  }
}
