import { AuthResponse, CreditCheckoutResponse, CreditReason, CreditsOverviewDto, Role } from '@focus-racer/api-types';
import Stripe from 'stripe';
import { PaymentsConfig } from '../src/config/payments.config';
import { CreditLedger } from '../src/payments/credit-ledger.service';
import { StripePriceSync } from '../src/payments/credits/stripe-price-sync';
import { CreditTransaction } from '../src/payments/entities/credit-transaction.entity';
import { createStripeClient } from '../src/payments/gateway/stripe.gateway';
import { User } from '../src/users/entities/user.entity';
import { signedWebhook, STRIPE_STUB_KEYS, stripeEvent, StripeStub, StubObject } from './support/stripe-stub';
import { bearer, createTestApp, register, TestApp } from './test-app';

/**
 * Processing credits bought by pros, in Stripe mode against the stub: the catalogue sync, Checkout Sessions, and
 * exactly-once crediting from checkout.session.completed (packs) and invoice.paid (subscriptions), whatever the
 * order and number of deliveries.
 */
describe('credits (API, PostgreSQL, Stripe stub)', () => {
  let t: TestApp;
  let stripe: StripeStub;
  let config: PaymentsConfig;

  const deliver = (event: Stripe.Event) => {
    const { payload, signature } = signedWebhook(event, STRIPE_STUB_KEYS.STRIPE_WEBHOOK_SECRET);
    return t.http().post('/api/payments/webhook').set('Stripe-Signature', signature).set('Content-Type', 'application/json').send(payload).expect(200);
  };
  const overview = async (pro: AuthResponse, query = '') =>
    (await t.http().get(`/api/payments/credits${query}`).set(...bearer(pro)).expect(200)).body as CreditsOverviewDto;
  const lines = (userId: string) => t.db.dataSource.getRepository(CreditTransaction).find({ where: { userId }, order: { createdAt: 'ASC' } });
  const user = (id: string) => t.db.dataSource.getRepository(User).findOneByOrFail({ id });
  const lastSessionParams = () => stripe.requestsTo('POST', '/v1/checkout/sessions').at(-1)!.params;

  beforeAll(async () => {
    stripe = await StripeStub.start();
    t = await createTestApp({ ...stripe.env(), PRO_WEB_URL: 'https://pro.focus-racer.test' });
    config = t.app.get(PaymentsConfig);
  });
  afterAll(async () => {
    await t?.close();
    await stripe?.close();
  });

  it('stripe:sync creates each product and price once, and a changed amount gets a new price under the same lookup key', async () => {
    const sync = new StripePriceSync(createStripeClient(config));
    const first = await sync.sync(config.creditOffers);
    expect(first.map((r) => [r.lookupKey, r.outcome])).toEqual([
      ['focus_racer_pack-500', 'created'],
      ['focus_racer_pack-2000', 'created'],
      ['focus_racer_pack-10000', 'created'],
      ['focus_racer_sub-3000', 'created'],
    ]);
    const creates = () => stripe.requests.filter((r) => r.method === 'POST' && (r.path === '/v1/products' || r.path === '/v1/prices')).length;
    expect(creates()).toBe(8);
    expect(stripe.requestsTo('POST', '/v1/products')[0].params).toMatchObject({ id: 'focus_racer_pack-500' });
    expect(stripe.requestsTo('POST', '/v1/prices').at(-1)!.params).toMatchObject({
      product: 'focus_racer_sub-3000',
      unit_amount: '6000',
      currency: 'eur',
      recurring: { interval: 'month' },
      lookup_key: 'focus_racer_sub-3000',
      transfer_lookup_key: 'true',
    });

    const second = await sync.sync(config.creditOffers);
    expect(second.every((r) => r.outcome === 'unchanged')).toBe(true);
    expect(creates()).toBe(8);
    expect(stripe.products.size).toBe(4);
    expect(stripe.prices.size).toBe(4);

    // An amount change (not used by the checkouts below: a separate offer list).
    const extra = [{ id: 'pack-50', kind: 'pack' as const, name: '50 credits', credits: 50, priceCents: 300, currency: 'EUR', interval: null }];
    await sync.sync(extra);
    const replaced = await sync.sync([{ ...extra[0], priceCents: 350 }]);
    expect(replaced[0].outcome).toBe('replaced');
    const holders = [...stripe.prices.values()].filter((p) => p['lookup_key'] === 'focus_racer_pack-50');
    expect(holders.map((p) => p['unit_amount'])).toEqual([350]);
    expect(stripe.products.size).toBe(5);
  });

  it('a pack checkout opens a Stripe Checkout Session for the offer\'s price, with who and what in its metadata', async () => {
    const pro = await register(t, Role.PHOTOGRAPHER);
    const res = (await t.http().post('/api/payments/credits/checkout').set(...bearer(pro)).send({ offerId: 'pack-500' }).expect(200)).body as CreditCheckoutResponse;
    expect(res).toEqual({ url: expect.stringMatching(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/), mode: 'stripe' });
    const price = [...stripe.prices.values()].find((p) => p['lookup_key'] === 'focus_racer_pack-500')!;
    expect(lastSessionParams()).toEqual({
      mode: 'payment',
      line_items: [{ price: price['id'], quantity: '1' }],
      customer_email: pro.user.email,
      customer_creation: 'always',
      success_url: 'https://pro.focus-racer.test/credits?checkout=success',
      cancel_url: 'https://pro.focus-racer.test/credits?checkout=cancel',
      metadata: { kind: 'credits', userId: pro.user.id, offerId: 'pack-500', credits: '500' },
      payment_intent_data: { metadata: { kind: 'credits', userId: pro.user.id, offerId: 'pack-500', credits: '500' } },
    });
    expect(stripe.requestsTo('POST', '/v1/checkout/sessions').at(-1)!.idempotencyKey).toMatch(new RegExp(`^credits-checkout-${pro.user.id}-`));
  });

  it('credits a paid pack once, however many times (and under however many event ids) Stripe says so', async () => {
    const pro = await register(t, Role.PHOTOGRAPHER);
    await t.http().post('/api/payments/credits/checkout').set(...bearer(pro)).send({ offerId: 'pack-500' }).expect(200);
    const session: StubObject = { ...[...stripe.checkoutSessions.values()].at(-1)!, status: 'complete', payment_status: 'paid', customer: 'cus_stub_pro1' };
    const completed = stripeEvent('checkout.session.completed', session);
    for (let i = 0; i < 10; i++) await deliver(completed);
    await deliver(stripeEvent('checkout.session.completed', session)); // same session, another event id
    await deliver(stripeEvent('checkout.session.async_payment_succeeded', session));

    expect((await overview(pro)).balance).toBe(500);
    expect((await lines(pro.user.id)).map((l) => [l.delta, l.balanceAfter, l.reason, l.orderRef, l.note])).toEqual([[500, 500, CreditReason.PURCHASE, session['id'], '500 credits']]);
    expect((await user(pro.user.id)).stripeCustomerId).toBe('cus_stub_pro1');

    // The next purchase reuses the customer.
    await t.http().post('/api/payments/credits/checkout').set(...bearer(pro)).send({ offerId: 'pack-2000' }).expect(200);
    expect(lastSessionParams()).toMatchObject({ customer: 'cus_stub_pro1' });
    expect(lastSessionParams()).not.toHaveProperty('customer_email');
    expect(lastSessionParams()).not.toHaveProperty('customer_creation');
  });

  it('waits for payment: an unpaid completed session (SEPA) credits nothing until async_payment_succeeded', async () => {
    const pro = await register(t, Role.AGENCY);
    await t.http().post('/api/payments/credits/checkout').set(...bearer(pro)).send({ offerId: 'pack-2000' }).expect(200);
    const session = [...stripe.checkoutSessions.values()].at(-1)!;
    await deliver(stripeEvent('checkout.session.completed', { ...session, status: 'complete', payment_status: 'unpaid' }));
    expect((await overview(pro)).balance).toBe(0);
    await deliver(stripeEvent('checkout.session.async_payment_succeeded', { ...session, status: 'complete', payment_status: 'paid' }));
    expect((await overview(pro)).balance).toBe(2000);
  });

  it('credits a subscription per paid invoice (first one included), in any order, each invoice once', async () => {
    const pro = await register(t, Role.ORGANIZER);
    await t.http().post('/api/payments/credits/checkout').set(...bearer(pro)).send({ offerId: 'sub-3000' }).expect(200);
    const params = lastSessionParams();
    expect(params).toMatchObject({ mode: 'subscription', subscription_data: { metadata: { kind: 'credits', userId: pro.user.id, offerId: 'sub-3000', credits: '3000' } } });
    expect(params).not.toHaveProperty('customer_creation');

    const metadata = params['metadata'] as Record<string, string>;
    const subscriptionId = 'sub_stub_credits1';
    const periodEnd = (months: number) => Math.floor(Date.UTC(2026, 5 + months, 1) / 1000);
    const invoice = (id: string, reason: string, months: number) => ({
      id,
      object: 'invoice',
      billing_reason: reason,
      customer: 'cus_stub_sub1',
      status: 'paid',
      parent: { type: 'subscription_details', subscription_details: { subscription: subscriptionId, metadata } },
      lines: { object: 'list', data: [{ id: `il_${id}`, period: { start: periodEnd(months - 1), end: periodEnd(months) } }] },
    });
    const firstInvoice = stripeEvent('invoice.paid', invoice('in_stub_1', 'subscription_create', 1));
    // Stripe often sends the invoice before the session's completion.
    await deliver(firstInvoice);
    const session = { ...[...stripe.checkoutSessions.values()].at(-1)!, status: 'complete', payment_status: 'paid', customer: 'cus_stub_sub1', subscription: subscriptionId };
    await deliver(stripeEvent('checkout.session.completed', session));
    const renewal = stripeEvent('invoice.paid', invoice('in_stub_2', 'subscription_cycle', 2));
    await deliver(renewal);
    for (const event of [firstInvoice, renewal, firstInvoice]) await deliver(event);
    await deliver(stripeEvent('invoice.paid', invoice('in_stub_2', 'subscription_cycle', 2))); // same invoice, new event id

    const view = await overview(pro);
    expect(view.balance).toBe(6000);
    expect(view.ledger.map((l) => [l.delta, l.balanceAfter, l.reason, l.note])).toEqual([
      [3000, 6000, CreditReason.SUBSCRIPTION, '3 000 credits every month — monthly renewal'],
      [3000, 3000, CreditReason.SUBSCRIPTION, '3 000 credits every month — first month'],
    ]);
    expect(view.subscription).toEqual({ offerId: 'sub-3000', status: 'active', currentPeriodEnd: new Date(periodEnd(2) * 1000).toISOString(), cancelAtPeriodEnd: false });
    expect((await user(pro.user.id)).stripeCustomerId).toBe('cus_stub_sub1');

    // One subscription at a time.
    const again = await t.http().post('/api/payments/credits/checkout').set(...bearer(pro)).send({ offerId: 'sub-3000' }).expect(409);
    expect(again.body.message).toMatch(/already have a credit subscription/);

    // Cancelled at Stripe; a late "updated" (sent before the deletion) does not bring it back.
    const subscription = (status: string, cancelAtPeriodEnd: boolean) => ({
      id: subscriptionId,
      object: 'subscription',
      status,
      cancel_at_period_end: cancelAtPeriodEnd,
      customer: 'cus_stub_sub1',
      metadata,
      items: { object: 'list', data: [{ id: 'si_1', current_period_end: periodEnd(2) }] },
    });
    await deliver(stripeEvent('customer.subscription.deleted', subscription('canceled', false)));
    await deliver(stripeEvent('customer.subscription.updated', subscription('active', true)));
    expect((await overview(pro)).subscription).toMatchObject({ status: 'canceled', cancelAtPeriodEnd: true });
    await t.http().post('/api/payments/credits/checkout').set(...bearer(pro)).send({ offerId: 'sub-3000' }).expect(200);
  });

  it('pages the ledger with ?before= and validates the query and the offer', async () => {
    const pro = await register(t, Role.PHOTOGRAPHER);
    const ledger = t.app.get(CreditLedger);
    // One transaction, as an upload's debits are: every line has the same created_at, and paging must not skip any.
    await t.db.dataSource.transaction(async (manager) => {
      for (let i = 1; i <= 55; i++) {
        await ledger.credit(manager, { userId: pro.user.id, amount: 1, reason: CreditReason.ADMIN_ADJUSTMENT, note: `gift ${i}` });
      }
    });
    const first = await overview(pro);
    expect(first.balance).toBe(55);
    expect(first.ledger).toHaveLength(50);
    expect(first.nextBefore).toBe(first.ledger[49].id);
    const second = await overview(pro, `?before=${first.nextBefore}`);
    expect(second.ledger).toHaveLength(5);
    expect(second.nextBefore).toBeNull();
    const notes = [...first.ledger, ...second.ledger].map((l) => l.note);
    expect(new Set(notes).size).toBe(55);
    expect(first.offers.map((o) => o.id)).toEqual(['pack-500', 'pack-2000', 'pack-10000', 'sub-3000']);

    const badBefore = await t.http().get('/api/payments/credits?before=yesterday').set(...bearer(pro)).expect(400);
    expect(badBefore.body.message).toEqual(['before must be the nextBefore value of the previous page']);
    const badOffer = await t.http().post('/api/payments/credits/checkout').set(...bearer(pro)).send({ offerId: 'pack-1' }).expect(400);
    expect(badOffer.body.message).toBe('Unknown credit offer "pack-1". Choose one of: pack-500, pack-2000, pack-10000, sub-3000.');
    await t.http().post('/api/payments/credits/checkout').set(...bearer(pro)).send({}).expect(400);

    const runner = await register(t);
    await t.http().get('/api/payments/credits').set(...bearer(runner)).expect(403);
  });
});
