import { AuthResponse, PaymentSettingsDto, Role, splitOrder } from '@focus-racer/api-types';
import { PaymentSettings } from '../src/payments/entities/payment-settings.entity';
import { PaymentSettingsService, toPaymentSettingsDto } from '../src/payments/settings/payment-settings.service';
import { bearer, createAdmin, createTestApp, register, TestApp } from './test-app';

/** The platform's fees: admin-only settings seeded from the configuration, and the public config the apps read. */
describe('payment settings (API, PostgreSQL)', () => {
  let t: TestApp;
  let admin: AuthResponse;

  const put = (body: object, auth: AuthResponse = admin) => t.http().put('/api/admin/payments/settings').set(...bearer(auth)).send(body);

  beforeAll(async () => {
    t = await createTestApp({ DEFAULT_SERVICE_FEE_CENTS: '150', DEFAULT_COMMISSION_PERCENT: '2.5' });
    admin = await createAdmin(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('starts from the configured defaults, seeded into the table at first read', async () => {
    expect(await t.db.dataSource.getRepository(PaymentSettings).count()).toBe(0);
    const res = await t.http().get('/api/admin/payments/settings').set(...bearer(admin)).expect(200);
    expect(res.body).toEqual({ serviceFeeCents: 150, commissionPercent: 2.5 } satisfies PaymentSettingsDto);
    expect(await t.db.dataSource.getRepository(PaymentSettings).findOneByOrFail({ id: 1 })).toMatchObject({ serviceFeeCents: 150, commissionBps: 250, updatedBy: null });
  });

  it('lets an admin change them; the public config and the service see the change at once', async () => {
    const res = await put({ serviceFeeCents: 99, commissionPercent: 12.34 }).expect(200);
    expect(res.body).toEqual({ serviceFeeCents: 99, commissionPercent: 12.34 });
    expect(await t.db.dataSource.getRepository(PaymentSettings).findOneByOrFail({ id: 1 })).toMatchObject({ commissionBps: 1234, updatedBy: admin.user.id });
    expect((await t.http().get('/api/public/payments/config').expect(200)).body).toEqual({
      mode: 'local-test',
      publishableKey: null,
      serviceFeeCents: 99,
      commissionPercent: 12.34,
    });
    const current = await t.app.get(PaymentSettingsService).current();
    expect(current).toEqual({ serviceFeeCents: 99, commissionBps: 1234 });
    // 12.34 % of €9.99 is 123.27 cents: the platform keeps 99 + 123, never more than the stated rate.
    expect(splitOrder(999, toPaymentSettingsDto(current)).platformFeeCents).toBe(222);
    await put({ serviceFeeCents: 0, commissionPercent: 0 }).expect(200);
    await put({ serviceFeeCents: 10000, commissionPercent: 50 }).expect(200);
  });

  it('refuses values out of range with a message for a person, and changes nothing', async () => {
    await put({ serviceFeeCents: 100, commissionPercent: 5 }).expect(200);
    const cases: Array<[object, string[]]> = [
      [{ serviceFeeCents: -1, commissionPercent: 5 }, ['serviceFeeCents cannot be negative']],
      [{ serviceFeeCents: 10001, commissionPercent: 5 }, ['serviceFeeCents must be at most 10000 (€100)']],
      [{ serviceFeeCents: 1.5, commissionPercent: 5 }, ['serviceFeeCents must be a whole number of cents (e.g. 150 for €1.50)']],
      [{ serviceFeeCents: 100, commissionPercent: 50.01 }, ['commissionPercent must be at most 50']],
      [{ serviceFeeCents: 100, commissionPercent: -0.5 }, ['commissionPercent cannot be negative']],
      [{ serviceFeeCents: 100, commissionPercent: 1.234 }, ['commissionPercent must be a number with at most two decimals (e.g. 7.5)']],
      [{ serviceFeeCents: 100, commissionPercent: '5' }, ['commissionPercent must be a number with at most two decimals (e.g. 7.5)']],
      [{ commissionPercent: 5 }, ['serviceFeeCents is required (a whole number of cents, 0 to 10000)']],
      [{ serviceFeeCents: 100, commissionPercent: 5, currency: 'USD' }, ['Unknown field "currency".']],
    ];
    for (const [body, messages] of cases) {
      const res = await put(body).expect(400);
      expect(res.body.message).toEqual(expect.arrayContaining(messages));
    }
    expect((await t.http().get('/api/admin/payments/settings').set(...bearer(admin)).expect(200)).body).toEqual({ serviceFeeCents: 100, commissionPercent: 5 });
  });

  it('is for admins only; the public config needs no account', async () => {
    const pro = await register(t, Role.PHOTOGRAPHER);
    await t.http().get('/api/admin/payments/settings').set(...bearer(pro)).expect(403);
    await put({ serviceFeeCents: 0, commissionPercent: 0 }, pro).expect(403);
    await t.http().get('/api/admin/payments/settings').expect(401);
    await t.http().get('/api/public/payments/config').expect(200);
  });
});
