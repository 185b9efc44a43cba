import { ConnectStatusDto, OnboardingLinkDto, Role } from '@focus-racer/api-types';
import { SellerAccounts } from '../src/payments/connect/seller-accounts.service';
import { User } from '../src/users/entities/user.entity';
import { signedWebhook, STRIPE_STUB_KEYS, stripeEvent, StripeStub } from './support/stripe-stub';
import { bearer, createTestApp, register, TestApp } from './test-app';

/** Stripe Connect onboarding of pros, in Stripe mode against the stub: one Express account per pro, kept in sync. */
describe('Stripe Connect onboarding (API, PostgreSQL, Stripe stub)', () => {
  let t: TestApp;
  let stripe: StripeStub;

  const user = (id: string) => t.db.dataSource.getRepository(User).findOneByOrFail({ id });
  const deliver = (type: string, object: object) => {
    const { payload, signature } = signedWebhook(stripeEvent(type, object), STRIPE_STUB_KEYS.STRIPE_WEBHOOK_SECRET);
    return t.http().post('/api/payments/webhook').set('Stripe-Signature', signature).set('Content-Type', 'application/json').send(payload);
  };

  beforeAll(async () => {
    stripe = await StripeStub.start();
    t = await createTestApp({ ...stripe.env(), PRO_WEB_URL: 'https://pro.focus-racer.test' });
  });
  afterAll(async () => {
    await t?.close();
    await stripe?.close();
  });

  it('creates one Express account even for two concurrent first requests, and links to Stripe onboarding', async () => {
    const pro = await register(t, Role.PHOTOGRAPHER);
    const [a, b] = await Promise.all(
      [0, 1].map(() => t.http().post('/api/payments/connect/onboarding-link').set(...bearer(pro))),
    );
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((a.body as OnboardingLinkDto).url).toMatch(/^https:\/\/connect\.stripe\.test\/setup\/e\/acct_stub_/);

    const accountId = (await user(pro.user.id)).stripeAccountId;
    expect(accountId).toMatch(/^acct_stub_/);
    expect(stripe.accounts.size).toBe(1);
    const creations = stripe.requestsTo('POST', '/v1/accounts');
    expect(new Set(creations.map((r) => r.idempotencyKey))).toEqual(new Set([`connect-account-${pro.user.id}`]));
    expect(creations[0].params).toEqual({
      type: 'express',
      country: 'FR',
      email: pro.user.email,
      capabilities: { card_payments: { requested: 'true' }, transfers: { requested: 'true' } },
      metadata: { userId: pro.user.id },
    });
    const links = stripe.requestsTo('POST', '/v1/account_links');
    expect(links[0].params).toEqual({
      account: accountId,
      refresh_url: 'https://pro.focus-racer.test/payments?onboarding=refresh',
      return_url: 'https://pro.focus-racer.test/payments?onboarding=return',
      type: 'account_onboarding',
    });

    // Coming back later: a new link for the same account, no second account.
    await t.http().post('/api/payments/connect/onboarding-link').set(...bearer(pro)).expect(200);
    expect(stripe.accounts.size).toBe(1);
    expect(stripe.requestsTo('POST', '/v1/account_links').at(-1)?.params['account']).toBe(accountId);
  });

  it('account.updated sets stripe_onboarded from charges_enabled and details_submitted; SellerAccounts follows', async () => {
    const pro = await register(t, Role.ORGANIZER);
    await t.http().post('/api/payments/connect/onboarding-link').set(...bearer(pro)).expect(200);
    const accountId = (await user(pro.user.id)).stripeAccountId!;
    const sellers = t.app.get(SellerAccounts);
    expect(await sellers.sellableAccountOf(pro.user.id)).toBeNull();

    await deliver('account.updated', { ...stripe.accounts.get(accountId), charges_enabled: true, details_submitted: false }).expect(200);
    expect((await user(pro.user.id)).stripeOnboarded).toBe(false);

    await deliver('account.updated', { ...stripe.accounts.get(accountId), charges_enabled: true, details_submitted: true }).expect(200);
    expect((await user(pro.user.id)).stripeOnboarded).toBe(true);
    expect(await sellers.sellableAccountOf(pro.user.id)).toEqual({ accountId });

    // Stripe disables charges (documents expired): the pro can no longer sell.
    await deliver('account.updated', { ...stripe.accounts.get(accountId), charges_enabled: false, details_submitted: true }).expect(200);
    expect(await sellers.sellableAccountOf(pro.user.id)).toBeNull();

    // An account of nobody here is recorded and ignored.
    await deliver('account.updated', { id: 'acct_unknown', object: 'account', charges_enabled: true, details_submitted: true }).expect(200);
  });

  it('status reads the account from Stripe (a late webhook does not leave the pro stuck) and falls back to what is stored', async () => {
    const pro = await register(t, Role.CLUB);
    expect((await t.http().get('/api/payments/connect/status').set(...bearer(pro)).expect(200)).body).toEqual({
      mode: 'stripe',
      accountId: null,
      onboarded: false,
      chargesEnabled: false,
      payoutsEnabled: false,
      detailsSubmitted: false,
    } satisfies ConnectStatusDto);

    await t.http().post('/api/payments/connect/onboarding-link').set(...bearer(pro)).expect(200);
    const accountId = (await user(pro.user.id)).stripeAccountId!;
    stripe.updateAccount(accountId, { charges_enabled: true, details_submitted: true, payouts_enabled: true });
    expect((await t.http().get('/api/payments/connect/status').set(...bearer(pro)).expect(200)).body).toEqual({
      mode: 'stripe',
      accountId,
      onboarded: true,
      chargesEnabled: true,
      payoutsEnabled: true,
      detailsSubmitted: true,
    });
    expect((await user(pro.user.id)).stripeOnboarded).toBe(true);

    stripe.failNext('GET', `/v1/accounts/${accountId}`, { status: 500, type: 'api_error', message: 'Stripe is down' });
    stripe.failNext('GET', `/v1/accounts/${accountId}`, { status: 500, type: 'api_error', message: 'Stripe is down' });
    stripe.failNext('GET', `/v1/accounts/${accountId}`, { status: 500, type: 'api_error', message: 'Stripe is down' });
    expect((await t.http().get('/api/payments/connect/status').set(...bearer(pro)).expect(200)).body).toMatchObject({ accountId, onboarded: true });
  });

  it('answers a clear 502 when Stripe refuses to create the account, and stores nothing', async () => {
    const pro = await register(t, Role.FEDERATION);
    stripe.failNext('POST', '/v1/accounts', { status: 400, message: 'Connect is not enabled on this platform' });
    const res = await t.http().post('/api/payments/connect/onboarding-link').set(...bearer(pro)).expect(502);
    expect(res.body.message).toBe('The payment provider could not create the payout account. Please try again in a minute.');
    expect((await user(pro.user.id)).stripeAccountId).toBeNull();
  });

  it('is for pros only', async () => {
    const runner = await register(t);
    await t.http().get('/api/payments/connect/status').set(...bearer(runner)).expect(403);
    await t.http().post('/api/payments/connect/onboarding-link').set(...bearer(runner)).expect(403);
    await t.http().get('/api/payments/connect/status').expect(401);
  });
});
