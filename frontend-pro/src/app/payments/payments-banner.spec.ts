import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, RouterOutlet } from '@angular/router';
import { ConnectStatusDto, EventDto } from '@focus-racer/api-types';
import { PaymentsBanner } from './payments-banner';

@Component({ selector: 'app-blank', template: '' })
class Blank {}

@Component({ imports: [PaymentsBanner, RouterOutlet], template: '<app-payments-banner /><router-outlet />' })
class Host {}

const status = (onboarded: boolean, accountId: string | null = null): ConnectStatusDto => ({
  mode: 'local-test',
  accountId,
  onboarded,
  chargesEnabled: onboarded,
  payoutsEnabled: onboarded,
  detailsSubmitted: onboarded,
});

describe('PaymentsBanner', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'events', component: Blank },
          { path: 'payments', component: Blank },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(connect: ConnectStatusDto, events: Partial<EventDto>[], url = '/events') {
    await TestBed.inject(Router).navigateByUrl(url);
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    http.expectOne('/api/payments/connect/status').flush(connect);
    http.expectOne('/api/events').flush(events);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  const banner = (el: HTMLElement) => el.querySelector('[data-testid="payments-banner"]');

  it('tells a pro with events that runners cannot buy until payments are set up', async () => {
    const { el } = await render(status(false), [{ id: 'e1' }]);
    expect(banner(el)?.textContent).toContain('Runners cannot buy your photos until you finish setting up payments');
    const action = el.querySelector<HTMLAnchorElement>('[data-testid="payments-banner-action"]');
    expect(action?.getAttribute('href')).toBe('/payments');
    expect(action?.textContent).toContain('Set up payments');
  });

  it('says "continue" once a Stripe account exists', async () => {
    const { el } = await render(status(false, 'acct_1'), [{ id: 'e1' }]);
    expect(el.querySelector('[data-testid="payments-banner-action"]')?.textContent).toContain('Continue setting up payments');
  });

  it('stays away from a pro who can be paid', async () => {
    expect(banner((await render(status(true), [{ id: 'e1' }])).el)).toBeNull();
  });

  it('stays away while the pro has no event', async () => {
    expect(banner((await render(status(false), [])).el)).toBeNull();
  });

  it('stays away from the payments page, which says it in detail', async () => {
    const { fixture, el } = await render(status(false), [{ id: 'e1' }], '/payments');
    expect(banner(el)).toBeNull();
    await TestBed.inject(Router).navigateByUrl('/events');
    await fixture.whenStable();
    expect(banner(el)).not.toBeNull();
  });
});
