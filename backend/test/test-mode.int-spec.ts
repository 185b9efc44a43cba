import { ConnectStatusDto, CreditCheckoutResponse, CreditsOverviewDto, OnboardingLinkDto, Role } from '@focus-racer/api-types';
import type Stripe from 'stripe';
import { LocalPaymentObject } from '../src/payments/entities/local-payment-object.entity';
import { ProcessedWebhookEvent } from '../src/payments/entities/processed-webhook-event.entity';
import { LocalTestGateway } from '../src/payments/gateway/local-test.gateway';
import { CreatePaymentIntentParams, PAYMENT_GATEWAY, PaymentGateway } from '../src/payments/gateway/payment-gateway';
import { StripeEventHandler } from '../src/payments/webhooks/stripe-event-handler';
import { StripeEventHandlerRegistry } from '../src/payments/webhooks/stripe-event-handler.registry';
import { User } from '../src/users/entities/user.entity';
import { StripeStub } from './support/stripe-stub';
import { bearer, createTestApp, register, TestApp } from './test-app';

/**
 * The local test mode end to end (no Stripe keys): the gateway keeps its objects in PostgreSQL, the test pages play
 * Stripe's checkout and onboarding, and what they cause arrives as signed events through the webhook service.
 */

const RETURN_URL = 'http://localhost:4300/orders/order-1?token=abc';

class RecordingHandler implements StripeEventHandler {
  readonly eventTypes = ['payment_intent.succeeded', 'payment_intent.payment_failed', 'charge.refunded', 'charge.dispute.created'];
  readonly events: Stripe.Event[] = [];
  async handle(event: Stripe.Event): Promise<void> {
    this.events.push(event);
  }
  of(type: string, objectId?: string): Stripe.Event[] {
    return this.events.filter((e) => e.type === type && (!objectId || JSON.stringify(e.data.object).includes(objectId)));
  }
}

describe('local payment test mode (API, PostgreSQL)', () => {
  let t: TestApp;
  let gateway: LocalTestGateway;
  const handler = new RecordingHandler();
  let sequence = 0;

  const intentParams = (overrides: Partial<CreatePaymentIntentParams> = {}): CreatePaymentIntentParams => ({
    amountCents: 1100,
    currency: 'EUR',
    applicationFeeCents: 100,
    destinationAccountId: 'acct_local_seller',
    description: 'Semi-marathon de Bordeaux — 2 photos',
    receiptEmail: 'runner@example.test',
    metadata: { orderId: `order-${++sequence}`, returnUrl: RETURN_URL },
    idempotencyKey: `order-${sequence}-attempt-1`,
    ...overrides,
  });
  const page = (id: string) => t.http().get(`/api/payments/test-mode/checkout/${id}`);
  const act = (id: string, action: string) => t.http().post(`/api/payments/test-mode/checkout/${id}/${action}`).type('form').send('');

  beforeAll(async () => {
    t = await createTestApp({ API_PUBLIC_URL: 'http://api.test:3000', PRO_WEB_URL: 'http://pro.test:4200' });
    gateway = t.app.get<PaymentGateway>(PAYMENT_GATEWAY) as LocalTestGateway;
    t.app.get(StripeEventHandlerRegistry).register(handler);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs without Stripe keys in local test mode and says so in the public config', async () => {
    expect(gateway).toBeInstanceOf(LocalTestGateway);
    const res = await t.http().get('/api/public/payments/config').expect(200);
    expect(res.body).toEqual({ mode: 'local-test', publishableKey: null, serviceFeeCents: 100, commissionPercent: 0 });
  });

  it('creates a PaymentIntent once per idempotency key, also under concurrency, and refuses the key with other parameters', async () => {
    const params = intentParams();
    const refs = await Promise.all(Array.from({ length: 6 }, () => gateway.createPaymentIntent(params)));
    expect(new Set(refs.map((r) => r.id)).size).toBe(1);
    expect(refs[0]).toMatchObject({ status: 'requires_payment_method', amountCents: 1100, currency: 'EUR', clientSecret: null, lastErrorMessage: null });
    expect(refs[0].id).toMatch(/^pi_local_[0-9a-f]{24}$/);
    expect(await t.db.dataSource.getRepository(LocalPaymentObject).countBy({ idempotencyKey: params.idempotencyKey })).toBe(1);
    await expect(gateway.createPaymentIntent({ ...params, amountCents: 1200 })).rejects.toThrow('The payment provider could not complete the request');
    expect(gateway.testCheckoutUrl(refs[0].id)).toBe(`http://api.test:3000/api/payments/test-mode/checkout/${refs[0].id}`);
  });

  it('shows a labelled test checkout; Pay delivers payment_intent.succeeded once through the webhook and returns to the order', async () => {
    const intent = await gateway.createPaymentIntent(intentParams());
    const html = (await page(intent.id).expect(200).expect('Content-Type', /text\/html/)).text;
    expect(html).toContain('TEST MODE — no real money moves');
    expect(html).toContain('€11.00');
    expect(html).toContain('Semi-marathon de Bordeaux — 2 photos');
    expect(html).toMatch(/<button type="submit" class="primary">Pay<\/button>/);
    expect(html).toContain('Decline (card refused)');

    const paid = await act(intent.id, 'pay').expect(303);
    expect(paid.headers['location']).toBe(RETURN_URL);
    // A second press (double click, back button) changes nothing and sends no second event.
    expect((await act(intent.id, 'pay').expect(303)).headers['location']).toBe(RETURN_URL);

    const events = handler.of('payment_intent.succeeded', intent.id);
    expect(events).toHaveLength(1);
    expect(events[0].data.object).toMatchObject({ id: intent.id, object: 'payment_intent', status: 'succeeded', amount: 1100, currency: 'eur', application_fee_amount: 100, metadata: { returnUrl: RETURN_URL } });
    expect(events[0].id).toMatch(/^evt_local_/);
    expect(await t.db.dataSource.getRepository(ProcessedWebhookEvent).countBy({ stripeEventId: events[0].id })).toBe(1);
    expect((await gateway.retrievePaymentIntent(intent.id)).status).toBe('succeeded');

    const after = (await page(intent.id).expect(200)).text;
    expect(after).toContain('Refund');
    expect(after).toContain('Open a dispute');
    expect(after).not.toContain('>Pay<');
  });

  it('Decline delivers payment_intent.payment_failed with the reason, and the intent can still be paid', async () => {
    const intent = await gateway.createPaymentIntent(intentParams());
    await act(intent.id, 'decline').expect(303);
    const failed = handler.of('payment_intent.payment_failed', intent.id);
    expect(failed).toHaveLength(1);
    expect((failed[0].data.object as Stripe.PaymentIntent).last_payment_error).toMatchObject({ code: 'card_declined', message: expect.stringContaining('declined') });
    expect((await gateway.retrievePaymentIntent(intent.id)).lastErrorMessage).toContain('Your card was declined');
    expect((await page(intent.id)).text).toContain('Last attempt: Your card was declined');
    await act(intent.id, 'pay').expect(303);
    expect(handler.of('payment_intent.succeeded', intent.id)).toHaveLength(1);
  });

  it('Refund and Open a dispute deliver charge.refunded and charge.dispute.created', async () => {
    const refunded = await gateway.createPaymentIntent(intentParams());
    await act(refunded.id, 'pay').expect(303);
    await act(refunded.id, 'refund').expect(303);
    await act(refunded.id, 'refund').expect(303);
    const refunds = handler.of('charge.refunded', refunded.id);
    expect(refunds).toHaveLength(1);
    expect(refunds[0].data.object).toMatchObject({ object: 'charge', payment_intent: refunded.id, amount: 1100, amount_refunded: 1100, refunded: true });

    const disputed = await gateway.createPaymentIntent(intentParams());
    // Not paid yet: nothing to dispute, the press changes nothing.
    await act(disputed.id, 'dispute').expect(303);
    expect(handler.of('charge.dispute.created', disputed.id)).toHaveLength(0);
    await act(disputed.id, 'pay').expect(303);
    await act(disputed.id, 'dispute').expect(303);
    const disputes = handler.of('charge.dispute.created', disputed.id);
    expect(disputes).toHaveLength(1);
    expect(disputes[0].data.object).toMatchObject({ object: 'dispute', payment_intent: disputed.id, charge: `ch_${disputed.id}`, amount: 1100 });
  });

  it('refunds through the gateway like Stripe: idempotent per key, charge.refunded delivered after the call', async () => {
    const intent = await gateway.createPaymentIntent(intentParams());
    await expect(gateway.refundPaymentIntent(intent.id, 'refund-1')).rejects.toThrow('could not refund the payment');
    await act(intent.id, 'pay').expect(303);
    await gateway.refundPaymentIntent(intent.id, 'refund-1');
    await gateway.refundPaymentIntent(intent.id, 'refund-1');
    await expect(gateway.refundPaymentIntent(intent.id, 'refund-2')).rejects.toThrow('could not refund the payment');
    await gateway.settled();
    expect(handler.of('charge.refunded', intent.id)).toHaveLength(1);
  });

  it('answers 404 for an unknown object or action', async () => {
    await page('pi_local_000000000000000000000000').expect(404);
    const intent = await gateway.createPaymentIntent(intentParams());
    await act(intent.id, 'steal').expect(404);
  });

  it('onboards a pro through the test onboarding page, and account.updated marks them onboarded', async () => {
    const pro = await register(t, Role.PHOTOGRAPHER);
    const link = (await t.http().post('/api/payments/connect/onboarding-link').set(...bearer(pro)).expect(200)).body as OnboardingLinkDto;
    const accountId = (await t.db.dataSource.getRepository(User).findOneByOrFail({ id: pro.user.id })).stripeAccountId!;
    expect(accountId).toMatch(/^acct_local_/);
    expect(link.url).toBe(`http://api.test:3000/api/payments/test-mode/onboarding/${accountId}`);

    const before = (await t.http().get('/api/payments/connect/status').set(...bearer(pro)).expect(200)).body as ConnectStatusDto;
    expect(before).toMatchObject({ mode: 'local-test', accountId, onboarded: false, chargesEnabled: false });

    const html = (await t.http().get(`/api/payments/test-mode/onboarding/${accountId}`).expect(200)).text;
    expect(html).toContain('TEST MODE — no real money moves');
    expect(html).toContain('Complete onboarding (test)');
    const done = await t.http().post(`/api/payments/test-mode/onboarding/${accountId}/complete`).expect(303);
    expect(done.headers['location']).toBe('http://pro.test:4200/payments?onboarding=return');
    expect((await t.db.dataSource.getRepository(User).findOneByOrFail({ id: pro.user.id })).stripeOnboarded).toBe(true);
    expect((await t.http().get('/api/payments/connect/status').set(...bearer(pro)).expect(200)).body).toMatchObject({
      onboarded: true,
      chargesEnabled: true,
      payoutsEnabled: true,
      detailsSubmitted: true,
    });
  });

  it('sells credits through the test checkout: a pack, then a subscription renewed and cancelled', async () => {
    const pro = await register(t, Role.PHOTOGRAPHER);
    const credits = async () => (await t.http().get('/api/payments/credits').set(...bearer(pro)).expect(200)).body as CreditsOverviewDto;
    const checkout = async (offerId: string) =>
      (await t.http().post('/api/payments/credits/checkout').set(...bearer(pro)).send({ offerId }).expect(200)).body as CreditCheckoutResponse;

    const pack = await checkout('pack-500');
    expect(pack.mode).toBe('local-test');
    expect(pack.url).toMatch(/^http:\/\/api\.test:3000\/api\/payments\/test-mode\/checkout\/cs_local_/);
    const packId = pack.url.split('/').at(-1)!;
    const html = (await page(packId).expect(200)).text;
    expect(html).toContain('TEST MODE — no real money moves');
    expect(html).toContain('€15.00');
    const cancelled = await act(packId, 'cancel').expect(303);
    expect(cancelled.headers['location']).toBe('http://pro.test:4200/credits?checkout=cancel');
    expect((await credits()).balance).toBe(0);

    const pack2 = (await checkout('pack-500')).url.split('/').at(-1)!;
    expect((await act(pack2, 'pay').expect(303)).headers['location']).toBe('http://pro.test:4200/credits?checkout=success');
    await act(pack2, 'pay').expect(303);
    expect((await credits()).balance).toBe(500);
    expect((await t.db.dataSource.getRepository(User).findOneByOrFail({ id: pro.user.id })).stripeCustomerId).toMatch(/^cus_local_/);

    const sub = (await checkout('sub-3000')).url.split('/').at(-1)!;
    expect((await page(sub)).text).toContain('€60.00 per month');
    await act(sub, 'pay').expect(303);
    expect((await credits()).balance).toBe(3500);
    const renewPage = (await page(sub)).text;
    expect(renewPage).toContain('Renew now (simulate next month)');
    await act(sub, 'renew').expect(303);
    await act(sub, 'renew').expect(303);
    const after = await credits();
    expect(after.balance).toBe(9500);
    expect(after.ledger.map((l) => l.note)).toEqual([
      '3 000 credits every month — monthly renewal',
      '3 000 credits every month — monthly renewal',
      '3 000 credits every month — first month',
      '500 credits',
    ]);
    expect(after.subscription).toMatchObject({ offerId: 'sub-3000', status: 'active' });
    await act(sub, 'cancel-subscription').expect(303);
    expect((await credits()).subscription).toMatchObject({ status: 'canceled' });
    await act(sub, 'renew').expect(404);
  });

  it('shows what failed when Focus Racer refuses the event, and delivers it again on request', async () => {
    let failures = 1;
    const failing: StripeEventHandler = {
      eventTypes: ['payment_intent.succeeded'],
      handle: async () => {
        if (failures-- > 0) throw new Error('order table locked');
      },
    };
    t.app.get(StripeEventHandlerRegistry).register(failing);
    const intent = await gateway.createPaymentIntent(intentParams());
    const failed = await act(intent.id, 'pay').expect(500);
    expect(failed.text).toContain('Focus Racer did not accept the event');
    expect(failed.text).toContain('Deliver the event again');
    expect(handler.of('payment_intent.succeeded', intent.id)).toHaveLength(1); // ran, then rolled back with the failing one
    const redelivered = await act(intent.id, 'redeliver').expect(303);
    expect(redelivered.headers['location']).toBe(RETURN_URL);
    const events = handler.of('payment_intent.succeeded', intent.id);
    expect(events).toHaveLength(2);
    expect(events[1].id).toBe(events[0].id); // the same event, as Stripe retries
    expect(await t.db.dataSource.getRepository(ProcessedWebhookEvent).countBy({ stripeEventId: events[0].id })).toBe(1);
  });
});

describe('local payment test pages in Stripe mode', () => {
  let t: TestApp;
  let stripe: StripeStub;

  beforeAll(async () => {
    stripe = await StripeStub.start();
    t = await createTestApp(stripe.env());
  });
  afterAll(async () => {
    await t?.close();
    await stripe?.close();
    for (const key of Object.keys(stripe.env())) delete process.env[key];
  });

  it('do not exist (404) when Stripe is configured', async () => {
    const res = await t.http().get('/api/payments/test-mode/checkout/pi_local_000000000000000000000000').expect(404);
    expect(res.body.message).toBe('The payment test mode is off: this server takes real payments through Stripe.');
    await t.http().post('/api/payments/test-mode/checkout/pi_local_000000000000000000000000/pay').expect(404);
    await t.http().get('/api/payments/test-mode/onboarding/acct_local_x').expect(404);
    expect(t.app.get<PaymentGateway>(PAYMENT_GATEWAY).testCheckoutUrl('pi_123')).toBeNull();
  });
});
