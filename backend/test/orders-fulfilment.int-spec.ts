import {
  CartQuoteDto,
  EventStatus,
  CheckoutResponse,
  EventPricingDto,
  OrderDto,
  OrderStatus,
  OrderSummaryDto,
  PricePackDto,
  PricePackKind,
  Role,
  SalesPageDto,
  StoredCartDto,
  TopPhotoDto,
} from '@focus-racer/api-types';
import sharp from 'sharp';
import { fromBuffer, Entry, ZipFile } from 'yauzl';
import { RaceEvent } from '../src/events/entities/event.entity';
import { Order } from '../src/payments/entities/order.entity';
import { Photo } from '../src/photos/entities/photo.entity';
import { OrderItem } from '../src/payments/entities/order-item.entity';
import { signDownload } from '../src/payments/orders/order-links';
import { PaymentSecrets } from '../src/payments/payment-secrets';
import { binary, DEMO_PACKS, downloadsOf, hd, pathOf, sellerWithEvent, Seller, StoredPhoto, storedPhoto, tokenOf, web } from './support/orders-fixtures';
import { OrderReceiptMailer } from '../src/payments/orders/order-receipt.mailer';
import { bearer, createTestApp, outboxFor, register, TestApp, uniqueEmail } from './test-app';

/**
 * A photo bought end to end in the local test mode (no Stripe keys): prices, quote, checkout, the test-mode Pay
 * button (a signed payment_intent.succeeded through the real webhook path), the order page, the HD file, the web
 * size and the ZIP compared byte for byte, refused links, the seller's sales, the runner's history.
 */
describe('orders: fulfilment in local test mode (API, PostgreSQL)', () => {
  let t: TestApp;
  let seller: Seller;
  let photos: StoredPhoto[];
  const buyerEmail = uniqueEmail('buyer');
  let checkout: CheckoutResponse;
  let paidOrder: OrderDto;

  const pay = (intentUrl: string) => t.http().post(`${pathOf(intentUrl)}/pay`).type('form').send('');
  const intentPath = (response: CheckoutResponse) => response.testCheckoutUrl as string;
  const openOrder = (response: { orderId: string; orderUrl: string }) =>
    t.http().get(`/api/public/orders/${response.orderId}?t=${encodeURIComponent(tokenOf(response.orderUrl))}`);

  beforeAll(async () => {
    t = await createTestApp({ API_PUBLIC_URL: 'http://api.test:3000', PUBLIC_WEB_URL: 'http://runner.test:4300' });
    seller = await sellerWithEvent(t, 'acct_local_seller_1');
    photos = [
      await storedPhoto(t, seller.event, 11, ['1234']),
      await storedPhoto(t, seller.event, 12, ['1234']),
      await storedPhoto(t, seller.event, 13, ['777']),
    ];
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets the owner set prices and refuses an ambiguous offer with reasons', async () => {
    const list = (await t.http().get(`/api/events/${seller.event.id}/price-packs`).set(...bearer(seller.auth)).expect(200)).body as PricePackDto[];
    expect(list.map((pack) => [pack.kind, pack.priceCents, pack.photoCount, pack.currency])).toEqual([
      [PricePackKind.SINGLE, 600, null, 'EUR'],
      [PricePackKind.PACK, 1500, 5, 'EUR'],
      [PricePackKind.ALL_MY_PHOTOS, 2500, null, 'EUR'],
      [PricePackKind.DIGITAL_WEB, 300, null, 'EUR'],
    ]);
    const put = (body: object) => t.http().put(`/api/events/${seller.event.id}/price-packs`).set(...bearer(seller.auth)).send(body);
    const twoSingles = await put({ packs: [{ kind: 'single', name: 'A', priceCents: 600 }, { kind: 'single', name: 'B', priceCents: 500 }] }).expect(400);
    expect(twoSingles.body.message).toEqual(['An event has at most one active single-photo price.']);
    const badPack = await put({ packs: [{ kind: 'pack', name: 'P', priceCents: 600 }, { kind: 'pack', name: 'Q', photoCount: 1, priceCents: -1 }] }).expect(400);
    expect(badPack.body.message).toEqual(expect.arrayContaining(['A pack covers at least 2 photos', 'packs.1.priceCents cannot be negative']));
    await put({ packs: [{ kind: 'pack', name: 'P', photoCount: 3, priceCents: 100 }, { kind: 'pack', name: 'Q', photoCount: 3, priceCents: 200 }] }).expect(400);
    await put({ currency: 'eur', packs: [] }).expect(400);
    // Another pro cannot see or change them.
    const other = await register(t, Role.PHOTOGRAPHER);
    await t.http().get(`/api/events/${seller.event.id}/price-packs`).set(...bearer(other)).expect(404);
    await t.http().put(`/api/events/${seller.event.id}/price-packs`).set(...bearer(other)).send({ packs: [] }).expect(404);

    const pricing = (await t.http().get(`/api/public/events/${seller.event.slug}/pricing`).expect(200)).body as EventPricingDto;
    expect(pricing).toMatchObject({ eventId: seller.event.id, currency: 'EUR', serviceFeeCents: 100, sellable: true, notSellableReason: null });
    expect(pricing.packs).toHaveLength(4);
  });

  it('quotes a cart per event, with the packs applied, the upsell, and unknown items rejected with a reason', async () => {
    const unknown = { kind: 'photo', photoId: '00000000-0000-4000-8000-000000000000', resolution: 'hd' };
    const res = await t.http().post('/api/public/cart/quote').send({ items: [hd(photos[0]), hd(photos[1]), web(photos[2]), unknown] }).expect(200);
    const quote = res.body as CartQuoteDto;
    expect(quote.rejected).toEqual([{ item: unknown, reason: 'This photo is no longer available.' }]);
    expect(quote.groups).toHaveLength(1);
    expect(quote.groups[0]).toMatchObject({
      event: { id: seller.event.id, slug: seller.event.slug },
      subtotalCents: 1500,
      serviceFeeCents: 100,
      totalCents: 1600,
      freeSlots: 0,
      sellable: true,
      upsell: { addPhotos: 3, extraCents: 300, message: '2 photos = pack of 5 for €15: add 3 more for €3?' },
    });
    expect(quote.groups[0].lines[0].photo?.thumbUrl).toContain(`/api/media/events/${seller.event.id}/thumbs/`);

    const bib = await t.http().post('/api/public/cart/quote').send({ items: [hd(photos[0]), { kind: 'all-my-photos', eventId: seller.event.id, bib: '1234' }] }).expect(200);
    const group = (bib.body as CartQuoteDto).groups[0];
    expect(group.subtotalCents).toBe(2500);
    expect(group.lines.map((line) => [line.coveredByAllMyPhotos, line.photoCount])).toEqual([[true, 1], [false, 2]]);

    // Hidden photos, photos of an unpublished event and bibs without photos are dropped with why; the rest is priced.
    const hidden = await storedPhoto(t, seller.event, 14);
    await t.db.dataSource.getRepository(Photo).update({ id: hidden.photo.id }, { hidden: true });
    const draft = await sellerWithEvent(t, 'acct_local_draft');
    const unpublished = await storedPhoto(t, draft.event, 15);
    await t.db.dataSource.getRepository(RaceEvent).update({ id: draft.event.id }, { status: EventStatus.DRAFT });
    const nobody = { kind: 'all-my-photos', eventId: seller.event.id, bib: '999' };
    const mixed = (await t.http().post('/api/public/cart/quote').send({ items: [hd(hidden), hd(unpublished), nobody, hd(photos[2])] }).expect(200)).body as CartQuoteDto;
    expect(mixed.rejected).toEqual([
      { item: hd(hidden), reason: 'This photo is no longer available.' },
      { item: hd(unpublished), reason: 'Photos of this event are no longer on sale.' },
      { item: nobody, reason: 'There are no photos of this bib number on this event (yet).' },
    ]);
    expect(mixed.groups.map((g) => g.subtotalCents)).toEqual([600]);

    const tooMany = Array.from({ length: 501 }, () => hd(photos[0]));
    const refused = await t.http().post('/api/public/cart/quote').send({ items: tooMany }).expect(400);
    expect(refused.body.message).toContain('A cart holds at most 500 items');
    await t.http().post('/api/public/cart/quote').send({ items: [{ kind: 'photo', photoId: 'nope', resolution: 'hd' }] }).expect(400);
  });

  it('refuses a checkout without an email, empty, or with another event’s items', async () => {
    const body = { eventId: seller.event.id, items: [hd(photos[0])] };
    const noEmail = await t.http().post('/api/public/checkout').send(body).expect(400);
    expect(noEmail.body.message).toMatch(/email/);
    await t.http().post('/api/public/checkout').send({ ...body, email: buyerEmail, items: [] }).expect(400);
    const other = await sellerWithEvent(t, 'acct_local_seller_2');
    const foreign = await t.http().post('/api/public/checkout').send({ ...body, email: buyerEmail, eventId: other.event.id }).expect(400);
    expect(foreign.body.message).toMatch(/another event/);
  });

  it('checks out (re-priced on the server), pays through the test page, and sends one receipt', async () => {
    const res = await t.http()
      .post('/api/public/checkout')
      .send({ eventId: seller.event.id, email: buyerEmail, items: [hd(photos[0]), hd(photos[1]), web(photos[2])] })
      .expect(201);
    checkout = res.body as CheckoutResponse;
    expect(checkout).toMatchObject({ mode: 'local-test', clientSecret: null, publishableKey: null, subtotalCents: 1500, serviceFeeCents: 100, totalCents: 1600 });
    expect(checkout.testCheckoutUrl).toMatch(/^http:\/\/api\.test:3000\/api\/payments\/test-mode\/checkout\/pi_local_/);
    expect(checkout.orderUrl).toMatch(new RegExp(`^http://runner\\.test:4300/orders/${checkout.orderId}\\?t=`));

    const pending = (await openOrder(checkout).expect(200)).body as OrderDto;
    expect(pending).toMatchObject({ status: OrderStatus.PENDING, downloads: null, mode: 'local-test', totalCents: 1600 });
    expect(pending.buyerEmail).toBe(`${buyerEmail[0]}***@example.test`);

    const paid = await pay(intentPath(checkout)).expect(303);
    expect(paid.headers['location']).toContain(`/orders/${checkout.orderId}`);
    paidOrder = (await openOrder(checkout).expect(200)).body as OrderDto;
    expect(paidOrder.status).toBe(OrderStatus.PAID);
    expect(paidOrder.items.map((item) => [item.resolution, item.unitPriceCents, item.packName])).toEqual([
      ['hd', 600, 'Photo HD'],
      ['hd', 600, 'Photo HD'],
      ['web', 300, 'Web size'],
    ]);
    expect(paidOrder.downloads?.files.map((file) => file.filename)).toEqual([`${seller.event.slug}-1.jpg`, `${seller.event.slug}-2.jpg`, `${seller.event.slug}-3.jpg`]);

    const mails = await outboxFor(t, buyerEmail);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Your photos from Semi-marathon de Bordeaux');
    expect(mails[0].text).toContain('Total paid: €16');
    expect(mails[0].text).toContain(`http://runner.test:4300/orders/${checkout.orderId}?t=`);
    expect(mails[0].html).toContain('Download your photos');

    // Pressing Pay again (a double click) changes nothing and sends nothing.
    await pay(intentPath(checkout));
    expect(await outboxFor(t, buyerEmail)).toHaveLength(1);
    const row = await t.db.dataSource.getRepository(Order).findOneByOrFail({ id: checkout.orderId });
    expect(row).toMatchObject({ subtotalCents: 1500, serviceFeeCents: 100, platformFeeCents: 100, totalCents: 1600, buyerEmail });

    // A send that failed releases its claim; the worker's maintenance job tries it again, once.
    const receipts = t.app.get(OrderReceiptMailer);
    await t.db.dataSource.query(`UPDATE orders SET receipt_sent_at = NULL WHERE id = $1`, [checkout.orderId]);
    expect(await receipts.retryUnsent()).toBe(0); // paid just now: a send may still be in flight
    await t.db.dataSource.query(`UPDATE orders SET paid_at = now() - interval '6 minutes' WHERE id = $1`, [checkout.orderId]);
    expect(await receipts.retryUnsent()).toBe(1);
    expect(await receipts.retryUnsent()).toBe(0);
    expect(await outboxFor(t, buyerEmail)).toHaveLength(2);
  });

  it('serves the HD original byte for byte and the web size unwatermarked at 1600 px, as attachments', async () => {
    const [first, , third] = downloadsOf(paidOrder).files;
    const original = await t.http().get(pathOf(first.url)).buffer(true).parse(binary).expect(200);
    expect(original.headers['content-type']).toBe('image/jpeg');
    expect(original.headers['content-disposition']).toBe(`attachment; filename="${seller.event.slug}-1.jpg"`);
    expect(original.headers['content-length']).toBe(String(photos[0].original.length));
    expect(original.headers['cache-control']).toBe('private, no-store');
    expect(Buffer.compare(original.body as Buffer, photos[0].original)).toBe(0);

    const webCopy = await t.http().get(pathOf(third.url)).buffer(true).parse(binary).expect(200);
    const meta = await sharp(webCopy.body as Buffer).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1600, 1200]);
  });

  it('streams the ZIP in store mode; every entry equals its file', async () => {
    const res = await t.http().get(pathOf(downloadsOf(paidOrder).zipUrl)).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+\.zip"$/);
    const entries = await unzip(res.body as Buffer);
    expect(entries.map((entry) => entry.name)).toEqual([`${seller.event.slug}-1.jpg`, `${seller.event.slug}-2.jpg`, `${seller.event.slug}-3.jpg`]);
    expect(entries.every((entry) => entry.compressionMethod === 0)).toBe(true);
    expect(Buffer.compare(entries[0].data, photos[0].original)).toBe(0);
    expect(Buffer.compare(entries[1].data, photos[1].original)).toBe(0);
    const webCopy = await t.http().get(pathOf(downloadsOf(paidOrder).files[2].url)).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(entries[2].data, webCopy.body as Buffer)).toBe(0);
  });

  it('refuses forged and expired links with 403: JSON for the app, a readable page for a browser', async () => {
    const url = new URL(downloadsOf(paidOrder).files[0].url);
    const forged = new URL(url);
    forged.searchParams.set('sig', `${(url.searchParams.get('sig') ?? '').slice(0, -2)}AA`);
    const json = await t.http().get(pathOf(forged.toString())).expect(403);
    expect(json.body).toMatchObject({ statusCode: 403, message: 'This download link has expired or is no longer valid. Open your order page to get fresh links.' });
    const html = await t.http().get(pathOf(forged.toString())).set('Accept', 'text/html,application/xhtml+xml').expect(403);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain('This download link has expired or is no longer valid');

    const secret = t.app.get(PaymentSecrets).downloadSigningSecret;
    const itemId = downloadsOf(paidOrder).files[0].itemId;
    const old = signDownload(secret, checkout.orderId, { kind: 'item', itemId }, 1, new Date(Date.now() - 1000));
    await t.http().get(`/api/public/orders/${checkout.orderId}/items/${itemId}/download?exp=${old.exp}&v=${old.v}&sig=${old.sig}`).expect(403);
    // A link of one file does not open another file, nor the ZIP.
    const otherItem = downloadsOf(paidOrder).files[1].itemId;
    await t.http().get(pathOf(url.toString()).replace(itemId, otherItem)).expect(403);
    await t.http().get(`/api/public/orders/${checkout.orderId}/download.zip${url.search}`).expect(403);
    // The order page needs its token.
    await t.http().get(`/api/public/orders/${checkout.orderId}`).expect(403);
    await t.http().get(`/api/public/orders/${checkout.orderId}?t=123.abc`).expect(403);
  });

  it('shows the seller the sale: gross, platform fee, net; and the top photos', async () => {
    const page = (await t.http().get('/api/payments/sales').set(...bearer(seller.auth)).expect(200)).body as SalesPageDto;
    expect(page.summary).toEqual({
      currency: 'EUR',
      paidOrders: 1,
      photosSold: 3,
      grossCents: 1600,
      platformFeeCents: 100,
      netCents: 1500,
      refundedOrders: 0,
      refundedCents: 0,
    });
    expect(page.items).toEqual([
      expect.objectContaining({ orderId: checkout.orderId, status: OrderStatus.PAID, photoCount: 3, totalCents: 1600, platformFeeCents: 100, netCents: 1500 }),
    ]);
    expect(page.nextCursor).toBeNull();
    const byEvent = (await t.http().get(`/api/payments/sales?eventId=${seller.event.id}`).set(...bearer(seller.auth)).expect(200)).body as SalesPageDto;
    expect(byEvent.summary.grossCents).toBe(1600);
    const top = (await t.http().get('/api/payments/sales/top-photos').set(...bearer(seller.auth)).expect(200)).body as TopPhotoDto[];
    // Best earners first; equal earners in a stable (id) order.
    expect(top.map((photo) => [photo.photoId, photo.timesSold, photo.revenueCents])).toEqual([
      ...[photos[0].photo.id, photos[1].photo.id].sort().map((id) => [id, 1, 600]),
      [photos[2].photo.id, 1, 300],
    ]);
    expect(top[0].thumbUrl).toMatch(/^\/api\/media\/events\//);
    // Another pro sees none of it; a runner may not ask.
    const other = await register(t, Role.PHOTOGRAPHER);
    expect(((await t.http().get('/api/payments/sales').set(...bearer(other)).expect(200)).body as SalesPageDto).summary.paidOrders).toBe(0);
    await t.http().get(`/api/payments/sales?eventId=${seller.event.id}`).set(...bearer(other)).expect(404);
    await t.http().get('/api/payments/sales').set(...bearer(await register(t))).expect(403);
  });

  it('a signed-in runner buys all their photos, finds the order in their history and opens it without a token', async () => {
    const runner = await register(t);
    await t.http().put('/api/me/cart').set(...bearer(runner)).send({ items: [{ kind: 'all-my-photos', eventId: seller.event.id, bib: '1234' }] }).expect(200);
    const stored = (await t.http().get('/api/me/cart').set(...bearer(runner)).expect(200)).body as StoredCartDto;
    expect(stored.items).toEqual([{ kind: 'all-my-photos', eventId: seller.event.id, bib: '1234' }]);

    const res = await t.http().post('/api/public/checkout').set(...bearer(runner)).send({ eventId: seller.event.id, items: stored.items }).expect(201);
    const order = res.body as CheckoutResponse;
    expect(order.totalCents).toBe(2600);
    await pay(intentPath(order)).expect(303);
    const items = await t.db.dataSource.getRepository(OrderItem).find({ where: { orderId: order.orderId }, order: { position: 'ASC' } });
    expect(items.map((item) => [item.photoId, item.bib, item.unitPriceCents])).toEqual([
      [photos[0].photo.id, '1234', 1250],
      [photos[1].photo.id, '1234', 1250],
    ]);

    const history = (await t.http().get('/api/me/orders').set(...bearer(runner)).expect(200)).body as OrderSummaryDto[];
    expect(history).toEqual([
      expect.objectContaining({ id: order.orderId, status: OrderStatus.PAID, photoCount: 2, totalCents: 2600, event: expect.objectContaining({ id: seller.event.id }) }),
    ]);
    expect(history[0].orderUrl).toContain(`/orders/${order.orderId}?t=`);
    const mine = (await t.http().get(`/api/public/orders/${order.orderId}`).set(...bearer(runner)).expect(200)).body as OrderDto;
    expect(mine.downloads?.files).toHaveLength(2);
    expect(mine.buyerEmail).toBe(`${runner.user.email[0]}***@example.test`);
    await t.http().get(`/api/public/orders/${order.orderId}`).set(...bearer(await register(t))).expect(403);
    expect(await outboxFor(t, runner.user.email)).toHaveLength(1);
  });

  it('retires a sold price instead of deleting it when the owner changes the offer', async () => {
    const before = (await t.http().get(`/api/events/${seller.event.id}/price-packs`).set(...bearer(seller.auth)).expect(200)).body as PricePackDto[];
    const single = before.find((pack) => pack.kind === PricePackKind.SINGLE) as PricePackDto;
    const pack5 = before.find((pack) => pack.kind === PricePackKind.PACK) as PricePackDto;
    // The single price was sold; pack 5 never was. Both are left out, and a new single price is added.
    const after = (
      await t.http()
        .put(`/api/events/${seller.event.id}/price-packs`)
        .set(...bearer(seller.auth))
        .send({ packs: [{ kind: 'single', name: 'Photo HD 2027', priceCents: 700 }, { id: before.find((p) => p.kind === PricePackKind.DIGITAL_WEB)?.id, kind: 'digital_web', name: 'Web', priceCents: 250 }] })
        .expect(200)
    ).body as PricePackDto[];
    // Active first in the owner's order, then the retired ones (both were sold); pack 5 (never sold) is gone.
    expect(after.map((pack) => [pack.name, pack.active, pack.priceCents])).toEqual([
      ['Photo HD 2027', true, 700],
      ['Web', true, 250],
      ['Photo HD', false, 600],
      ['All my photos', false, 2500],
    ]);
    expect(after.find((pack) => pack.id === single.id)).toMatchObject({ active: false, priceCents: 600 });
    expect(after.find((pack) => pack.id === pack5.id)).toBeUndefined();
    const paidItems = await t.db.dataSource.getRepository(OrderItem).find({ where: { orderId: checkout.orderId } });
    expect(paidItems.filter((item) => item.pricePackId === single.id)).toHaveLength(2);
    // Back to the offer the other tests expect.
    await t.http().put(`/api/events/${seller.event.id}/price-packs`).set(...bearer(seller.auth)).send({ packs: DEMO_PACKS }).expect(200);
  });

  it('a refund revokes every download link at once; the receipt link then only says the order was refunded', async () => {
    const links = downloadsOf(paidOrder);
    await t.http().get(pathOf(links.files[0].url)).expect(200);
    await t.http().post(`${pathOf(intentPath(checkout))}/refund`).type('form').send('').expect(303);

    const row = await t.db.dataSource.getRepository(Order).findOneByOrFail({ id: checkout.orderId });
    expect(row).toMatchObject({ status: OrderStatus.REFUNDED, downloadTokenVersion: 2, amountRefundedCents: 1600 });
    expect(row.refundedAt).not.toBeNull();
    const denied = await t.http().get(pathOf(links.files[0].url)).set('Accept', 'text/html').expect(403);
    expect(denied.text).toContain('Open your order page to get fresh links');
    await t.http().get(pathOf(links.zipUrl)).expect(403);
    const refunded = (await openOrder(checkout).expect(200)).body as OrderDto;
    expect(refunded).toMatchObject({ status: OrderStatus.REFUNDED, downloads: null });
    await t.http().get(`/api/public/orders/${checkout.orderId}?t=${encodeURIComponent('1.' + 'A'.repeat(43))}`).expect(403);

    const page = (await t.http().get('/api/payments/sales').set(...bearer(seller.auth)).expect(200)).body as SalesPageDto;
    expect(page.summary).toMatchObject({ paidOrders: 1, refundedOrders: 1, refundedCents: 1600, grossCents: 2600 });
  });
});

interface UnzippedEntry {
  name: string;
  compressionMethod: number;
  data: Buffer;
}

/** Reads every entry of a ZIP held in memory (the test's side; the server never buffers a ZIP). */
function unzip(zip: Buffer): Promise<UnzippedEntry[]> {
  return new Promise((resolve, reject) => {
    fromBuffer(zip, { lazyEntries: true }, (error: Error | null, file: ZipFile) => {
      if (error) return reject(error);
      const entries: UnzippedEntry[] = [];
      file.on('entry', (entry: Entry) => {
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.push({ name: entry.fileName, compressionMethod: entry.compressionMethod, data: Buffer.concat(chunks) });
            file.readEntry();
          });
          stream.on('error', reject);
        });
      });
      file.on('end', () => resolve(entries));
      file.on('error', reject);
      file.readEntry();
    });
  });
}
