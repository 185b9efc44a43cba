import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
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
        [attr.aria-label]="favorites.count() ? 'Favorites, ' + favorites.count() + ' photos' : 'Favorites'"
      >
        <mat-icon
          [matBadge]="favorites.count()"
          [matBadgeHidden]="favorites.count() === 0"
          matBadgeSize="small"
          matBadgeColor="accent"
          aria-hidden="true"
          >favorite</mat-icon
        >
      </a>
      <router-outlet />
    </fr-shell>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PublicShell {
  protected readonly favorites = inject(Favorites);
}
