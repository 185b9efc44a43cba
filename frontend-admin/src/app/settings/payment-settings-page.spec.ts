import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { PaymentsPublicConfigDto } from '@focus-racer/api-types';
import { ErrorNotifier } from '@focus-racer/ui';
import { parsePercent, PaymentSettingsPage } from './payment-settings-page';

const config = (mode: PaymentsPublicConfigDto['mode'] = 'local-test'): PaymentsPublicConfigDto => ({
  mode,
  publishableKey: mode === 'stripe' ? 'pk_test_x' : null,
  serviceFeeCents: 100,
  commissionPercent: 0,
});

describe('PaymentSettingsPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        { provide: ErrorNotifier, useValue: { error: jest.fn(), info: jest.fn() } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(mode: PaymentsPublicConfigDto['mode'] = 'local-test', settings = { serviceFeeCents: 100, commissionPercent: 0 }) {
    const fixture = TestBed.createComponent(PaymentSettingsPage);
    await fixture.whenStable();
    http.expectOne({ method: 'GET', url: '/api/admin/payments/settings' }).flush(settings);
    http.expectOne('/api/public/payments/config').flush(config(mode));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const input = (testId: string) => el.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)!;
    const text = (testId: string) => el.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    const type = async (testId: string, value: string) => {
      input(testId).value = value;
      input(testId).dispatchEvent(new Event('input'));
      input(testId).dispatchEvent(new Event('blur'));
      await fixture.whenStable();
    };
    const save = async () => {
      input('save-settings').click();
      await fixture.whenStable();
    };
    return { fixture, el, input, text, type, save };
  }

  it('reads percentages with at most two decimals', () => {
    expect(parsePercent('7.5')).toBe(7.5);
    expect(parsePercent('12,29')).toBe(12.29);
    expect(parsePercent('0')).toBe(0);
    expect(parsePercent('7.555')).toBeNull();
    expect(parsePercent('-1')).toBeNull();
    expect(parsePercent('abc')).toBeNull();
  });

  it('shows the mode, the current fees in euros and percent, and a worked example', async () => {
    const { input, text } = await render('local-test', { serviceFeeCents: 100, commissionPercent: 0 });
    expect(text('payment-mode')).toContain('LOCAL TEST MODE');
    expect(input('service-fee').value).toBe('1.00');
    expect(input('commission').value).toBe('0');
    expect(text('fee-example')).toBe(
      "calculate Example: a €15.00 pack → runner pays €16.00, platform keeps €1.00, photographer receives €15.00 minus Stripe's fee.",
    );
  });

  it('names Stripe when real keys are set', async () => {
    const { text } = await render('stripe');
    expect(text('payment-mode')).toContain('Stripe');
    expect(text('payment-mode')).not.toContain('TEST');
  });

  it('recomputes the example as the admin types', async () => {
    const { type, text } = await render();
    await type('service-fee', '1,50');
    await type('commission', '10');
    expect(text('fee-example')).toContain('runner pays €16.50, platform keeps €3.00, photographer receives €13.50');
  });

  it('refuses a commission above 50 %, three decimals or a fee that is not an amount, and sends nothing', async () => {
    const { el, type, save } = await render();
    await type('commission', '50.5');
    await save();
    expect(el.querySelector('mat-error')?.textContent).toContain('At most 50 %');
    await type('commission', '7.555');
    await save();
    expect(el.querySelector('mat-error')?.textContent).toContain('two decimals at most');
    await type('commission', '5');
    await type('service-fee', 'one euro');
    await save();
    expect(el.querySelector('mat-error')?.textContent).toContain('An amount such as 1 or 0.90');
    await type('service-fee', '101');
    await save();
    expect(el.querySelector('mat-error')?.textContent).toContain('At most €100.00');
    http.expectNone({ method: 'PUT' });
  });

  it('saves integer cents and a number, and shows what was stored', async () => {
    const { fixture, type, save, text, input } = await render();
    await type('service-fee', '1.20');
    await type('commission', '2,5');
    await save();
    const put = http.expectOne({ method: 'PUT', url: '/api/admin/payments/settings' });
    expect(put.request.body).toEqual({ serviceFeeCents: 120, commissionPercent: 2.5 });
    expect(text('save-settings')).toBe('Saving…');
    put.flush({ serviceFeeCents: 120, commissionPercent: 2.5 });
    await fixture.whenStable();
    expect(text('settings-saved')).toContain('New orders use these fees');
    expect(input('commission').value).toBe('2.5');
    expect(TestBed.inject(ErrorNotifier).info).toHaveBeenCalledWith('Payment settings saved.');
  });

  it("shows the server's message when it refuses", async () => {
    const { fixture, type, save, text } = await render();
    await type('service-fee', '2');
    await save();
    http
      .expectOne({ method: 'PUT', url: '/api/admin/payments/settings' })
      .flush({ statusCode: 400, message: ['serviceFeeCents must be at most 10000 (€100)'] }, { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    expect(text('settings-server-error')).toContain('serviceFeeCents must be at most 10000 (€100)');
    expect((fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('[data-testid="save-settings"]')!.disabled).toBe(false);
  });
});
