import { BadGatewayException } from '@nestjs/common';
import type { PaymentMode } from '@focus-racer/api-types';
import type Stripe from 'stripe';

/**
 * The payment edge. `StripeGateway` talks to Stripe (its SDK, pointed at a local stub in tests); `LocalTestGateway`
 * plays Stripe's role when no keys are set, keeping its objects in PostgreSQL and emitting Stripe-shaped, signed
 * events through the same webhook code. Callers never branch on the mode except to pick the checkout UI.
 */
export interface PaymentGateway {
  readonly mode: PaymentMode;
  /** Stripe mode only: the key the browser needs for the Payment Element. */
  readonly publishableKey: string | null;

  /**
   * A destination charge: the runner pays `amountCents`, `applicationFeeCents` stays with the platform, the rest is
   * transferred to `destinationAccountId`. Same `idempotencyKey` → the same PaymentIntent, never a second one.
   */
  createPaymentIntent(params: CreatePaymentIntentParams): Promise<PaymentIntentRef>;
  retrievePaymentIntent(id: string): Promise<PaymentIntentRef>;
  /** Full refund of a PaymentIntent's charge (the application fee is refunded too, and the transfer reversed). */
  refundPaymentIntent(paymentIntentId: string, idempotencyKey: string): Promise<void>;

  /** Stripe Connect Express account for a pro. */
  createConnectAccount(params: { email: string; country: string; userId: string; idempotencyKey: string }): Promise<{ id: string }>;
  /** Hosted onboarding link (single use, short-lived). */
  createAccountLink(params: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string }>;
  retrieveAccount(accountId: string): Promise<ConnectAccountState>;

  /** Stripe Checkout for pros' credit packs (mode payment) and subscriptions (mode subscription). */
  createCheckoutSession(params: CreateCheckoutSessionParams): Promise<{ id: string; url: string }>;

  /**
   * Verifies the `Stripe-Signature` header against the raw body and parses the event.
   * Throws WebhookSignatureError when the signature is missing, wrong or too old.
   */
  constructEvent(rawBody: Buffer, signatureHeader: string | undefined): Stripe.Event;

  /**
   * Local test mode: the absolute URL of the page that plays Stripe's checkout for a PaymentIntent or Checkout
   * Session id (pay / decline buttons). Stripe mode: null (the Payment Element or Stripe Checkout is used instead).
   */
  testCheckoutUrl(objectId: string): string | null;
}

export const PAYMENT_GATEWAY = Symbol('PaymentGateway');

export interface CreatePaymentIntentParams {
  amountCents: number;
  currency: string;
  applicationFeeCents: number;
  destinationAccountId: string;
  description: string;
  receiptEmail: string | null;
  /** Copied onto the PaymentIntent; `orderId` is always set for photo orders. */
  metadata: Record<string, string>;
  idempotencyKey: string;
}

export interface PaymentIntentRef {
  id: string;
  clientSecret: string | null;
  /** Stripe's status: requires_payment_method, processing, succeeded, canceled... */
  status: string;
  amountCents: number;
  currency: string;
  metadata: Record<string, string>;
  /** Why the last attempt failed, when it did. */
  lastErrorMessage: string | null;
}

export interface ConnectAccountState {
  id: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
}

export interface CreateCheckoutSessionParams {
  mode: 'payment' | 'subscription';
  /** Stripe price lookup key (see credit offers); resolved to a price id by the gateway. */
  priceLookupKey: string;
  customerEmail: string;
  /** Reused customer when the pro already has one. */
  customerId: string | null;
  successUrl: string;
  cancelUrl: string;
  /** Copied to the session (and, for subscriptions, to the subscription): `userId`, `offerId`. */
  metadata: Record<string, string>;
  idempotencyKey: string;
}

/**
 * The payment provider refused or could not complete a call (network, Stripe outage, invalid request). A 502 with a
 * message for a person; the provider's own wording is logged, not shown (it is written for developers).
 */
export class PaymentGatewayError extends BadGatewayException {
  constructor(action: string, readonly providerMessage: string, readonly providerCode: string | null = null) {
    super(`The payment provider could not ${action}. Please try again in a minute.`);
    this.name = 'PaymentGatewayError';
  }
}

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}
