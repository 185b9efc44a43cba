import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { NavigationEnd, Router, RouterLink } from '@angular/router';
import { filter, map } from 'rxjs';
import { PaymentsStatus } from './payments-status';

/**
 * Across the pro shell while the pro owns events but cannot be paid: nothing they offer can be bought until Stripe
 * onboarding is done. Hidden on the payments page itself, which says the same with more detail.
 */
@Component({
  selector: 'app-payments-banner',
  imports: [RouterLink, MatButtonModule, MatIconModule],
  template: `
    @if (status.needsOnboarding() && !onPaymentsPage()) {
      <div class="fr-alert fr-alert-warn app-payments-banner" role="region" aria-label="Payments" data-testid="payments-banner">
        <mat-icon aria-hidden="true">info</mat-icon>
        <span class="app-payments-banner-text">Runners cannot buy your photos until you finish setting up payments.</span>
        <a mat-flat-button routerLink="/payments" data-testid="payments-banner-action">
          {{ status.connect()?.accountId ? 'Continue setting up payments' : 'Set up payments' }}
        </a>
      </div>
    }
  `,
  styles: `
    .app-payments-banner {
      align-items: center;
      flex-wrap: wrap;
    }
    .app-payments-banner-text {
      flex: 1 1 240px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PaymentsBanner {
  protected readonly status = inject(PaymentsStatus);
  private readonly router = inject(Router);
  protected readonly onPaymentsPage = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.isPaymentsUrl()),
    ),
    { initialValue: this.isPaymentsUrl() },
  );

  constructor() {
    this.status.load();
  }

  private isPaymentsUrl(): boolean {
    return this.router.url.split(/[?#]/)[0] === '/payments';
  }
}
