import { Role } from '@focus-racer/api-types';
import type Stripe from 'stripe';
import { EntityManager } from 'typeorm';
import { ProcessedWebhookEvent } from '../src/payments/entities/processed-webhook-event.entity';
import { StripeEventHandler, StripeEventOutcome } from '../src/payments/webhooks/stripe-event-handler';
import { StripeEventHandlerRegistry } from '../src/payments/webhooks/stripe-event-handler.registry';
import { User } from '../src/users/entities/user.entity';
import { signedWebhook, STRIPE_STUB_KEYS, stripeEvent, StripeStub } from './support/stripe-stub';
import { createTestApp, register, TestApp } from './test-app';

/**
 * POST /api/payments/webhook on the real API and PostgreSQL, in Stripe mode: signature check on the raw body,
 * exactly-once effects (processed_webhook_events in the handlers' transaction), rollback + 500 on a failing handler.
 */

/** A test handler: `test.credit` adds one credit to `data.object.userId`, and can be told to fail. */
class CountingHandler implements StripeEventHandler {
  readonly eventTypes = ['test.credit'];
  failNext = false;
  afterCommitCalls = 0;
  failAfterCommit = false;

  async handle(event: Stripe.Event, manager: EntityManager): Promise<StripeEventOutcome> {
    const { userId } = event.data.object as unknown as { userId: string };
    await manager.query(`UPDATE users SET credit_balance = credit_balance + 1 WHERE id = $1`, [userId]);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('handler failed on purpose');
    }
    return {
      afterCommit: async () => {
        this.afterCommitCalls += 1;
        if (this.failAfterCommit) throw new Error('email provider down');
      },
    };
  }
}

describe('Stripe webhook (API, PostgreSQL)', () => {
  let t: TestApp;
  let stripe: StripeStub;
  const handler = new CountingHandler();
  let userId: string;

  const deliver = (event: object, secret: string = STRIPE_STUB_KEYS.STRIPE_WEBHOOK_SECRET) => {
    const { payload, signature } = signedWebhook(event, secret);
    return t.http().post('/api/payments/webhook').set('Stripe-Signature', signature).set('Content-Type', 'application/json; charset=utf-8').send(payload);
  };
  const balance = async () => (await t.db.dataSource.getRepository(User).findOneByOrFail({ id: userId })).creditBalance;
  const recorded = (id: string) => t.db.dataSource.getRepository(ProcessedWebhookEvent).countBy({ stripeEventId: id });

  beforeAll(async () => {
    stripe = await StripeStub.start();
    t = await createTestApp(stripe.env());
    t.app.get(StripeEventHandlerRegistry).register(handler);
    userId = (await register(t, Role.PHOTOGRAPHER)).user.id;
  });
  afterAll(async () => {
    await t?.close();
    await stripe?.close();
  });

  it('accepts a correctly signed event, applies it and records its id', async () => {
    const event = stripeEvent('test.credit', { userId });
    const res = await deliver(event).expect(200);
    expect(res.body).toEqual({ eventId: event.id, type: 'test.credit', outcome: 'processed' });
    expect(await balance()).toBe(1);
    expect(await recorded(event.id)).toBe(1);
    expect(handler.afterCommitCalls).toBe(1);
  });

  it('refuses a missing, wrong or stale signature, or a tampered body, with 400 and changes nothing', async () => {
    const before = await balance();
    const event = stripeEvent('test.credit', { userId });
    const { payload, signature } = signedWebhook(event, STRIPE_STUB_KEYS.STRIPE_WEBHOOK_SECRET);

    const missing = await t.http().post('/api/payments/webhook').set('Content-Type', 'application/json').send(payload).expect(400);
    expect(missing.body.message).toBe('Missing Stripe-Signature header.');

    const wrongSecret = await deliver(event, 'whsec_someone_else').expect(400);
    expect(wrongSecret.body.message).toMatch(/^Invalid Stripe signature: No signatures found matching the expected signature/);

    const tampered = payload.replace(userId, '00000000-0000-4000-8000-000000000000');
    await t.http().post('/api/payments/webhook').set('Stripe-Signature', signature).set('Content-Type', 'application/json').send(tampered).expect(400);

    const stale = `t=${Math.floor(Date.now() / 1000) - 3600},${signature.split(',').find((part) => part.startsWith('v1='))}`;
    const staleRes = await t.http().post('/api/payments/webhook').set('Stripe-Signature', stale).set('Content-Type', 'application/json').send(payload).expect(400);
    expect(staleRes.body.message).toMatch(/^Invalid Stripe signature/);

    const empty = await t.http().post('/api/payments/webhook').set('Stripe-Signature', signature).expect(400);
    expect(empty.body.message).toBe('The webhook body is empty.');

    expect(await balance()).toBe(before);
    expect(await recorded(event.id)).toBe(0);
  });

  it('applies an event delivered 10 times (5 of them at once) exactly once', async () => {
    const before = await balance();
    const event = stripeEvent('test.credit', { userId });
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) outcomes.push((await deliver(event).expect(200)).body.outcome);
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => deliver(event)));
    for (const res of concurrent) {
      expect(res.status).toBe(200);
      outcomes.push(res.body.outcome);
    }
    expect(outcomes.filter((o) => o === 'processed')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(9);
    expect(await balance()).toBe(before + 1);
    expect(await recorded(event.id)).toBe(1);
  });

  it('records and ignores event types nobody handles, with 200', async () => {
    const event = stripeEvent('customer.tax_id.created', { id: 'txi_1' });
    const res = await deliver(event).expect(200);
    expect(res.body.outcome).toBe('processed');
    expect(await recorded(event.id)).toBe(1);
    expect((await deliver(event).expect(200)).body.outcome).toBe('duplicate');
  });

  it('rolls back a failing handler (effect and id) with 500, so that the next delivery applies it', async () => {
    const before = await balance();
    const event = stripeEvent('test.credit', { userId });
    handler.failNext = true;
    const failed = await deliver(event).expect(500);
    expect(failed.body.message).toBe('Something went wrong on our side. Please try again later.');
    expect(await balance()).toBe(before);
    expect(await recorded(event.id)).toBe(0);

    expect((await deliver(event).expect(200)).body.outcome).toBe('processed');
    expect(await balance()).toBe(before + 1);
  });

  it('answers 200 once committed even when an after-commit step fails (no redelivery of an applied event)', async () => {
    const before = await balance();
    handler.failAfterCommit = true;
    const event = stripeEvent('test.credit', { userId });
    expect((await deliver(event).expect(200)).body.outcome).toBe('processed');
    handler.failAfterCommit = false;
    expect(await balance()).toBe(before + 1);
    expect(await recorded(event.id)).toBe(1);
  });

  it('still parses JSON bodies on every other route', async () => {
    const res = await t.http().post('/api/auth/login').send({ email: 'nobody@example.test', password: 'Wrong-password-1' });
    expect(res.status).toBe(401);
  });
});
