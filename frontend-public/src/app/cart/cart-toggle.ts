import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { Cart } from './cart';

/**
 * The small cart button over a photo tile (gallery, search results): puts the photo in the cart in full quality,
 * or takes it out. A plain button, light enough for hundreds of tiles; its label names the photo.
 */
@Component({
  selector: 'app-cart-toggle',
  imports: [MatIconModule],
  template: `
    <button
      type="button"
      class="app-cart-toggle"
      data-testid="tile-cart"
      [class.app-in-cart]="inCart()"
      [attr.aria-label]="(inCart() ? 'Remove from cart: ' : 'Add to cart: ') + photoLabel()"
      [attr.title]="inCart() ? 'In your cart: tap to remove' : 'Add to cart'"
      (click)="cart.togglePhoto(photoId())"
    >
      <mat-icon aria-hidden="true">{{ inCart() ? 'shopping_cart' : 'add_shopping_cart' }}</mat-icon>
    </button>
  `,
  styles: `
    :host {
      position: absolute;
      top: 4px;
      right: 4px;
    }

    .app-cart-toggle {
      display: grid;
      place-items: center;
      width: 36px;
      height: 36px;
      padding: 0;
      border: 0;
      border-radius: 50%;
      background: rgb(0 0 0 / 60%);
      color: #fff;
      cursor: pointer;

      &:hover {
        background: rgb(0 0 0 / 80%);
      }

      &:focus-visible {
        outline: 3px solid #fff;
        box-shadow: 0 0 0 6px var(--mat-sys-primary);
      }

      &.app-in-cart {
        background: var(--mat-sys-primary);
        color: var(--mat-sys-on-primary);
      }

      mat-icon {
        width: 20px;
        height: 20px;
        font-size: 20px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CartToggle {
  readonly photoId = input.required<string>();
  /** What the photo is, for the button's label ("Photo 3 of Semi-marathon de Bordeaux"). */
  readonly photoLabel = input.required<string>();
  protected readonly cart = inject(Cart);
  protected readonly inCart = computed(() => this.cart.has(this.photoId()));
}
