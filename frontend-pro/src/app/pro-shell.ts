import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AuthService, ShellComponent } from '@focus-racer/ui';
import { PaymentsBanner } from './payments/payments-banner';
import { proNavigation } from './pro-space';

/**
 * The signed-in frame of the pro app, with the navigation of the person's space and, while runners cannot buy from
 * this pro, the payments banner.
 */
@Component({
  selector: 'app-pro-shell',
  imports: [ShellComponent, RouterOutlet, PaymentsBanner],
  template: `<fr-shell [navItems]="nav()"><app-payments-banner /><router-outlet /></fr-shell>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProShell {
  private readonly auth = inject(AuthService);
  protected readonly nav = computed(() => {
    const user = this.auth.user();
    return user ? proNavigation(user.role) : [];
  });
}
