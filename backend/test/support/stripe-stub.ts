import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A local stand-in for Stripe's HTTP API, just what StripeGateway and `stripe:sync` call, so integration tests run
 * the real SDK and the real gateway with Stripe stubbed only at its HTTP boundary.
 *
 *   const stripe = await StripeStub.start();
 *   const t = await createTestApp({ ...stripe.env() });          // Stripe mode, SDK pointed at the stub
 *   ...
 *   stripe.requestsTo('POST', '/v1/payment_intents')[0].params   // { amount: '1100', application_fee_amount: '100',
 *                                                                 //   transfer_data: { destination: 'acct_…' }, ... }
 *   stripe.updateAccount('acct_stub_1', { charges_enabled: true, details_submitted: true });
 *   const { payload, signature } = signedWebhook(stripeEvent('account.updated', stripe.accounts.get('acct_stub_1')!), STRIPE_STUB_KEYS.STRIPE_WEBHOOK_SECRET);
 *   await t.http().post('/api/payments/webhook').set('Stripe-Signature', signature).set('Content-Type', 'application/json').send(payload);
 *   await stripe.close();
 *
 * Bodies are form-encoded like Stripe's (`metadata[orderId]=…`, `line_items[0][price]=…`) and parsed back into
 * nested objects whose leaves stay strings (amounts arrive as '1100'). `Idempotency-Key` is honoured: the same key
 * answers the same response again, and another body with a used key is refused (400), as Stripe does. Every
 * request is recorded, in order.
 *
 * Endpoints: POST/GET /v1/payment_intents[/:id], POST /v1/refunds, POST /v1/accounts, GET /v1/accounts/:id,
 * POST /v1/account_links, POST /v1/checkout/sessions, GET/POST /v1/prices, POST /v1/products,
 * GET /v1/products/:id, POST /v1/customers. Anything else answers 404 with Stripe's error shape.
 */

export const STRIPE_STUB_KEYS = {
  STRIPE_SECRET_KEY: 'sk_test_stub',
  STRIPE_PUBLISHABLE_KEY: 'pk_test_stub',
  STRIPE_WEBHOOK_SECRET: 'whsec_stub_test_secret',
} as const;

export interface StripeStubRequest {
  method: string;
  /** Without the query string, e.g. `/v1/payment_intents`. */
  path: string;
  /** Body (POST) or query (GET), bracket notation expanded: `{ metadata: { orderId: '…' }, lookup_keys: ['…'] }`. */
  params: StubParams;
  idempotencyKey: string | null;
  /** The `Stripe-Account` header (calls made on behalf of a connected account), if any. */
  stripeAccount: string | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- params are whatever the SDK encoded; tests read them freely
export type StubParams = Record<string, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StubObject = Record<string, any>;

interface StubError {
  status: number;
  type?: string;
  code?: string;
  message: string;
}

export class StripeStub {
  readonly requests: StripeStubRequest[] = [];
  readonly paymentIntents = new Map<string, StubObject>();
  readonly accounts = new Map<string, StubObject>();
  readonly checkoutSessions = new Map<string, StubObject>();
  readonly prices = new Map<string, StubObject>();
  readonly products = new Map<string, StubObject>();
  readonly customers = new Map<string, StubObject>();
  readonly refunds = new Map<string, StubObject>();

  private readonly idempotent = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  private readonly failures: Array<{ method: string; path: string; error: StubError }> = [];
  private sequence = 0;
  private address: string | null = null;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<StripeStub> {
    const server = createServer();
    const stub = new StripeStub(server);
    server.on('request', (req, res) => stub.onRequest(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    void stub.url;
    return stub;
  }

  /** e.g. http://127.0.0.1:54321 — what STRIPE_API_URL should be (still readable after close). */
  get url(): string {
    this.address ??= `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.address;
  }

  /** The variables that put the API in Stripe mode against this stub. */
  env(): Record<string, string> {
    return { ...STRIPE_STUB_KEYS, STRIPE_API_URL: this.url };
  }

  /** Recorded requests for a method and path; `path` may end with `*` to match a prefix (`/v1/accounts/*`). */
  requestsTo(method: string, path: string): StripeStubRequest[] {
    const matches = path.endsWith('*') ? (p: string) => p.startsWith(path.slice(0, -1)) : (p: string) => p === path;
    return this.requests.filter((r) => r.method === method && matches(r.path));
  }

  /** The next call to `method path` (exact path) answers this error instead (once). */
  failNext(method: string, path: string, error: StubError): void {
    this.failures.push({ method, path, error });
  }

  /** Changes a Connect account as onboarding on Stripe's side would (charges_enabled, details_submitted...). */
  updateAccount(id: string, patch: StubObject): StubObject {
    const account = this.accounts.get(id);
    if (!account) throw new Error(`No stub account ${id}`);
    Object.assign(account, patch);
    return account;
  }

  updatePaymentIntent(id: string, patch: StubObject): StubObject {
    const intent = this.paymentIntents.get(id);
    if (!intent) throw new Error(`No stub PaymentIntent ${id}`);
    Object.assign(intent, patch);
    return intent;
  }

  /** Forgets the recorded requests (objects and idempotency keys stay). */
  clearRequests(): void {
    this.requests.length = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}_stub_${this.sequence}${randomBytes(3).toString('hex')}`;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://stub');
      const method = req.method ?? 'GET';
      const params = parseStripeForm(method === 'GET' || method === 'DELETE' ? url.search.slice(1) : raw);
      const idempotencyKey = header(req, 'idempotency-key');
      this.requests.push({ method, path: url.pathname, params, idempotencyKey, stripeAccount: header(req, 'stripe-account') });

      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': `req_stub_${this.sequence}` });
        res.end(JSON.stringify(body));
      };
      const fingerprint = `${method} ${url.pathname} ${raw}`;
      if (idempotencyKey && method === 'POST') {
        const seen = this.idempotent.get(idempotencyKey);
        if (seen) {
          if (seen.fingerprint !== fingerprint) {
            return send(400, stripeError({
              status: 400,
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            }));
          }
          res.setHeader('Idempotent-Replayed', 'true');
          return send(seen.status, seen.body);
        }
      }
      const failure = this.failures.findIndex((f) => f.method === method && f.path === url.pathname);
      let status: number;
      let body: unknown;
      if (failure >= 0) {
        const { error } = this.failures.splice(failure, 1)[0];
        [status, body] = [error.status, stripeError(error)];
      } else {
        try {
          [status, body] = [200, this.route(method, url.pathname, params)];
        } catch (error) {
          const stubError = error instanceof StubHttpError ? error.error : { status: 500, type: 'api_error', message: String(error) };
          [status, body] = [stubError.status, stripeError(stubError)];
        }
      }
      // Stripe does not save the result of a request that failed validation (400) under the key; it does save others.
      if (idempotencyKey && method === 'POST' && status !== 400) this.idempotent.set(idempotencyKey, { fingerprint, status, body });
      send(status, body);
    });
  }

  private route(method: string, path: string, p: StubParams): unknown {
    const [, version, resource, id, sub] = path.split('/');
    if (version !== 'v1') throw notFound(`Unrecognized request URL (${method}: ${path}).`);
    const key = `${method} ${resource}${resource === 'checkout' ? `/${id}` : ''}${id && resource !== 'checkout' ? '/:id' : ''}${sub ? `/${sub}` : ''}`;
    const now = Math.floor(Date.now() / 1000);
    switch (key) {
      case 'POST payment_intents': {
        requireParams(p, ['amount', 'currency']);
        const intent = {
          id: this.nextId('pi'),
          object: 'payment_intent',
          amount: Number(p['amount']),
          currency: String(p['currency']).toLowerCase(),
          status: 'requires_payment_method',
          client_secret: '',
          description: p['description'] ?? null,
          receipt_email: p['receipt_email'] ?? null,
          metadata: p['metadata'] ?? {},
          application_fee_amount: p['application_fee_amount'] !== undefined ? Number(p['application_fee_amount']) : null,
          transfer_data: p['transfer_data'] ?? null,
          automatic_payment_methods: p['automatic_payment_methods'] ? { enabled: p['automatic_payment_methods'].enabled === 'true' } : null,
          last_payment_error: null,
          latest_charge: null,
          livemode: false,
          created: now,
        };
        intent.client_secret = `${intent.id}_secret_stub`;
        this.paymentIntents.set(intent.id, intent);
        return intent;
      }
      case 'GET payment_intents/:id':
        return this.paymentIntents.get(id) ?? missing('payment_intent', id);
      case 'POST refunds': {
        const intent = this.paymentIntents.get(String(p['payment_intent'])) ?? missing('payment_intent', String(p['payment_intent']));
        if (intent['status'] !== 'succeeded') throw badRequest(`PaymentIntent ${intent['id']} does not have a successful charge to refund.`, 'charge_not_refundable');
        const refund = { id: this.nextId('re'), object: 'refund', amount: intent['amount'], currency: intent['currency'], payment_intent: intent['id'], status: 'succeeded', metadata: p['metadata'] ?? {}, created: now };
        this.refunds.set(refund.id, refund);
        return refund;
      }
      case 'POST accounts': {
        const account = {
          id: this.nextId('acct'),
          object: 'account',
          type: p['type'] ?? 'standard',
          country: p['country'] ?? 'FR',
          email: p['email'] ?? null,
          capabilities: Object.fromEntries(Object.keys(p['capabilities'] ?? {}).map((name) => [name, 'inactive'])),
          charges_enabled: false,
          payouts_enabled: false,
          details_submitted: false,
          metadata: p['metadata'] ?? {},
          created: now,
        };
        this.accounts.set(account.id, account);
        return account;
      }
      case 'GET accounts/:id':
        return this.accounts.get(id) ?? missing('account', id);
      case 'POST account_links': {
        requireParams(p, ['account', 'refresh_url', 'return_url', 'type']);
        if (!this.accounts.has(String(p['account']))) missing('account', String(p['account']));
        return { object: 'account_link', created: now, expires_at: now + 300, url: `https://connect.stripe.test/setup/e/${p['account']}/${randomBytes(6).toString('hex')}` };
      }
      case 'POST checkout/sessions': {
        requireParams(p, ['mode', 'success_url']);
        const lineItems = (p['line_items'] ?? []) as StubParams[];
        for (const item of lineItems) if (!this.prices.has(String(item['price']))) missing('price', String(item['price']));
        const sessionId = `cs_test_${this.nextId('cs').slice(3)}`;
        const amount = lineItems.reduce((sum, item) => sum + Number(this.prices.get(String(item['price']))?.['unit_amount'] ?? 0) * Number(item['quantity'] ?? 1), 0);
        const session = {
          id: sessionId,
          object: 'checkout.session',
          mode: p['mode'],
          url: `https://checkout.stripe.test/c/pay/${sessionId}`,
          status: 'open',
          payment_status: 'unpaid',
          amount_total: amount,
          currency: lineItems.length ? this.prices.get(String(lineItems[0]['price']))?.['currency'] : null,
          customer: p['customer'] ?? null,
          customer_email: p['customer_email'] ?? null,
          success_url: p['success_url'],
          cancel_url: p['cancel_url'] ?? null,
          metadata: p['metadata'] ?? {},
          subscription: null,
          payment_intent: null,
          created: now,
        };
        this.checkoutSessions.set(sessionId, session);
        return session;
      }
      case 'GET prices': {
        const keys = (p['lookup_keys'] ?? []) as string[];
        const data = [...this.prices.values()].filter(
          (price) => (keys.length === 0 || keys.includes(price['lookup_key'])) && (p['active'] === undefined || String(price['active']) === p['active']),
        );
        return { object: 'list', url: '/v1/prices', has_more: false, data };
      }
      case 'POST prices': {
        requireParams(p, ['currency', 'product', 'unit_amount']);
        if (!this.products.has(String(p['product']))) missing('product', String(p['product']));
        const lookupKey = p['lookup_key'] ?? null;
        const holder = lookupKey ? [...this.prices.values()].find((price) => price['lookup_key'] === lookupKey) : undefined;
        if (holder && p['transfer_lookup_key'] !== 'true') {
          throw badRequest(`A price (\`${holder['id']}\`) already uses that lookup key.`, 'lookup_key_exists');
        }
        if (holder) holder['lookup_key'] = null;
        const price = {
          id: this.nextId('price'),
          object: 'price',
          active: true,
          product: p['product'],
          unit_amount: Number(p['unit_amount']),
          currency: String(p['currency']).toLowerCase(),
          recurring: p['recurring'] ? { interval: p['recurring'].interval, interval_count: 1 } : null,
          type: p['recurring'] ? 'recurring' : 'one_time',
          lookup_key: lookupKey,
          nickname: p['nickname'] ?? null,
          metadata: p['metadata'] ?? {},
          created: now,
        };
        this.prices.set(price.id, price);
        return price;
      }
      case 'POST products': {
        requireParams(p, ['name']);
        const productId = p['id'] ? String(p['id']) : this.nextId('prod');
        if (this.products.has(productId)) throw badRequest(`Product already exists.`, 'resource_already_exists');
        const product = { id: productId, object: 'product', name: p['name'], active: true, metadata: p['metadata'] ?? {}, created: now };
        this.products.set(productId, product);
        return product;
      }
      case 'GET products/:id':
        return this.products.get(id) ?? missing('product', id);
      case 'POST customers': {
        const customer = { id: this.nextId('cus'), object: 'customer', email: p['email'] ?? null, metadata: p['metadata'] ?? {}, created: now };
        this.customers.set(customer.id, customer);
        return customer;
      }
      default:
        throw notFound(`Unrecognized request URL (${method}: ${path}).`);
    }
  }
}

/**
 * A Stripe-shaped event around `object` (`data.object`), e.g. for `signedWebhook`. `id` defaults to a fresh
 * `evt_test_…`; pass the same id to simulate a redelivery.
 */
export function stripeEvent(type: string, object: object, id = `evt_test_${randomBytes(8).toString('hex')}`): Stripe.Event {
  return {
    id,
    object: 'event',
    type,
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  } as unknown as Stripe.Event;
}

/** The body and `Stripe-Signature` header Stripe would send for `event`, signed with `secret` (whsec_…). */
export function signedWebhook(event: object, secret: string): { payload: string; signature: string } {
  const payload = JSON.stringify(event);
  return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret }) };
}

class StubHttpError extends Error {
  constructor(readonly error: StubError) {
    super(error.message);
  }
}

function stripeError(error: StubError): unknown {
  return { error: { type: error.type ?? 'invalid_request_error', message: error.message, ...(error.code ? { code: error.code } : {}) } };
}

function notFound(message: string): StubHttpError {
  return new StubHttpError({ status: 404, message });
}

function badRequest(message: string, code?: string): StubHttpError {
  return new StubHttpError({ status: 400, message, code });
}

function missing(kind: string, id: string): never {
  throw new StubHttpError({ status: 404, code: 'resource_missing', message: `No such ${kind}: '${id}'` });
}

function requireParams(params: StubParams, names: string[]): void {
  for (const name of names) if (params[name] === undefined || params[name] === '') throw badRequest(`Missing required param: ${name}.`, 'parameter_missing');
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

/** `a[b][0][c]=1&d=2` → `{ a: { b: [{ c: '1' }] }, d: '2' }`: Stripe's form encoding, read back. */
export function parseStripeForm(encoded: string): StubParams {
  const root: StubParams = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const path = key.split(/\[|\]\[|\]/).filter((segment, index) => segment !== '' || index === 0);
    let node = root;
    path.forEach((segment, index) => {
      if (index === path.length - 1) node[segment] = value;
      else node = node[segment] ??= {};
    });
  }
  return arraysFromIndexes(root) as StubParams;
}

function arraysFromIndexes(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, arraysFromIndexes(v)] as const);
  if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}
