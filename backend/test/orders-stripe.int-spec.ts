import { CheckoutResponse, OrderDto, OrderStatus } from '@focus-racer/api-types';
import { Order } from '../src/payments/entities/order.entity';
import { OrderItem } from '../src/payments/entities/order-item.entity';
import { signedWebhook, STRIPE_STUB_KEYS, stripeEvent, StripeStub, StubObject } from './support/stripe-stub';
import { downloadsOf, hd, pathOf, sellerWithEvent, Seller, StoredPhoto, storedPhoto, tokenOf } from './support/orders-fixtures';
import { bearer, createAdmin, createTestApp, outboxFor, TestApp, uniqueEmail } from './test-app';

/**
 * Photo orders in Stripe mode: the real StripeGateway and SDK against the local Stripe stub, webhooks signed like
 * Stripe's. The money: a pack of 5 at €15 + the €1 service fee = €16 asked of the runner, €1 kept by the platform
 * (application fee), €15 transferred to the photographer's connected account.
 */
describe('orders: Stripe mode (API, PostgreSQL, Stripe stub)', () => {
  let t: TestApp;
  let stripe: StripeStub;
  let seller: Seller;
  let photos: StoredPhoto[];
  const ACCOUNT = 'acct_stub_photographer';

  const deliver = (event: object, secret: string = STRIPE_STUB_KEYS.STRIPE_WEBHOOK_SECRET) => {
    const { payload, signature } = signedWebhook(event, secret);
    return t.http().post('/api/payments/webhook').set('Stripe-Signature', signature).set('Content-Type', 'application/json; charset=utf-8').send(payload);
  };
  const orderRow = (id: string) => t.db.dataSource.getRepository(Order).findOneByOrFail({ id });
  const intentOf = async (orderId: string): Promise<StubObject> => stripe.paymentIntents.get((await orderRow(orderId)).stripePaymentIntentId as string) as StubObject;
  /** The intent as Stripe sends it once paid. */
  const succeededIntent = (intent: StubObject, patch: StubObject = {}) => ({ ...intent, status: 'succeeded', amount_received: intent['amount'], ...patch });
  const checkout = async (email: string, items = [hd(photos[0]), hd(photos[1]), hd(photos[2])], event = seller.event) =>
    (await t.http().post('/api/public/checkout').send({ eventId: event.id, email, items }).expect(201)).body as CheckoutResponse;
  const openOrder = (response: CheckoutResponse) =>
    t.http().get(`/api/public/orders/${response.orderId}?t=${encodeURIComponent(tokenOf(response.orderUrl))}`);

  beforeAll(async () => {
    stripe = await StripeStub.start();
    t = await createTestApp({ ...stripe.env(), API_PUBLIC_URL: 'http://api.test:3000' });
    seller = await sellerWithEvent(t, ACCOUNT);
    photos = [await storedPhoto(t, seller.event, 21), await storedPhoto(t, seller.event, 22), await storedPhoto(t, seller.event, 23)];
  });
  afterAll(async () => {
    await t?.close();
    await stripe?.close();
  });

  it('splits the payment: €16 asked, €1 application fee, €15 to the photographer’s account', async () => {
    stripe.clearRequests();
    const email = uniqueEmail('split');
    const response = await checkout(email);
    expect(response).toMatchObject({ mode: 'stripe', publishableKey: STRIPE_STUB_KEYS.STRIPE_PUBLISHABLE_KEY, testCheckoutUrl: null, subtotalCents: 1500, serviceFeeCents: 100, totalCents: 1600 });
    expect(response.clientSecret).toMatch(/^pi_stub_.+_secret_/);

    const [request] = stripe.requestsTo('POST', '/v1/payment_intents');
    expect(request.params).toMatchObject({
      amount: '1600',
      currency: 'eur',
      application_fee_amount: '100',
      transfer_data: { destination: ACCOUNT },
      metadata: { orderId: response.orderId },
    });
    expect(request.params['metadata']['returnUrl']).toContain(`/orders/${response.orderId}?t=`);
    expect(request.idempotencyKey).toBe(`order-${response.orderId}-pi`);

    const row = await orderRow(response.orderId);
    expect(row).toMatchObject({ status: OrderStatus.PENDING, subtotalCents: 1500, serviceFeeCents: 100, totalCents: 1600, platformFeeCents: 100, paymentMode: 'stripe' });
    expect(row.totalCents - row.platformFeeCents).toBe(1500);
    const items = await t.db.dataSource.getRepository(OrderItem).find({ where: { orderId: response.orderId } });
    expect(items.map((item) => item.unitPriceCents).reduce((a, b) => a + b, 0)).toBe(1500);
  });

  it('pays once and sends one receipt however often payment_intent.succeeded is delivered', async () => {
    const email = uniqueEmail('replay');
    const response = await checkout(email);
    const event = stripeEvent('payment_intent.succeeded', succeededIntent(await intentOf(response.orderId)));
    const results = await Promise.all(Array.from({ length: 10 }, () => deliver(event)));
    expect(results.map((res) => res.status)).toEqual(Array(10).fill(200));
    // Stripe may also send another event for the same payment, and the runner's order page may ask Stripe itself.
    await deliver(stripeEvent('payment_intent.succeeded', succeededIntent(await intentOf(response.orderId)))).expect(200);
    stripe.updatePaymentIntent((await orderRow(response.orderId)).stripePaymentIntentId as string, { status: 'succeeded' });
    const page = (await openOrder(response).expect(200)).body as OrderDto;

    expect(page.status).toBe(OrderStatus.PAID);
    expect(page.downloads?.files).toHaveLength(3);
    expect(await t.db.dataSource.getRepository(Order).countBy({ buyerEmail: email, status: OrderStatus.PAID })).toBe(1);
    const mails = await outboxFor(t, email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`Your photos from ${seller.event.name}`);
  });

  it('the order page asks Stripe when the webhook is late: paid once, one receipt, the late webhook changes nothing', async () => {
    const email = uniqueEmail('late-webhook');
    const response = await checkout(email);
    expect(((await openOrder(response).expect(200)).body as OrderDto).status).toBe(OrderStatus.PENDING);
    const intent = stripe.updatePaymentIntent((await orderRow(response.orderId)).stripePaymentIntentId as string, { status: 'succeeded', amount_received: 1600 });
    const pages = await Promise.all(Array.from({ length: 5 }, () => openOrder(response).expect(200)));
    expect(pages.map((page) => (page.body as OrderDto).status)).toEqual(Array(5).fill(OrderStatus.PAID));
    await deliver(stripeEvent('payment_intent.succeeded', succeededIntent(intent))).expect(200);
    expect(await outboxFor(t, email)).toHaveLength(1);
  });

  it('refuses a webhook with a bad signature (400) and leaves the order pending', async () => {
    const response = await checkout(uniqueEmail('forged'));
    const event = stripeEvent('payment_intent.succeeded', succeededIntent(await intentOf(response.orderId)));
    const res = await deliver(event, 'whsec_not_the_real_secret').expect(400);
    expect(res.body.statusCode).toBe(400);
    expect((await orderRow(response.orderId)).status).toBe(OrderStatus.PENDING);
    // Nor does a body altered after signing pass.
    const { payload, signature } = signedWebhook(event, STRIPE_STUB_KEYS.STRIPE_WEBHOOK_SECRET);
    await t.http().post('/api/payments/webhook').set('Stripe-Signature', signature).set('Content-Type', 'application/json')
      .send(payload.replace('"amount":1600', '"amount":1')).expect(400);
    expect((await orderRow(response.orderId)).status).toBe(OrderStatus.PENDING);
  });

  it('never pays an order from a payment of another amount or currency: flagged for a person instead', async () => {
    const email = uniqueEmail('mismatch');
    const response = await checkout(email);
    const intent = await intentOf(response.orderId);
    await deliver(stripeEvent('payment_intent.succeeded', succeededIntent(intent, { amount: 1500, amount_received: 1500 }))).expect(200);
    await deliver(stripeEvent('payment_intent.succeeded', succeededIntent(intent, { currency: 'usd' }))).expect(200);
    const row = await orderRow(response.orderId);
    expect(row.status).toBe(OrderStatus.PENDING);
    expect(row.reviewReason).toMatch(/does not match the order total 1600 EUR/);
    expect(await outboxFor(t, email)).toHaveLength(0);
    // The order page does not pay it either when Stripe reports another amount.
    stripe.updatePaymentIntent(intent['id'], { status: 'succeeded', amount: 1500 });
    expect(((await openOrder(response).expect(200)).body as OrderDto).status).toBe(OrderStatus.PENDING);
  });

  it('records a declined payment with Stripe’s message; a later success still pays the order', async () => {
    const email = uniqueEmail('declined');
    const response = await checkout(email);
    const intent = await intentOf(response.orderId);
    await deliver(stripeEvent('payment_intent.payment_failed', { ...intent, status: 'requires_payment_method', last_payment_error: { message: 'Your card was declined.' } })).expect(200);
    const failed = (await openOrder(response).expect(200)).body as OrderDto;
    expect(failed).toMatchObject({ status: OrderStatus.FAILED, failureMessage: 'Your card was declined.', downloads: null });
    // Trying again with the same cart reuses the order and its PaymentIntent.
    const again = await checkout(email);
    expect(again.orderId).toBe(response.orderId);
    await deliver(stripeEvent('payment_intent.succeeded', succeededIntent(intent))).expect(200);
    expect((await orderRow(response.orderId)).status).toBe(OrderStatus.PAID);
    expect((await orderRow(response.orderId)).failureMessage).toBeNull();
    expect(await outboxFor(t, email)).toHaveLength(1);
  });

  it('a full refund kills every download link; a partial one only records the amount', async () => {
    const response = await checkout(uniqueEmail('refund'));
    const intent = await intentOf(response.orderId);
    await deliver(stripeEvent('payment_intent.succeeded', succeededIntent(intent))).expect(200);
    const paid = (await openOrder(response).expect(200)).body as OrderDto;
    const fileUrl = pathOf(downloadsOf(paid).files[0].url);
    await t.http().get(fileUrl).expect(200);

    const charge = { id: `ch_${intent['id']}`, object: 'charge', payment_intent: intent['id'], amount: 1600, currency: 'eur' };
    await deliver(stripeEvent('charge.refunded', { ...charge, amount_refunded: 600, refunded: false })).expect(200);
    expect(await orderRow(response.orderId)).toMatchObject({ status: OrderStatus.PAID, amountRefundedCents: 600, downloadTokenVersion: 1 });
    await t.http().get(fileUrl).expect(200);

    await deliver(stripeEvent('charge.refunded', { ...charge, amount_refunded: 1600, refunded: true })).expect(200);
    expect(await orderRow(response.orderId)).toMatchObject({ status: OrderStatus.REFUNDED, amountRefundedCents: 1600, downloadTokenVersion: 2 });
    await t.http().get(fileUrl).expect(403);
    await t.http().get(pathOf(downloadsOf(paid).zipUrl)).expect(403);
    // An older partial-refund event arriving late changes nothing.
    await deliver(stripeEvent('charge.refunded', { ...charge, amount_refunded: 600, refunded: false })).expect(200);
    expect(await orderRow(response.orderId)).toMatchObject({ status: OrderStatus.REFUNDED, amountRefundedCents: 1600 });
  });

  it('a dispute withdraws the photos', async () => {
    const response = await checkout(uniqueEmail('dispute'));
    const intent = await intentOf(response.orderId);
    await deliver(stripeEvent('payment_intent.succeeded', succeededIntent(intent))).expect(200);
    const paid = (await openOrder(response).expect(200)).body as OrderDto;
    await deliver(stripeEvent('charge.dispute.created', { id: 'dp_stub_1', object: 'dispute', charge: `ch_${intent['id']}`, payment_intent: intent['id'], amount: 1600, currency: 'eur' })).expect(200);
    expect(await orderRow(response.orderId)).toMatchObject({ status: OrderStatus.DISPUTED, downloadTokenVersion: 2 });
    await t.http().get(pathOf(downloadsOf(paid).files[0].url)).expect(403);
  });

  it('10 concurrent checkouts of the same cart make one order and one PaymentIntent', async () => {
    const email = uniqueEmail('double-tap');
    stripe.clearRequests();
    const before = stripe.paymentIntents.size;
    const responses = await Promise.all(Array.from({ length: 10 }, () => checkout(email, [hd(photos[2]), hd(photos[0])])));
    expect(new Set(responses.map((response) => response.orderId)).size).toBe(1);
    expect(new Set(responses.map((response) => response.clientSecret)).size).toBe(1);
    expect(await t.db.dataSource.getRepository(Order).countBy({ buyerEmail: email })).toBe(1);
    expect(stripe.paymentIntents.size - before).toBe(1);
    expect(stripe.requestsTo('POST', '/v1/payment_intents')).toHaveLength(1);
    // The same items in another order, or one of them twice, are the same cart; by someone else, another cart.
    expect((await checkout(email, [hd(photos[0]), hd(photos[2]), hd(photos[0])])).orderId).toBe(responses[0].orderId);
    const other = await checkout(uniqueEmail('someone-else'), [hd(photos[0]), hd(photos[2])]);
    expect(other.orderId).not.toBe(responses[0].orderId);
  });

  it('refuses to sell (409, with why) while the photographer has not finished Stripe onboarding', async () => {
    const notOnboarded = await sellerWithEvent(t, null);
    const photo = await storedPhoto(t, notOnboarded.event, 31);
    const pricing = await t.http().get(`/api/public/events/${notOnboarded.event.slug}/pricing`).expect(200);
    expect(pricing.body).toMatchObject({ sellable: false, notSellableReason: 'Photos of this event cannot be bought yet: the photographer has not finished setting up payments.' });
    stripe.clearRequests();
    const res = await t.http().post('/api/public/checkout').send({ eventId: notOnboarded.event.id, email: uniqueEmail('early'), items: [hd(photo)] }).expect(409);
    expect(res.body.message).toBe('Photos of this event cannot be bought yet: the photographer has not finished setting up payments.');
    expect(stripe.requestsTo('POST', '/v1/payment_intents')).toHaveLength(0);
    expect(await t.db.dataSource.getRepository(Order).countBy({ eventId: notOnboarded.event.id })).toBe(0);
  });

  it('takes the admin’s commission on the photos (rounded down: never more than the stated rate) on top of the service fee', async () => {
    const admin = await createAdmin(t);
    await t.http().put('/api/admin/payments/settings').set(...bearer(admin)).send({ serviceFeeCents: 100, commissionPercent: 12.5 }).expect(200);
    try {
      stripe.clearRequests();
      const response = await checkout(uniqueEmail('commission'), [hd(photos[0]), hd(photos[1])]);
      // 2 photos at €6 = €12; 12.5 % of 1200 = 150 → fee 100 + 150.
      expect(await orderRow(response.orderId)).toMatchObject({ subtotalCents: 1200, serviceFeeCents: 100, totalCents: 1300, platformFeeCents: 250 });
      expect(stripe.requestsTo('POST', '/v1/payment_intents')[0].params).toMatchObject({ amount: '1300', application_fee_amount: '250' });
      const odd = await checkout(uniqueEmail('commission-odd'), [hd(photos[0]), hd(photos[1]), hd(photos[2])]);
      // The pack: 12.5 % of 1500 = 187.5 → 187, the shared rule of api-types (splitOrder), which the apps show too.
      expect(await orderRow(odd.orderId)).toMatchObject({ subtotalCents: 1500, totalCents: 1600, platformFeeCents: 287 });
    } finally {
      await t.http().put('/api/admin/payments/settings').set(...bearer(admin)).send({ serviceFeeCents: 100, commissionPercent: 0 }).expect(200);
    }
  });

  it('answers 502 with a readable message when Stripe fails; the retry gets a fresh order (Stripe replays a failure under its key)', async () => {
    const email = uniqueEmail('stripe-down');
    stripe.failNext('POST', '/v1/payment_intents', { status: 500, type: 'api_error', message: 'Stripe is having a bad day' });
    const res = await t.http().post('/api/public/checkout').send({ eventId: seller.event.id, email, items: [hd(photos[1])] }).expect(502);
    expect(res.body.message).toMatch(/payment provider/);
    const retry = await checkout(email, [hd(photos[1])]);
    const orders = await t.db.dataSource.getRepository(Order).find({ where: { buyerEmail: email }, order: { createdAt: 'ASC' } });
    expect(orders.map((order) => [order.status, order.stripePaymentIntentId === null])).toEqual([
      [OrderStatus.CANCELLED, true],
      [OrderStatus.PENDING, false],
    ]);
    expect(orders[1].id).toBe(retry.orderId);
  });
});
