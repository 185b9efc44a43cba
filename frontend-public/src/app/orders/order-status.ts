import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { OrderStatus } from '@focus-racer/api-types';

const LABELS: Record<OrderStatus, string> = {
  [OrderStatus.PENDING]: 'Awaiting payment',
  [OrderStatus.PAID]: 'Paid',
  [OrderStatus.FAILED]: 'Payment failed',
  [OrderStatus.REFUNDED]: 'Refunded',
  [OrderStatus.DISPUTED]: 'Disputed',
  [OrderStatus.CANCELLED]: 'Cancelled',
};

/** An order's status as the runner reads it. */
export function orderStatusLabel(status: OrderStatus): string {
  return LABELS[status] ?? status;
}

/** The status as a chip (order page, order history); colours chosen for AA contrast on their backgrounds. */
@Component({
  selector: 'app-order-status',
  template: `<span class="fr-status" [class]="'app-' + status()" data-testid="order-status">{{ label() }}</span>`,
  styles: `
    .app-paid {
      background: #d8f5dc;
      color: #0f5223;
    }

    .app-pending {
      background: #fff1d6;
      color: #5c3b00;
    }

    .app-failed,
    .app-disputed {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderStatusChip {
  readonly status = input.required<OrderStatus>();
  protected readonly label = computed(() => orderStatusLabel(this.status()));
}
