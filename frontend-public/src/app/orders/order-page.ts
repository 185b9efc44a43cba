import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { OrderDto, OrderItemDto, OrderStatus } from '@focus-racer/api-types';
import { apiErrorMessage, AuthService, PageHeaderComponent } from '@focus-racer/ui';
import { catchError, concat, exhaustMap, map, Observable, of, switchMap, take, takeWhile, timer } from 'rxjs';
import { PublicApi } from '../api/public-api';
import { Cart } from '../cart/cart';
import { OrderSummary } from './order-summary';

/** How often a pending order is asked again, and for how long (the webhook usually lands within seconds). */
export const ORDER_POLL_MS = 2_000;
export const ORDER_POLL_ATTEMPTS = 60;

type OrderState =
  | { status: 'loading' }
  | { status: 'ready'; order: OrderDto }
  /** 401/403/404: a wrong, expired or revoked link (a refund revokes it), or no such order; the server says which. */
  | { status: 'invalid'; message: string | null }
  | { status: 'error'; message: string };

/** The end of the polling: the order is still pending after ORDER_POLL_ATTEMPTS tries. */
const STILL_PENDING = 'still-pending' as const;

/**
 * One order (`/orders/:id?t=<token>`), reachable by anyone holding the link from the receipt; the token stays in
 * the address so the page can be bookmarked. While the payment is being confirmed (the server waits for Stripe's
 * webhook, or the test page) it asks again every 2 s; once paid it lists the photos with their signed download
 * links and takes the bought items out of the cart.
 */
@Component({
  selector: 'app-order-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    PageHeaderComponent,
    OrderSummary,
  ],
  templateUrl: './order-page.html',
  styleUrl: './order-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderPage {
  /** `:id` and `?t=` (component input binding). */
  readonly id = input.required<string>();
  readonly t = input<string>();

  private readonly api = inject(PublicApi);
  private readonly cart = inject(Cart);
  private readonly router = inject(Router);
  protected readonly auth = inject(AuthService);

  protected readonly state = signal<OrderState>({ status: 'loading' });
  /** Still pending after two minutes of asking: the page says what to do instead of spinning forever. */
  protected readonly waitedTooLong = signal(false);
  private readonly attempt = signal(0);
  protected readonly Status = OrderStatus;

  protected readonly order = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.order : null;
  });
  /** The download of each bought item, with the item's thumbnail. */
  protected readonly files = computed(() => {
    const order = this.order();
    if (!order?.downloads) return [];
    const items = new Map<string, OrderItemDto>(order.items.map((item) => [item.id, item]));
    return order.downloads.files.map((file) => ({ ...file, item: items.get(file.itemId) ?? null }));
  });
  /** Where "sign in" brings the runner back: this page, token included. */
  protected here(): string {
    return this.router.url;
  }

  constructor() {
    inject(Title).setTitle('Your order · Focus Racer');
    toObservable(computed(() => ({ id: this.id(), token: this.t() ?? null, attempt: this.attempt() })))
      .pipe(
        switchMap(({ id, token }) => {
          this.waitedTooLong.set(false);
          return concat(this.poll(id, token), of(STILL_PENDING));
        }),
        takeUntilDestroyed(),
      )
      .subscribe((next) => {
        if (next !== STILL_PENDING) {
          this.state.set(next);
        } else if (this.order()?.status === OrderStatus.PENDING) {
          this.waitedTooLong.set(true);
        }
      });

    // Paid: what was bought leaves the cart (once per order).
    let cleared: string | null = null;
    effect(() => {
      const order = this.order();
      if (order?.status !== OrderStatus.PAID || cleared === order.id) return;
      cleared = order.id;
      const photoIds = order.items.map((item) => item.photoId).filter((id): id is string => id !== null);
      untracked(() => this.cart.clearBought(order.id, photoIds));
    });
  }

  /** Asks again (after an error, or after giving up on a pending order). */
  protected checkAgain(): void {
    this.state.update((state) => (state.status === 'ready' ? state : { status: 'loading' }));
    this.attempt.update((n) => n + 1);
  }

  /**
   * The order now, then every ORDER_POLL_MS while it is pending, at most ORDER_POLL_ATTEMPTS times; completes at the
   * first answer that is not pending (paid, failed, an error...).
   */
  private poll(id: string, token: string | null): Observable<OrderState> {
    return timer(0, ORDER_POLL_MS).pipe(
      take(ORDER_POLL_ATTEMPTS),
      exhaustMap(() =>
        this.api.order(id, token).pipe(
          map((order): OrderState => ({ status: 'ready', order })),
          catchError((error: unknown) => of(errorState(error))),
        ),
      ),
      takeWhile((state) => state.status === 'ready' && state.order.status === OrderStatus.PENDING, true),
    );
  }
}

function errorState(error: unknown): OrderState {
  // 403: a wrong or expired token; 404: no such order. Both read the same for the person holding the link.
  if (error instanceof HttpErrorResponse && (error.status === 403 || error.status === 404 || error.status === 401)) {
    const body: unknown = error.error;
    const message = typeof body === 'object' && body !== null && 'message' in body ? apiErrorMessage(error) : null;
    return { status: 'invalid', message };
  }
  return { status: 'error', message: apiErrorMessage(error) };
}
