import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink, RouterOutlet } from '@angular/router';
import { NavItem, ShellComponent } from '@focus-racer/ui';
import { Cart } from './cart/cart';
import { Favorites } from './favorites/favorites';

const ACCOUNT_LINKS: readonly NavItem[] = [{ slug: 'orders', label: 'My orders', icon: 'receipt_long', link: '/orders' }];

const photos = (count: number) => (count === 1 ? '1 photo' : `${count} photos`);
const items = (count: number) => (count === 1 ? '1 item' : `${count} items`);

/**
 * The public frame: toolbar with the runner's favorites, cart and sign-in (or the person's menu, with their
 * orders); no side navigation, the races are the page.
 */
@Component({
  selector: 'app-public-shell',
  imports: [ShellComponent, RouterOutlet, RouterLink, MatBadgeModule, MatButtonModule, MatIconModule],
  template: `
    <fr-shell [showSignIn]="true" [accountLinks]="accountLinks">
      <span frToolbarActions class="app-actions">
        <a mat-icon-button routerLink="/favorites" data-testid="favorites-link" [attr.aria-label]="favoritesLabel()">
          <mat-icon [matBadge]="favorites.count()" [matBadgeHidden]="favorites.count() === 0" aria-hidden="true">
            favorite
          </mat-icon>
        </a>
        <a mat-icon-button routerLink="/cart" data-testid="cart-link" [attr.aria-label]="cartLabel()">
          <mat-icon
            data-testid="cart-count"
            [matBadge]="cart.count()"
            [matBadgeHidden]="cart.count() === 0"
            aria-hidden="true"
          >
            shopping_cart
          </mat-icon>
        </a>
      </span>
      <router-outlet />
    </fr-shell>
  `,
  styles: `
    .app-actions {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      margin-right: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PublicShell {
  protected readonly favorites = inject(Favorites);
  protected readonly cart = inject(Cart);
  protected readonly accountLinks = ACCOUNT_LINKS;
  protected readonly favoritesLabel = computed(() => {
    const count = this.favorites.count();
    return count === 0 ? 'Favorites' : `Favorites, ${photos(count)}`;
  });
  protected readonly cartLabel = computed(() => {
    const count = this.cart.count();
    return count === 0 ? 'Cart, empty' : `Cart, ${items(count)}`;
  });
}
