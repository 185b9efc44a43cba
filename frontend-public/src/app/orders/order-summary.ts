import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { OrderDto } from '@focus-racer/api-types';
import { MoneyPipe } from '@focus-racer/ui';
import { OrderStatusChip } from './order-status';

/** The facts of an order under its page's message: race, date, status, photos, fee and total. */
@Component({
  selector: 'app-order-summary',
  imports: [DatePipe, RouterLink, MoneyPipe, OrderStatusChip],
  template: `
    @let o = order();
    <section class="app-card" aria-labelledby="summary-title" data-testid="order-summary">
      <h2 id="summary-title" class="app-title">Order summary</h2>
      <dl>
        @if (o.event) {
          <div class="app-row">
            <dt>Race</dt>
            <dd><a [routerLink]="['/events', o.event.slug]">{{ o.event.name }}</a></dd>
          </div>
        }
        <div class="app-row">
          <dt>Ordered</dt>
          <dd>{{ o.createdAt | date: 'medium' }}</dd>
        </div>
        <div class="app-row">
          <dt>Status</dt>
          <dd><app-order-status [status]="o.status" /></dd>
        </div>
        <div class="app-row">
          <dt>{{ o.items.length === 1 ? '1 photo' : o.items.length + ' photos' }}</dt>
          <dd>{{ o.subtotalCents | money: o.currency }}</dd>
        </div>
        <div class="app-row">
          <dt>Service fee</dt>
          <dd>{{ o.serviceFeeCents | money: o.currency }}</dd>
        </div>
        <div class="app-row app-total">
          <dt>Total</dt>
          <dd data-testid="order-total">{{ o.totalCents | money: o.currency }}</dd>
        </div>
      </dl>
    </section>
  `,
  styles: `
    .app-card {
      margin-top: 16px;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 16px;
      background: var(--mat-sys-surface);
    }

    .app-title {
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
    }

    dl {
      margin: 0;
      font: var(--mat-sys-body-medium);
    }

    .app-row {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 12px;
      padding: 3px 0;
    }

    dt,
    dd {
      margin: 0;
    }

    dd {
      text-align: right;
      overflow-wrap: anywhere;
    }

    a {
      color: var(--mat-sys-primary);
    }

    .app-total {
      margin-top: 4px;
      padding-top: 8px;
      border-top: 1px solid var(--mat-sys-outline-variant);
      font: var(--mat-sys-title-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderSummary {
  readonly order = input.required<OrderDto>();
}
