import { BreakpointObserver } from '@angular/cdk/layout';
import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, OnInit, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router } from '@angular/router';
import { CreditOfferDto, CreditReason, CreditsOverviewDto, CreditTransactionDto } from '@focus-racer/api-types';
import { apiErrorMessage, EmptyStateComponent, formatUnitPrice, MoneyPipe, PageHeaderComponent } from '@focus-racer/ui';
import { catchError, EMPTY, map, switchMap, take, takeWhile, timer } from 'rxjs';
import { PaymentsApi } from '../api/payments-api';
import { BrowserLocation } from '../payments/browser-location';
import { TestModeBadge } from '../payments/test-mode-badge';

export const CREDIT_REASON_LABELS: Record<CreditReason, string> = {
  [CreditReason.PURCHASE]: 'Credit pack bought',
  [CreditReason.SUBSCRIPTION]: 'Monthly subscription',
  [CreditReason.PHOTO_PROCESSED]: 'Photo processed',
  [CreditReason.REFUND]: 'Refund',
  [CreditReason.ADMIN_ADJUSTMENT]: 'Adjustment by Focus Racer',
  [CreditReason.SIGNUP_BONUS]: 'Welcome bonus',
};

/** Stripe's subscription statuses, for a person. */
const SUBSCRIPTION_STATUS_LABELS: Record<string, string> = {
  active: 'Active',
  trialing: 'Trial',
  past_due: 'Payment failed: Stripe will try your card again',
  unpaid: 'Unpaid',
  canceled: 'Cancelled',
  incomplete: 'Waiting for the first payment',
  incomplete_expired: 'First payment failed',
  paused: 'Paused',
};

/** What the page remembers across the trip to Stripe Checkout, to know when the bought credits have arrived. */
interface PendingCheckout {
  balance: number;
  offerId: string;
}
export const PENDING_CHECKOUT_KEY = 'focus-racer.pro.credit-checkout';
/** Credits arrive by webhook, usually within seconds: poll the balance every 2 s for at most 30 s. */
export const POLL_INTERVAL_MS = 2000;
export const POLL_ATTEMPTS = 15;

interface Notice {
  kind: 'success' | 'warn' | 'info';
  text: string;
}

/**
 * `/credits`: the processing credits of a pro (one credit per photo sorted): balance, offers (packs and the monthly
 * subscription, bought through Stripe Checkout or the local test page), the subscription, and the ledger.
 */
@Component({
  selector: 'app-credits-page',
  imports: [
    DatePipe,
    DecimalPipe,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatTableModule,
    EmptyStateComponent,
    MoneyPipe,
    PageHeaderComponent,
    TestModeBadge,
  ],
  templateUrl: './credits-page.html',
  styleUrl: './credits-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreditsPage implements OnInit {
  private readonly api = inject(PaymentsApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly location = inject(BrowserLocation);
  private readonly destroyRef = inject(DestroyRef);

  /** Beside the navigation on a tablet, the note goes under the reason instead of a column of its own. */
  protected readonly wide = toSignal(
    inject(BreakpointObserver)
      .observe('(min-width: 1100px)')
      .pipe(map((state) => state.matches)),
    { initialValue: true },
  );
  protected readonly columns = computed(() =>
    this.wide() ? ['date', 'reason', 'delta', 'balanceAfter', 'note'] : ['date', 'reason', 'delta', 'balanceAfter'],
  );

  protected readonly overview = signal<CreditsOverviewDto | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly ledger = signal<CreditTransactionDto[]>([]);
  /** Where the next ledger page starts; null: no older entry. */
  protected readonly nextBefore = signal<string | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly moreError = signal<string | null>(null);
  /** The offer whose checkout is being opened. */
  protected readonly buying = signal<string | null>(null);
  protected readonly buyError = signal<string | null>(null);
  protected readonly notice = signal<Notice | null>(null);
  protected readonly awaitingCredits = signal(false);

  protected readonly subscriptionOffer = computed(() => {
    const overview = this.overview();
    const id = overview?.subscription?.offerId;
    return id ? (overview.offers.find((offer) => offer.id === id) ?? null) : null;
  });
  /** A live subscription: its offer cannot be bought a second time. */
  protected readonly subscribed = computed(() => {
    const status = this.overview()?.subscription?.status;
    return status !== undefined && status !== 'canceled' && status !== 'incomplete_expired';
  });

  ngOnInit(): void {
    const checkout = this.route.snapshot.queryParamMap.get('checkout');
    if (checkout) {
      void this.router.navigate([], { relativeTo: this.route, queryParams: { checkout: null }, queryParamsHandling: 'merge', replaceUrl: true });
    }
    if (checkout === 'cancel') {
      this.forgetPendingCheckout();
      this.notice.set({ kind: 'info', text: 'Checkout cancelled: nothing was charged.' });
    }
    this.load(checkout === 'success');
  }

  protected load(afterCheckout = false): void {
    this.loadError.set(null);
    this.api.credits().subscribe({
      next: (overview) => {
        this.show(overview);
        if (afterCheckout) this.waitForCredits(overview);
      },
      error: (error: unknown) => this.loadError.set(apiErrorMessage(error)),
    });
  }

  protected buy(offer: CreditOfferDto): void {
    if (this.buying()) return;
    this.buying.set(offer.id);
    this.buyError.set(null);
    this.api.creditCheckout(offer.id).subscribe({
      next: ({ url }) => {
        this.rememberPendingCheckout({ balance: this.overview()?.balance ?? 0, offerId: offer.id });
        this.location.assign(url);
      },
      error: (error: unknown) => {
        this.buying.set(null);
        this.buyError.set(apiErrorMessage(error));
      },
    });
  }

  protected loadMore(): void {
    const before = this.nextBefore();
    if (!before || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.moreError.set(null);
    this.api.credits(before).subscribe({
      next: (older) => {
        this.loadingMore.set(false);
        const known = new Set(this.ledger().map((entry) => entry.id));
        const added = older.ledger.filter((entry) => !known.has(entry.id));
        this.ledger.update((ledger) => [...ledger, ...added]);
        this.nextBefore.set(nextBeforeOf(older, added));
      },
      error: (error: unknown) => {
        this.loadingMore.set(false);
        this.moreError.set(apiErrorMessage(error));
      },
    });
  }

  protected pricePerCredit(offer: CreditOfferDto): string {
    return formatUnitPrice(offer.priceCents, offer.credits, offer.currency);
  }

  protected reasonLabel(reason: CreditReason): string {
    return CREDIT_REASON_LABELS[reason] ?? reason;
  }

  protected subscriptionStatus(status: string): string {
    return SUBSCRIPTION_STATUS_LABELS[status] ?? status;
  }

  protected isCurrentPlan(offer: CreditOfferDto): boolean {
    return offer.kind === 'subscription' && this.subscribed() && this.overview()?.subscription?.offerId === offer.id;
  }

  /** Newest ledger entries and the balance; older pages already read stay below them. */
  private show(overview: CreditsOverviewDto): void {
    const first = this.overview() === null;
    this.overview.set(overview);
    if (first) {
      this.ledger.set(overview.ledger);
      this.nextBefore.set(nextBeforeOf(overview, overview.ledger));
      return;
    }
    const known = new Set(this.ledger().map((entry) => entry.id));
    const fresh = overview.ledger.filter((entry) => !known.has(entry.id));
    this.ledger.update((ledger) => [...fresh, ...ledger]);
  }

  /**
   * Back from a paid checkout: the credits come with Stripe's webhook, a few seconds later. Poll the balance until it
   * grows past the one before checkout (or, without that memory, until it changes), then say so.
   */
  private waitForCredits(current: CreditsOverviewDto): void {
    const pending = this.readPendingCheckout();
    const startBalance = pending?.balance ?? current.balance;
    const arrived = (overview: CreditsOverviewDto) =>
      pending ? overview.balance > startBalance : overview.balance !== startBalance;
    if (arrived(current)) {
      this.creditsArrived(current, startBalance);
      return;
    }
    this.awaitingCredits.set(true);
    this.notice.set({ kind: 'info', text: 'Thank you! Your credits will appear in a few seconds.' });
    let done = false;
    timer(POLL_INTERVAL_MS, POLL_INTERVAL_MS)
      .pipe(
        take(POLL_ATTEMPTS),
        switchMap(() => this.api.credits(null, { silent: true }).pipe(catchError(() => EMPTY))),
        takeWhile((overview) => !arrived(overview), true),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (overview) => {
          this.show(overview);
          if (arrived(overview)) {
            done = true;
            this.creditsArrived(overview, startBalance);
          }
        },
        complete: () => {
          this.awaitingCredits.set(false);
          if (!done) {
            this.notice.set({
              kind: 'warn',
              text: 'Your payment went through, but the credits have not arrived yet. Reload this page in a minute; if they are still missing, contact us.',
            });
          }
        },
      });
  }

  private creditsArrived(overview: CreditsOverviewDto, before: number): void {
    this.forgetPendingCheckout();
    this.awaitingCredits.set(false);
    const added = overview.balance - before;
    this.notice.set({
      kind: 'success',
      text:
        added > 0
          ? `${added.toLocaleString('en-GB')} credits added. Your balance is now ${overview.balance.toLocaleString('en-GB')} credits.`
          : `Thank you! Your balance is ${overview.balance.toLocaleString('en-GB')} credits.`,
    });
  }

  private rememberPendingCheckout(pending: PendingCheckout): void {
    try {
      sessionStorage.setItem(PENDING_CHECKOUT_KEY, JSON.stringify(pending));
    } catch {
      // Storage disabled: the page then waits for any change of the balance.
    }
  }

  private readPendingCheckout(): PendingCheckout | null {
    try {
      const value = JSON.parse(sessionStorage.getItem(PENDING_CHECKOUT_KEY) ?? 'null') as PendingCheckout | null;
      return value && typeof value.balance === 'number' ? value : null;
    } catch {
      return null;
    }
  }

  private forgetPendingCheckout(): void {
    try {
      sessionStorage.removeItem(PENDING_CHECKOUT_KEY);
    } catch {
      // Nothing to forget.
    }
  }
}

/**
 * Where the next (older) ledger page starts: the server says so (`nextBefore`); a server without that field is paged
 * by the last entry's date until a page comes back empty.
 */
function nextBeforeOf(page: CreditsOverviewDto, added: CreditTransactionDto[]): string | null {
  if (page.nextBefore !== undefined) return page.nextBefore;
  return added.length > 0 ? added[added.length - 1].createdAt : null;
}
