import type { PaymentMode } from '@focus-racer/api-types';
import { Matches, MinLength, ValidateIf } from 'class-validator';
import { withoutTrailingSlash } from './app.config';
import { ConfigError, Env, EnvVar, IsHttpUrl, IsIntegerString, mustBe, parseInteger, readEnv } from './config-loader';

const requiredWithSecretKey = (name: string, example: string) => (): string =>
  `${name} is required when STRIPE_SECRET_KEY is set (${example}); unset STRIPE_SECRET_KEY to use the local test mode`;

const stripeModeOrSet = (name: keyof PaymentsEnv) => (env: PaymentsEnv) => env.STRIPE_SECRET_KEY !== undefined || env[name] !== undefined;

class PaymentsEnv {
  /** Set: real Stripe (test or live keys). Unset: the local test mode, where a page of the API plays Stripe's role. */
  @EnvVar()
  @ValidateIf((env: PaymentsEnv) => env.STRIPE_SECRET_KEY !== undefined)
  @Matches(/^(sk|rk)_(test|live)_\w+$/, { message: mustBe('a Stripe secret key (sk_test_… or sk_live_…, or a restricted rk_… key)') })
  STRIPE_SECRET_KEY?: string;

  @EnvVar()
  @ValidateIf(stripeModeOrSet('STRIPE_PUBLISHABLE_KEY'))
  @Matches(/^pk_(test|live)_\w+$/, {
    message: (args) => (args.value === undefined ? requiredWithSecretKey('STRIPE_PUBLISHABLE_KEY', 'pk_test_… or pk_live_…')() : mustBe('a Stripe publishable key (pk_test_… or pk_live_…)')(args)),
  })
  STRIPE_PUBLISHABLE_KEY?: string;

  /** The signing secret of the webhook endpoint (Dashboard → Developers → Webhooks, or `stripe listen`). */
  @EnvVar()
  @ValidateIf(stripeModeOrSet('STRIPE_WEBHOOK_SECRET'))
  @Matches(/^whsec_\w+$/, {
    message: (args) => (args.value === undefined ? requiredWithSecretKey('STRIPE_WEBHOOK_SECRET', 'whsec_…')() : mustBe('a Stripe webhook signing secret (whsec_…)')(args)),
  })
  STRIPE_WEBHOOK_SECRET?: string;

  /** Another address for Stripe's API: stripe-mock, or the tests' local stub. */
  @EnvVar()
  @ValidateIf((env: PaymentsEnv) => env.STRIPE_API_URL !== undefined)
  @IsHttpUrl()
  STRIPE_API_URL?: string;

  /** Creates the credit offers' products and prices at API start (same as `npm run stripe:sync`). */
  @EnvVar() @Matches(/^(true|false)$/, { message: mustBe('true or false') })
  STRIPE_SYNC_ON_START = 'false';

  /** Country of the pros' Connect Express accounts (ISO 3166-1 alpha-2). */
  @EnvVar() @Matches(/^[A-Z]{2}$/, { message: mustBe('a two-letter country code such as FR') })
  STRIPE_CONNECT_COUNTRY = 'FR';

  /** Where the browser reaches this API; the local test-mode pages and download links are absolute URLs on it. */
  @EnvVar() @IsHttpUrl()
  API_PUBLIC_URL = 'http://localhost:3000';

  /** Until an admin changes it (payment_settings): paid by the runner once per order. At most €100. */
  @EnvVar() @IsIntegerString(0, 10_000)
  DEFAULT_SERVICE_FEE_CENTS = '100';

  /** Until an admin changes it: percent of the photos' price kept by the platform, 0–50, two decimals at most. */
  @EnvVar()
  @Matches(/^(50(\.0{1,2})?|[1-4]?\d(\.\d{1,2})?)$/, { message: mustBe('a percentage between 0 and 50 with at most two decimals') })
  DEFAULT_COMMISSION_PERCENT = '0';

  @EnvVar() @IsIntegerString(1, 24 * 30)
  DOWNLOAD_LINK_TTL_HOURS = '24';

  /** How long the order page link in the receipt email keeps working. */
  @EnvVar() @IsIntegerString(1, 3650)
  ORDER_LINK_TTL_DAYS = '30';

  /** Signs download and order links. Unset: derived from JWT_REFRESH_SECRET (see PaymentSecrets). */
  @EnvVar()
  @ValidateIf((env: PaymentsEnv) => env.DOWNLOAD_SIGNING_SECRET !== undefined)
  @MinLength(32, { message: mustBe('at least 32 characters') })
  DOWNLOAD_SIGNING_SECRET?: string;

  /** Read here too (validated by AppConfig): production refuses the local test mode unless it is allowed below. */
  @EnvVar()
  NODE_ENV?: string;

  /**
   * Without Stripe keys anyone can "pay" on the local test pages. Fine on a laptop; on a server with NODE_ENV=production
   * it would give photos away, so there it must be asked for explicitly (the docker-compose demo does).
   */
  @EnvVar() @Matches(/^(true|false)$/, { message: mustBe('true or false') })
  ALLOW_LOCAL_TEST_PAYMENTS = 'false';

  /** JSON array replacing the default credit offers (see CreditOffer). */
  @EnvVar()
  CREDIT_OFFERS?: string;
}

/** What a pro can buy to process photos: a one-off pack or a monthly subscription. Priced in integer cents. */
export interface CreditOffer {
  /** Stable: also the Stripe price lookup key `focus_racer_<id>` and the product id. */
  id: string;
  kind: 'pack' | 'subscription';
  name: string;
  credits: number;
  priceCents: number;
  currency: string;
  interval: 'month' | null;
}

export const DEFAULT_CREDIT_OFFERS: readonly CreditOffer[] = [
  { id: 'pack-500', kind: 'pack', name: '500 credits', credits: 500, priceCents: 1500, currency: 'EUR', interval: null },
  { id: 'pack-2000', kind: 'pack', name: '2 000 credits', credits: 2000, priceCents: 5000, currency: 'EUR', interval: null },
  { id: 'pack-10000', kind: 'pack', name: '10 000 credits', credits: 10_000, priceCents: 20_000, currency: 'EUR', interval: null },
  { id: 'sub-3000', kind: 'subscription', name: '3 000 credits every month', credits: 3000, priceCents: 6000, currency: 'EUR', interval: 'month' },
];

export interface StripeApiAddress {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

/**
 * Payments: Stripe keys (or the local test mode when there are none), the platform's default fees, link lifetimes
 * and the pros' credit offers. The secrets derived from JWT_REFRESH_SECRET are computed by PaymentSecrets, which
 * also sees AuthConfig.
 */
export class PaymentsConfig {
  readonly mode!: PaymentMode;
  readonly secretKey!: string | null;
  readonly publishableKey!: string | null;
  /** Stripe mode: STRIPE_WEBHOOK_SECRET. Local test mode: null (PaymentSecrets.localWebhookSecret signs instead). */
  readonly webhookSecret!: string | null;
  readonly apiAddress!: StripeApiAddress | null;
  readonly syncOnStart!: boolean;
  readonly connectCountry!: string;
  readonly apiPublicUrl!: string;
  readonly defaultServiceFeeCents!: number;
  /** Basis points (1 % = 100), so fees stay integer arithmetic. */
  readonly defaultCommissionBps!: number;
  readonly downloadLinkTtlHours!: number;
  readonly orderLinkTtlDays!: number;
  readonly downloadSigningSecret!: string | null;
  readonly creditOffers!: readonly CreditOffer[];

  static fromEnv(env: Env): PaymentsConfig {
    const e = readEnv(PaymentsEnv, env);
    const stripe = e.STRIPE_SECRET_KEY !== undefined;
    if (!stripe && e.NODE_ENV === 'production' && e.ALLOW_LOCAL_TEST_PAYMENTS !== 'true') {
      throw new ConfigError([
        'STRIPE_SECRET_KEY is required when NODE_ENV=production (without it payments run in the local test mode, where ' +
          'anyone can "pay" for free); set ALLOW_LOCAL_TEST_PAYMENTS=true only for a demo server',
      ]);
    }
    if (e.STRIPE_SECRET_KEY && e.STRIPE_PUBLISHABLE_KEY && keyEnvironment(e.STRIPE_SECRET_KEY) !== keyEnvironment(e.STRIPE_PUBLISHABLE_KEY)) {
      throw new ConfigError(['STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY must both be test keys or both be live keys']);
    }
    return Object.assign(new PaymentsConfig(), {
      mode: stripe ? 'stripe' : 'local-test',
      secretKey: e.STRIPE_SECRET_KEY ?? null,
      // Both validated as required when the secret key is set.
      publishableKey: stripe ? (e.STRIPE_PUBLISHABLE_KEY ?? null) : null,
      webhookSecret: stripe ? (e.STRIPE_WEBHOOK_SECRET ?? null) : null,
      apiAddress: e.STRIPE_API_URL ? apiAddressOf(e.STRIPE_API_URL) : null,
      syncOnStart: e.STRIPE_SYNC_ON_START === 'true',
      connectCountry: e.STRIPE_CONNECT_COUNTRY,
      apiPublicUrl: withoutTrailingSlash(e.API_PUBLIC_URL),
      defaultServiceFeeCents: parseInteger(e.DEFAULT_SERVICE_FEE_CENTS),
      defaultCommissionBps: percentToBps(e.DEFAULT_COMMISSION_PERCENT),
      downloadLinkTtlHours: parseInteger(e.DOWNLOAD_LINK_TTL_HOURS),
      orderLinkTtlDays: parseInteger(e.ORDER_LINK_TTL_DAYS),
      downloadSigningSecret: e.DOWNLOAD_SIGNING_SECRET ?? null,
      creditOffers: e.CREDIT_OFFERS ? parseCreditOffers(e.CREDIT_OFFERS) : DEFAULT_CREDIT_OFFERS,
    });
  }
}

/** "12.5" → 1250, without floating-point surprises (12.29 * 100 is 1228.9999…). */
export function percentToBps(percent: string): number {
  const [units, decimals = ''] = percent.split('.');
  return parseInteger(units) * 100 + parseInteger(decimals.padEnd(2, '0'));
}

function keyEnvironment(key: string): 'test' | 'live' {
  return key.includes('_live_') ? 'live' : 'test';
}

function apiAddressOf(url: string): StripeApiAddress {
  const parsed = new URL(url);
  const protocol = parsed.protocol === 'http:' ? 'http' : 'https';
  return { host: parsed.hostname, port: parsed.port ? Number(parsed.port) : protocol === 'http' ? 80 : 443, protocol };
}

const OFFER_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

function parseCreditOffers(json: string): CreditOffer[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new ConfigError(['CREDIT_OFFERS must be a JSON array of offers (it is not valid JSON)']);
  }
  if (!Array.isArray(raw) || raw.length === 0) throw new ConfigError(['CREDIT_OFFERS must be a non-empty JSON array of offers']);
  const problems: string[] = [];
  const offers = raw.map((item: unknown, index): CreditOffer => {
    const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const where = `CREDIT_OFFERS[${index}]`;
    if (typeof o['id'] !== 'string' || !OFFER_ID.test(o['id'])) problems.push(`${where}.id must be lower-case letters, digits and dashes (e.g. pack-500)`);
    if (o['kind'] !== 'pack' && o['kind'] !== 'subscription') problems.push(`${where}.kind must be "pack" or "subscription"`);
    if (typeof o['name'] !== 'string' || o['name'].trim() === '') problems.push(`${where}.name is required`);
    for (const key of ['credits', 'priceCents']) {
      const value = o[key];
      if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) problems.push(`${where}.${key} must be a positive whole number`);
    }
    if (o['currency'] !== undefined && (typeof o['currency'] !== 'string' || !/^[A-Za-z]{3}$/.test(o['currency']))) {
      problems.push(`${where}.currency must be a three-letter ISO code such as EUR`);
    }
    return {
      id: o['id'] as string,
      kind: o['kind'] as CreditOffer['kind'],
      name: typeof o['name'] === 'string' ? o['name'].trim() : '',
      credits: o['credits'] as number,
      priceCents: o['priceCents'] as number,
      currency: typeof o['currency'] === 'string' ? o['currency'].toUpperCase() : 'EUR',
      interval: o['kind'] === 'subscription' ? 'month' : null,
    };
  });
  const ids = offers.map((offer) => offer.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) problems.push(`CREDIT_OFFERS has the id "${duplicate}" twice`);
  if (problems.length > 0) throw new ConfigError(problems);
  return offers;
}
