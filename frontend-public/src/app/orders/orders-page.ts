import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { OrderSummaryDto } from '@focus-racer/api-types';
import { apiErrorMessage, AuthService, EmptyStateComponent, MoneyPipe, PageHeaderComponent } from '@focus-racer/ui';
import { catchError, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { PublicApi } from '../api/public-api';
import { AppLink, orderLink } from '../commerce/order-link';
import { OrderStatusChip } from './order-status';

type OrdersState =
  | { status: 'signed-out' }
  | { status: 'loading' }
  | { status: 'ready'; orders: (OrderSummaryDto & { link: AppLink })[] }
  | { status: 'error'; message: string };

/** The signed-in runner's orders (`GET /api/me/orders`), newest first, each a link to its order page. */
@Component({
  selector: 'app-orders-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    EmptyStateComponent,
    MoneyPipe,
    PageHeaderComponent,
    OrderStatusChip,
  ],
  template: `
    <fr-page-header heading="My orders" />
    @let s = state();
    @if (s.status === 'signed-out') {
      <fr-empty-state
        testId="orders-signed-out"
        icon="lock"
        heading="Sign in to see your orders"
        description="Orders made with your account are listed here. Bought without an account? The link in your receipt email opens your order."
      >
        <a mat-flat-button routerLink="/login" [queryParams]="{ returnUrl: '/orders' }" data-testid="orders-sign-in">Sign in</a>
      </fr-empty-state>
    } @else if (s.status === 'loading') {
      <div class="fr-loading" role="status" aria-label="Loading your orders"><mat-spinner diameter="40" /></div>
    } @else if (s.status === 'error') {
      <div class="fr-alert fr-alert-error" role="alert"><mat-icon aria-hidden="true">error</mat-icon><span>{{ s.message }}</span></div>
    } @else if (s.orders.length === 0) {
      <fr-empty-state
        testId="orders-empty"
        icon="receipt_long"
        heading="No orders yet"
        description="Find your race, search your bib number or name, and buy your photos: your orders will be listed here."
      >
        <a mat-stroked-button routerLink="/">Find your race</a>
      </fr-empty-state>
    } @else {
      <ul class="app-orders">
        @for (order of s.orders; track order.id) {
          <li>
            <a class="app-order" data-testid="order-row" [routerLink]="order.link.path" [queryParams]="order.link.queryParams">
              <span class="app-main">
                <span class="app-event">{{ order.event?.name ?? 'Race no longer published' }}</span>
                <span class="app-meta">
                  {{ order.createdAt | date: 'mediumDate' }} · {{ order.photoCount === 1 ? '1 photo' : order.photoCount + ' photos' }}
                </span>
              </span>
              <span class="app-side">
                <span class="app-total">{{ order.totalCents | money: order.currency }}</span>
                <app-order-status [status]="order.status" />
              </span>
              <mat-icon class="app-chevron" aria-hidden="true">chevron_right</mat-icon>
            </a>
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .app-orders {
      margin: 0;
      padding: 0;
      list-style: none;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 16px;
      background: var(--mat-sys-surface);
      overflow: hidden;
    }

    li + li {
      border-top: 1px solid var(--mat-sys-outline-variant);
    }

    .app-order {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 12px 16px;
      color: inherit;
      text-decoration: none;

      &:hover {
        background: var(--mat-sys-surface-container);
      }

      &:focus-visible {
        outline: 3px solid var(--mat-sys-primary);
        outline-offset: -3px;
      }
    }

    .app-main,
    .app-side {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }

    .app-main {
      flex: 1;
      min-width: 0;
    }

    .app-side {
      align-items: flex-end;
    }

    .app-event {
      font: var(--mat-sys-title-small);
      overflow-wrap: anywhere;
    }

    .app-meta {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }

    .app-total {
      font: var(--mat-sys-title-small);
      white-space: nowrap;
    }

    .app-chevron {
      flex: none;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrdersPage {
  private readonly api = inject(PublicApi);
  private readonly auth = inject(AuthService);
  protected readonly state = signal<OrdersState>({ status: 'loading' });

  constructor() {
    toObservable(this.auth.user)
      .pipe(
        map((user) => user?.id ?? null),
        distinctUntilChanged(),
        switchMap((userId) =>
          userId
            ? this.api.myOrders().pipe(
                map((orders): OrdersState => ({
                  status: 'ready',
                  orders: orders.map((order) => ({ ...order, link: orderLink(order.orderUrl) })),
                })),
                catchError((error: unknown) => of<OrdersState>({ status: 'error', message: apiErrorMessage(error) })),
                startWith<OrdersState>({ status: 'loading' }),
              )
            : of<OrdersState>({ status: 'signed-out' }),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.state.set(state));
  }
}
