import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { CartGroupDto, CheckoutResponse, PaymentsPublicConfigDto } from '@focus-racer/api-types';
import { apiErrorMessage, AuthService, MoneyPipe, PageHeaderComponent } from '@focus-racer/ui';
import { catchError, combineLatest, filter, map, of, startWith, switchMap, take } from 'rxjs';
import { PublicApi } from '../api/public-api';
import { Cart } from '../cart/cart';
import { BrowserLocation } from '../commerce/browser-location';
import { orderLink, orderReturnUrl } from '../commerce/order-link';
import { PaymentsConfig } from '../commerce/payments-config';
import { MountedPayment, StripePayment } from '../commerce/stripe-payment';
import { TestModeNotice } from '../commerce/test-mode-notice';

type SummaryState =
  | { status: 'loading' }
  | { status: 'ready'; group: CartGroupDto; config: PaymentsPublicConfigDto | null }
  | { status: 'missing' }
  | { status: 'error'; message: string };

/** Where the payment stands once the order exists (Stripe mode shows the card form on this page). */
type PaymentStep =
  | { step: 'details' }
  | { step: 'creating' }
  | { step: 'redirecting' }
  | { step: 'card'; checkout: CheckoutResponse; ready: boolean; paying: boolean };

/**
 * One event's part of the cart, paid as one order (`/checkout/:eventId`): the server's summary, the receipt email,
 * then `POST /api/public/checkout`. In local test mode the browser goes to the server's test payment page; with
 * Stripe the Payment Element is mounted here and confirms with the order page as `return_url`. Either way the order
 * turns paid only on the server (webhook), which the order page waits for.
 */
@Component({
  selector: 'app-checkout-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressSpinnerModule,
    MoneyPipe,
    PageHeaderComponent,
    TestModeNotice,
  ],
  templateUrl: './checkout-page.html',
  styleUrl: './checkout-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CheckoutPage {
  /** `:eventId` (component input binding). */
  readonly eventId = input.required<string>();

  private readonly api = inject(PublicApi);
  private readonly cart = inject(Cart);
  private readonly router = inject(Router);
  private readonly location = inject(BrowserLocation);
  private readonly stripe = inject(StripePayment);
  private readonly payments = inject(PaymentsConfig);
  private readonly title = inject(Title);
  protected readonly auth = inject(AuthService);

  protected readonly state = signal<SummaryState>({ status: 'loading' });
  protected readonly payment = signal<PaymentStep>({ step: 'details' });
  /** The server's refusal, or Stripe's message, shown above the pay button. */
  protected readonly error = signal<string | null>(null);
  protected readonly email = new FormControl('', { nonNullable: true, validators: [Validators.email] });
  private readonly paymentHost = viewChild<ElementRef<HTMLElement>>('paymentElement');
  private readonly emailInput = viewChild<ElementRef<HTMLInputElement>>('emailInput');
  private mounted: MountedPayment | null = null;

  protected readonly busy = computed(() => {
    const payment = this.payment();
    return payment.step === 'creating' || payment.step === 'redirecting' || (payment.step === 'card' && payment.paying);
  });
  protected readonly photoCount = computed(() => {
    const state = this.state();
    if (state.status !== 'ready') return 0;
    return state.group.lines.reduce((sum, line) => sum + (line.item.kind === 'photo' ? 1 : line.photoCount), 0);
  });

  constructor() {
    this.title.setTitle('Checkout · Focus Racer');
    // Signed in: the receipt goes to the account's address unless another is typed. Visitors must give one.
    toObservable(this.auth.user)
      .pipe(takeUntilDestroyed())
      .subscribe((user) => {
        if (user) {
          this.email.setValidators([Validators.email]);
          if (!this.email.value) this.email.setValue(user.email);
        } else {
          this.email.setValidators([Validators.required, Validators.email]);
        }
        this.email.updateValueAndValidity();
      });

    // Priced again from the cart as it is now; the summary is the server's, and the server prices it once more at
    // checkout. Waits for a sign-in merge so the account's cart is the one shown.
    const cartReady = toObservable(computed(() => ({ items: this.cart.items(), merging: this.cart.merging() }))).pipe(
      filter(({ merging }) => !merging),
      take(1),
    );
    combineLatest([toObservable(this.eventId), cartReady])
      .pipe(
        switchMap(([eventId, { items }]) =>
          combineLatest([
            items.length ? this.api.quote(items) : of({ groups: [], rejected: [] }),
            this.payments.load(),
          ]).pipe(
            map(([quote, config]): SummaryState => {
              const group = quote.groups.find((candidate) => candidate.event.id === eventId);
              return group ? { status: 'ready', group, config } : { status: 'missing' };
            }),
            catchError((error: unknown) => of<SummaryState>({ status: 'error', message: apiErrorMessage(error) })),
            startWith<SummaryState>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.state.set(state));

    let mounting = false;
    effect(() => {
      const host = this.paymentHost()?.nativeElement;
      const payment = this.payment();
      if (!host || payment.step !== 'card' || mounting) return;
      mounting = true;
      untracked(() => void this.mountStripe(host, payment.checkout));
    });
    // Back from the test payment page, the browser may restore this page as it was left ("Opening the payment
    // page…"): offer the button again. A second checkout of the same cart is the same order on the server.
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted && this.payment().step === 'redirecting') this.payment.set({ step: 'details' });
    };
    window.addEventListener('pageshow', onPageShow);
    const destroyRef = inject(DestroyRef);
    destroyRef.onDestroy(() => {
      window.removeEventListener('pageshow', onPageShow);
      this.mounted?.destroy();
    });
  }

  /** "Pay" (test mode) or "Continue to payment" (Stripe): creates the order. Ignored while one is on its way. */
  protected submit(): void {
    const state = this.state();
    if (state.status !== 'ready' || !state.group.sellable || this.payment().step !== 'details') return;
    if (this.email.invalid) {
      this.email.markAsTouched();
      this.emailInput()?.nativeElement.focus();
      return;
    }
    const items = state.group.lines.map((line) => line.item);
    const email = this.email.value.trim();
    this.error.set(null);
    this.payment.set({ step: 'creating' });
    this.api.checkout({ eventId: state.group.event.id, items, ...(email ? { email } : {}) }).subscribe({
      next: (checkout) => {
        this.cart.rememberCheckout(checkout.orderId, items);
        this.pay(checkout);
      },
      error: (error: unknown) => {
        this.payment.set({ step: 'details' });
        this.error.set(apiErrorMessage(error));
      },
    });
  }

  /** Stripe mode: confirms the card (or wallet) entered in the Payment Element. */
  protected async confirm(): Promise<void> {
    const payment = this.payment();
    if (payment.step !== 'card' || !payment.ready || payment.paying || !this.mounted) return;
    this.error.set(null);
    this.payment.set({ ...payment, paying: true });
    let message: string;
    try {
      message = await this.mounted.confirm(orderReturnUrl(payment.checkout.orderUrl, this.location.origin));
    } catch (error) {
      message = apiErrorMessage(error);
    }
    // Only reached when Stripe did not redirect: the card was declined, a field is incomplete...
    this.payment.set({ ...payment, paying: false });
    this.error.set(message);
  }

  private pay(checkout: CheckoutResponse): void {
    if (checkout.mode === 'local-test' && checkout.testCheckoutUrl) {
      this.payment.set({ step: 'redirecting' });
      this.location.assign(checkout.testCheckoutUrl);
      return;
    }
    if (checkout.mode === 'stripe' && checkout.clientSecret && checkout.publishableKey) {
      // The card step draws the Payment Element's host; the effect in the constructor mounts it there.
      this.payment.set({ step: 'card', checkout, ready: false, paying: false });
      return;
    }
    // An order without a way to pay it here (nothing the server should send): its page says where it stands.
    const link = orderLink(checkout.orderUrl);
    void this.router.navigate([link.path], { queryParams: link.queryParams });
  }

  private async mountStripe(host: HTMLElement, checkout: CheckoutResponse): Promise<void> {
    try {
      this.mounted = await this.stripe.mount(host, checkout.publishableKey ?? '', checkout.clientSecret ?? '');
      this.payment.set({ step: 'card', checkout, ready: true, paying: false });
    } catch (error) {
      this.error.set(apiErrorMessage(error));
    }
  }
}
