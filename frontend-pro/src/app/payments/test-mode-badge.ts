import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { PaymentMode } from '@focus-racer/api-types';

/** Says plainly that no money moves: shown on every money page while the platform runs without Stripe keys. */
@Component({
  selector: 'app-test-mode-badge',
  imports: [MatIconModule, MatTooltipModule],
  template: `
    @if (mode() === 'local-test') {
      <span
        class="app-test-mode"
        data-testid="test-mode"
        tabindex="0"
        matTooltip="Local test mode: Stripe's pages are simulated and no money moves."
        aria-label="Test mode: Stripe's pages are simulated and no money moves."
      >
        <mat-icon aria-hidden="true">science</mat-icon>
        TEST MODE
      </span>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TestModeBadge {
  readonly mode = input<PaymentMode | null | undefined>(null);
}
