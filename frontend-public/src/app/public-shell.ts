import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink, RouterOutlet } from '@angular/router';
import { ShellComponent } from '@focus-racer/ui';
import { Favorites } from './favorites/favorites';

/**
 * The public frame: toolbar with the runner's favorites and sign-in (or the person's menu); no side navigation,
 * the races are the page.
 */
@Component({
  selector: 'app-public-shell',
  imports: [ShellComponent, RouterOutlet, RouterLink, MatBadgeModule, MatButtonModule, MatIconModule],
  template: `
    <fr-shell [showSignIn]="true">
      <a
        frToolbarActions
        mat-icon-button
        routerLink="/favorites"
        data-testid="favorites-link"
        [attr.aria-label]="label()"
      >
        <mat-icon [matBadge]="favorites.count()" [matBadgeHidden]="favorites.count() === 0" aria-hidden="true">
          favorite
        </mat-icon>
      </a>
      <router-outlet />
    </fr-shell>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PublicShell {
  protected readonly favorites = inject(Favorites);
  protected readonly label = computed(() => {
    const count = this.favorites.count();
    return count === 0 ? 'Favorites' : `Favorites, ${count === 1 ? '1 photo' : `${count} photos`}`;
  });
}
