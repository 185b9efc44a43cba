import type { CreditReason, OrderStatus, PricePackKind } from './enums';
import type { PublicPhotoDto } from './search';

/**
 * Commerce: what runners buy (photos of an event, priced by the event owner's packs), how they pay (Stripe, or the
 * local test mode when no Stripe keys are set), what they get (signed HD downloads), and the pros' side (sales,
 * Stripe Connect onboarding, processing credits). All amounts are integer cents of `currency` (ISO 4217, EUR by
 * default).
 */

/** `stripe`: real Stripe keys are configured. `local-test`: no keys; a local page plays Stripe's role, no money moves. */
export type PaymentMode = 'stripe' | 'local-test';

/** HD = the original file as uploaded; web = the 1600 px copy without watermark (the cheaper "digital web" price). */
export type PhotoResolution = 'hd' | 'web';

// ---------------------------------------------------------------------------------------------------------------
// Price packs (set by the event owner)

export interface PricePackDto {
  id: string;
  kind: PricePackKind;
  name: string;
  /** Photos in a PACK; null for SINGLE, ALL_MY_PHOTOS and DIGITAL_WEB (one photo each). */
  photoCount: number | null;
  priceCents: number;
  currency: string;
  active: boolean;
  sortOrder: number;
}

/** One pack in `PUT /api/events/:id/price-packs` (the body replaces the event's offer; packs sold before are retired, not deleted). */
export interface PricePackInput {
  /** Given to keep an existing pack (same id in orders); omitted for a new one. */
  id?: string;
  kind: PricePackKind;
  name: string;
  photoCount?: number | null;
  priceCents: number;
  active?: boolean;
}

export interface PricePacksUpdate {
  currency?: string;
  packs: PricePackInput[];
}

/** `GET /api/public/events/:slug/pricing`: what a runner can buy on this event. */
export interface EventPricingDto {
  eventId: string;
  slug: string;
  currency: string;
  /** Active packs only, in the owner's order. */
  packs: PricePackDto[];
  /** Added once per order on top of the photos. */
  serviceFeeCents: number;
  /** False when the owner has not finished Stripe onboarding or set no price: `notSellableReason` says why, for a runner. */
  sellable: boolean;
  notSellableReason: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Cart (kept on the device; for a signed-in user also on the server, merged at sign-in)

export type CartItemInput =
  | { kind: 'photo'; photoId: string; resolution: PhotoResolution }
  /** Every photo of one bib on one event (the ALL_MY_PHOTOS pack), as they are when the order is placed. */
  | { kind: 'all-my-photos'; eventId: string; bib: string };

export interface CartQuoteRequest {
  items: CartItemInput[];
}

export interface CartLineDto {
  item: CartItemInput;
  /** The photo (kind photo) or the first photo of the bib (kind all-my-photos), for the thumbnail. */
  photo: PublicPhotoDto | null;
  /** all-my-photos: how many photos the bib has now. */
  photoCount: number;
  /** True when an all-my-photos line of the same group already includes this photo (it is not charged twice). */
  coveredByAllMyPhotos: boolean;
}

/** How many times a pack is used in the best price of a group. */
export interface AppliedPackDto {
  packId: string;
  name: string;
  kind: PricePackKind;
  quantity: number;
  /** Photos this use covers (quantity × pack size for PACK; may exceed the photos in the cart: see `freeSlots`). */
  photosCovered: number;
  priceCents: number;
}

/** "3 photos = pack of 5 cheaper: add 2 more?" */
export interface CartUpsellDto {
  message: string;
  /** Photos to add to reach the suggested pack. */
  addPhotos: number;
  /** What the cart costs more once they are added (0 when the best price already pays for them). */
  extraCents: number;
  packId: string;
}

/** The cart's photos of one event: one order, one payment (each event pays its own photographer). */
export interface CartGroupDto {
  event: { id: string; slug: string; name: string; date: string };
  currency: string;
  lines: CartLineDto[];
  appliedPacks: AppliedPackDto[];
  /** HD slots already paid for by an applied pack but not filled yet. */
  freeSlots: number;
  subtotalCents: number;
  serviceFeeCents: number;
  totalCents: number;
  /** Subtotal at single-photo prices minus the subtotal: what the packs save. */
  savingsCents: number;
  upsell: CartUpsellDto | null;
  sellable: boolean;
  notSellableReason: string | null;
}

export interface CartQuoteDto {
  groups: CartGroupDto[];
  /** Items dropped from the quote (photo deleted or hidden, event not on sale, bib without photos...), with why. */
  rejected: { item: CartItemInput; reason: string }[];
}

/** `GET|PUT /api/me/cart` for signed-in users. PUT replaces; the app merges the device cart into it at sign-in. */
export interface StoredCartDto {
  items: CartItemInput[];
  updatedAt: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Checkout and orders

/** `POST /api/public/checkout`: one event's part of the cart. Priced again on the server; the browser's prices are never trusted. */
export interface CheckoutRequest {
  eventId: string;
  items: CartItemInput[];
  /** Where the receipt and download link go. Required without an account; defaults to the account's email. */
  email?: string;
}

export interface CheckoutResponse {
  orderId: string;
  mode: PaymentMode;
  /** Stripe mode: for the Payment Element. */
  clientSecret: string | null;
  publishableKey: string | null;
  /** Local test mode: the page that plays Stripe's checkout (succeed / fail buttons). */
  testCheckoutUrl: string | null;
  /** The order page (with its access token) to return to once paid. */
  orderUrl: string;
  currency: string;
  subtotalCents: number;
  serviceFeeCents: number;
  totalCents: number;
}

export interface OrderItemDto {
  id: string;
  photoId: string | null;
  resolution: PhotoResolution;
  unitPriceCents: number;
  packName: string | null;
  thumbUrl: string | null;
}

/** Signed links, valid until `expiresAt` (24 h) and only while the order stays paid. */
export interface OrderDownloadsDto {
  expiresAt: string;
  zipUrl: string;
  files: { itemId: string; filename: string; url: string }[];
}

export interface OrderDto {
  id: string;
  status: OrderStatus;
  event: { id: string; slug: string; name: string } | null;
  createdAt: string;
  paidAt: string | null;
  refundedAt: string | null;
  currency: string;
  subtotalCents: number;
  serviceFeeCents: number;
  totalCents: number;
  /** Masked (j***@example.com): the order page can be opened by anyone holding its link. */
  buyerEmail: string | null;
  mode: PaymentMode;
  /** Why the last payment attempt failed, for the runner. */
  failureMessage: string | null;
  items: OrderItemDto[];
  /** Present only while the order is paid. */
  downloads: OrderDownloadsDto | null;
}

/** A line of the runner's order history (`GET /api/me/orders`). */
export interface OrderSummaryDto {
  id: string;
  status: OrderStatus;
  event: { id: string; slug: string; name: string } | null;
  createdAt: string;
  paidAt: string | null;
  photoCount: number;
  totalCents: number;
  currency: string;
  /** The order page, with a fresh access token. */
  orderUrl: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Pros: sales, Stripe Connect, credits

/** One sold order as its seller sees it (`GET /api/payments/sales`). */
export interface SaleDto {
  orderId: string;
  event: { id: string; name: string } | null;
  status: OrderStatus;
  paidAt: string | null;
  photoCount: number;
  /** Paid by the runner (photos + service fee). */
  totalCents: number;
  /** Kept by the platform (service fee + commission). */
  platformFeeCents: number;
  /** Transferred to the seller's Stripe account, before Stripe's own processing fee. */
  netCents: number;
  currency: string;
}

export interface SalesSummaryDto {
  currency: string;
  paidOrders: number;
  photosSold: number;
  grossCents: number;
  platformFeeCents: number;
  netCents: number;
  refundedOrders: number;
  refundedCents: number;
}

export interface SalesPageDto {
  summary: SalesSummaryDto;
  items: SaleDto[];
  nextCursor: string | null;
}

/** Photo revenue by photo, for the pro's "top sellers" (`GET /api/payments/sales/top-photos`). */
export interface TopPhotoDto {
  photoId: string;
  thumbUrl: string | null;
  timesSold: number;
  revenueCents: number;
}

export interface ConnectStatusDto {
  mode: PaymentMode;
  accountId: string | null;
  /** Charges enabled and details submitted: the pro's events can be sold. */
  onboarded: boolean;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
}

/** `POST /api/payments/connect/onboarding-link`: Stripe's hosted onboarding (or the local test page). */
export interface OnboardingLinkDto {
  url: string;
}

export interface CreditOfferDto {
  /** Stable id, also the Stripe price lookup key (`focus_racer_<id>`). */
  id: string;
  kind: 'pack' | 'subscription';
  name: string;
  /** Credits added per purchase, or per month for a subscription. One credit processes one photo. */
  credits: number;
  priceCents: number;
  currency: string;
  interval: 'month' | null;
}

export interface CreditTransactionDto {
  id: string;
  delta: number;
  balanceAfter: number;
  reason: CreditReason;
  note: string | null;
  photoId: string | null;
  createdAt: string;
}

export interface CreditSubscriptionDto {
  offerId: string;
  status: string;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
}

/** `GET /api/payments/credits`. */
export interface CreditsOverviewDto {
  mode: PaymentMode;
  balance: number;
  offers: CreditOfferDto[];
  subscription: CreditSubscriptionDto | null;
  /** Newest first; page with `?before=<createdAt ISO>`. */
  ledger: CreditTransactionDto[];
  /**
   * The `before` value that reads the next (older) ledger page; null when `ledger` reaches the first entry. Lets the
   * app offer "load more" only when there is more. Optional: an app reading a server without it pages by the last
   * entry's `createdAt` until a page comes back empty.
   */
  nextBefore?: string | null;
}

/** `POST /api/payments/credits/checkout` → Stripe Checkout (or the local test page). */
export interface CreditCheckoutRequest {
  offerId: string;
}

export interface CreditCheckoutResponse {
  url: string;
  mode: PaymentMode;
}

// ---------------------------------------------------------------------------------------------------------------
// Platform settings (admins) and what the apps need to know

/** `GET|PUT /api/admin/payments/settings`. */
export interface PaymentSettingsDto {
  /** Paid by the runner once per order, kept by the platform. Default 100 (€1). */
  serviceFeeCents: number;
  /** Percent of the photos' price kept by the platform on top of the service fee, 0–50, two decimals. Default 0. */
  commissionPercent: number;
}

/** `GET /api/public/payments/config`: lets the apps label test mode and load Stripe.js only when it is real. */
export interface PaymentsPublicConfigDto extends PaymentSettingsDto {
  mode: PaymentMode;
  publishableKey: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// The one fee rule, shared by the API (application fee of each order) and the apps (what a price means for whom)

/** What an order of `subtotalCents` of photos costs the runner and how it is split. */
export interface OrderSplit {
  /** Paid by the runner: the photos plus the service fee. */
  totalCents: number;
  /** Kept by the platform (the Stripe application fee): the service fee plus the commission on the photos. */
  platformFeeCents: number;
  /** Transferred to the seller, before Stripe's own processing fee: the photos minus the commission. */
  netCents: number;
}

/**
 * Commission on `subtotalCents` at `commissionPercent` (0–50, two decimals), rounded down to the cent so the seller
 * never pays more than the stated percentage (the API's PaymentSettingsService rounds the same way). Computed in
 * basis points so 12.29 % does not become 12.289999… %.
 */
export function commissionCents(subtotalCents: number, commissionPercent: number): number {
  const bps = Math.round(commissionPercent * 100);
  return Math.floor((subtotalCents * bps) / 10_000);
}

/** The split of one order: the service fee is charged once per order, the commission on the photos' price. */
export function splitOrder(subtotalCents: number, settings: PaymentSettingsDto): OrderSplit {
  const commission = commissionCents(subtotalCents, settings.commissionPercent);
  return {
    totalCents: subtotalCents + settings.serviceFeeCents,
    platformFeeCents: settings.serviceFeeCents + commission,
    netCents: subtotalCents - commission,
  };
}
