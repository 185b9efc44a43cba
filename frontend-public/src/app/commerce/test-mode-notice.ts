import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { PaymentsConfig } from './payments-config';

/**
 * Says that payments are simulated when the platform runs without Stripe keys (local test mode): a small ribbon on
 * the cart, a plain notice where the runner pays. Nothing at all with real payments.
 */
@Component({
  selector: 'app-test-mode-notice',
  imports: [MatIconModule],
  template: `
    @if (testMode()) {
      @if (variant() === 'ribbon') {
        <p class="app-ribbon" data-testid="test-mode-ribbon">
          <mat-icon aria-hidden="true">science</mat-icon> Test mode — no real money
        </p>
      } @else {
        <div class="fr-alert fr-alert-warn app-notice" data-testid="test-mode-notice">
          <mat-icon aria-hidden="true">science</mat-icon>
          <span>
            <strong>TEST MODE — no real money.</strong>
            This platform has no Stripe keys: the next page plays the payment, and no card is charged.
          </span>
        </div>
      }
    }
  `,
  styles: `
    .app-ribbon {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      margin: 0 0 12px;
      padding: 2px 10px;
      border-radius: 999px;
      background: #fff1d6;
      color: #5c3b00;
      font: var(--mat-sys-label-medium);

      mat-icon {
        width: 16px;
        height: 16px;
        font-size: 16px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TestModeNotice {
  readonly variant = input<'ribbon' | 'notice'>('ribbon');
  private readonly payments = inject(PaymentsConfig);
  protected readonly testMode = computed(() => this.payments.config()?.mode === 'local-test');

  constructor() {
    this.payments.load().subscribe();
  }
}
