import { DEFAULT_CREDIT_OFFERS, PaymentsConfig, percentToBps } from './payments.config';

describe('PaymentsConfig', () => {
  it('without Stripe keys runs the local test mode with €1 service fee, no commission and the default offers', () => {
    expect(PaymentsConfig.fromEnv({})).toEqual(
      Object.assign(new PaymentsConfig(), {
        mode: 'local-test',
        secretKey: null,
        publishableKey: null,
        webhookSecret: null,
        apiAddress: null,
        syncOnStart: false,
        connectCountry: 'FR',
        apiPublicUrl: 'http://localhost:3000',
        defaultServiceFeeCents: 100,
        defaultCommissionBps: 0,
        downloadLinkTtlHours: 24,
        orderLinkTtlDays: 30,
        downloadSigningSecret: null,
        creditOffers: DEFAULT_CREDIT_OFFERS,
      }),
    );
    expect(DEFAULT_CREDIT_OFFERS.map((o) => [o.id, o.credits, o.priceCents, o.interval])).toEqual([
      ['pack-500', 500, 1500, null],
      ['pack-2000', 2000, 5000, null],
      ['pack-10000', 10000, 20000, null],
      ['sub-3000', 3000, 6000, 'month'],
    ]);
  });

  it('refuses the local test mode in production unless a demo server allows it explicitly', () => {
    expect(() => PaymentsConfig.fromEnv({ NODE_ENV: 'production' })).toThrow(
      'STRIPE_SECRET_KEY is required when NODE_ENV=production',
    );
    expect(PaymentsConfig.fromEnv({ NODE_ENV: 'production', ALLOW_LOCAL_TEST_PAYMENTS: 'true' }).mode).toBe('local-test');
    expect(
      PaymentsConfig.fromEnv({ NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_live_a', STRIPE_PUBLISHABLE_KEY: 'pk_live_a', STRIPE_WEBHOOK_SECRET: 'whsec_a' }).mode,
    ).toBe('stripe');
  });

  it('with a secret key runs Stripe mode and requires the publishable key and the webhook secret', () => {
    expect(() => PaymentsConfig.fromEnv({ STRIPE_SECRET_KEY: 'sk_test_abc' })).toThrow(
      'STRIPE_PUBLISHABLE_KEY is required when STRIPE_SECRET_KEY is set (pk_test_… or pk_live_…); unset STRIPE_SECRET_KEY to use the local test mode; ' +
        'STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set (whsec_…); unset STRIPE_SECRET_KEY to use the local test mode',
    );
    const config = PaymentsConfig.fromEnv({
      STRIPE_SECRET_KEY: 'sk_test_abc',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_def',
      STRIPE_WEBHOOK_SECRET: 'whsec_ghi',
      STRIPE_API_URL: 'http://127.0.0.1:12111',
      API_PUBLIC_URL: 'https://api.focus-racer.example/',
    });
    expect(config).toMatchObject({
      mode: 'stripe',
      secretKey: 'sk_test_abc',
      publishableKey: 'pk_test_def',
      webhookSecret: 'whsec_ghi',
      apiAddress: { host: '127.0.0.1', port: 12111, protocol: 'http' },
      apiPublicUrl: 'https://api.focus-racer.example',
    });
    expect(PaymentsConfig.fromEnv({ STRIPE_API_URL: 'https://stripe.internal' }).apiAddress).toEqual({ host: 'stripe.internal', port: 443, protocol: 'https' });
  });

  it('names malformed keys and refuses a test key with a live key', () => {
    expect(() => PaymentsConfig.fromEnv({ STRIPE_SECRET_KEY: 'pk_test_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' })).toThrow(
      'STRIPE_SECRET_KEY must be a Stripe secret key',
    );
    expect(() => PaymentsConfig.fromEnv({ STRIPE_SECRET_KEY: 'sk_live_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' })).toThrow(
      'STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY must both be test keys or both be live keys',
    );
    expect(() => PaymentsConfig.fromEnv({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_x', STRIPE_WEBHOOK_SECRET: 'secret' })).toThrow(
      'STRIPE_WEBHOOK_SECRET must be a Stripe webhook signing secret (whsec_…) (got "secret")',
    );
    expect(() => PaymentsConfig.fromEnv({ DOWNLOAD_SIGNING_SECRET: 'short' })).toThrow('DOWNLOAD_SIGNING_SECRET must be at least 32 characters');
  });

  it('reads fees as integer cents and basis points, within the limits an admin has too', () => {
    expect(PaymentsConfig.fromEnv({ DEFAULT_SERVICE_FEE_CENTS: '0', DEFAULT_COMMISSION_PERCENT: '12.29' })).toMatchObject({
      defaultServiceFeeCents: 0,
      defaultCommissionBps: 1229,
    });
    expect(percentToBps('50')).toBe(5000);
    expect(percentToBps('0.5')).toBe(50);
    expect(percentToBps('7.05')).toBe(705);
    expect(() => PaymentsConfig.fromEnv({ DEFAULT_SERVICE_FEE_CENTS: '10001' })).toThrow('DEFAULT_SERVICE_FEE_CENTS must be an integer between 0 and 10000');
    for (const bad of ['51', '50.5', '1.234', '-1', 'ten']) {
      expect(() => PaymentsConfig.fromEnv({ DEFAULT_COMMISSION_PERCENT: bad })).toThrow('DEFAULT_COMMISSION_PERCENT must be a percentage between 0 and 50');
    }
  });

  it('takes credit offers from CREDIT_OFFERS and names each problem in it', () => {
    const config = PaymentsConfig.fromEnv({
      CREDIT_OFFERS: JSON.stringify([
        { id: 'pack-100', kind: 'pack', name: '100 credits', credits: 100, priceCents: 500 },
        { id: 'sub-1000', kind: 'subscription', name: 'Monthly', credits: 1000, priceCents: 2500, currency: 'usd' },
      ]),
    });
    expect(config.creditOffers).toEqual([
      { id: 'pack-100', kind: 'pack', name: '100 credits', credits: 100, priceCents: 500, currency: 'EUR', interval: null },
      { id: 'sub-1000', kind: 'subscription', name: 'Monthly', credits: 1000, priceCents: 2500, currency: 'USD', interval: 'month' },
    ]);
    expect(() => PaymentsConfig.fromEnv({ CREDIT_OFFERS: '{' })).toThrow('CREDIT_OFFERS must be a JSON array of offers (it is not valid JSON)');
    expect(() =>
      PaymentsConfig.fromEnv({ CREDIT_OFFERS: JSON.stringify([{ id: 'Pack 1', kind: 'box', name: '', credits: 0, priceCents: 1.5 }]) }),
    ).toThrow(
      'CREDIT_OFFERS[0].id must be lower-case letters, digits and dashes (e.g. pack-500); CREDIT_OFFERS[0].kind must be "pack" or "subscription"; ' +
        'CREDIT_OFFERS[0].name is required; CREDIT_OFFERS[0].credits must be a positive whole number; CREDIT_OFFERS[0].priceCents must be a positive whole number',
    );
    const twice = { id: 'a', kind: 'pack', name: 'A', credits: 1, priceCents: 1 };
    expect(() => PaymentsConfig.fromEnv({ CREDIT_OFFERS: JSON.stringify([twice, twice]) })).toThrow('CREDIT_OFFERS has the id "a" twice');
  });
});
