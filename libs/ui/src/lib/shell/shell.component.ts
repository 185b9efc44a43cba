import { BreakpointObserver } from '@angular/cdk/layout';
import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { map } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { FOCUS_RACER_APP_CONFIG } from '../config/app-config';
import { NavItem } from './nav-item';

/** Phone width: the navigation becomes an overlay opened from a hamburger button. */
export const HANDSET_QUERY = '(max-width: 600px)';

/**
 * The frame of every signed-in page: toolbar with the app name and the person's menu, and a navigation that sits
 * beside the content on wide screens and slides over it on phones. Page content is projected.
 * Without navigation (the public site) there is no sidenav container: the document itself scrolls under a sticky
 * toolbar, so phone browsers fold their address bar, the router restores scroll positions, and pages can use
 * window-scrolled virtual lists (`scrollWindow`) for long photo galleries.
 */
@Component({
  selector: 'fr-shell',
  imports: [
    NgTemplateOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatDividerModule,
    MatSidenavModule,
    MatListModule,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.fr-shell-page-scrolls]': '!hasNav()' },
})
export class ShellComponent {
  /** Navigation entries; none hides the navigation entirely (the public site). */
  readonly navItems = input<readonly NavItem[]>([]);
  /** Pages of the signed-in person's own (the public site's "My orders"), in their account menu above "Sign out". */
  readonly accountLinks = input<readonly NavItem[]>([]);
  /** Offer a "Sign in" button to visitors (the public site lets people browse without an account). */
  readonly showSignIn = input(false);

  protected readonly auth = inject(AuthService);
  protected readonly config = inject(FOCUS_RACER_APP_CONFIG);
  protected readonly isHandset = toSignal(
    inject(BreakpointObserver)
      .observe(HANDSET_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly hasNav = computed(() => this.navItems().length > 0);
  private readonly sidenav = viewChild(MatSidenav);

  protected toggleNav(): void {
    void this.sidenav()?.toggle();
  }

  protected closeOnHandset(): void {
    if (this.isHandset()) {
      void this.sidenav()?.close();
    }
  }
}
