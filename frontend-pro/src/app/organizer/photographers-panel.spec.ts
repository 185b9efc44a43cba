import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { EventPhotographerDto } from '@focus-racer/api-types';
import { ErrorNotifier } from '@focus-racer/ui';
import { of } from 'rxjs';
import { EVENT_ID, text } from '../events/event-testing';
import { PhotographersPanel } from './photographers-panel';

const LIST = `/api/events/${EVENT_ID}/photographers`;

const entry = (overrides: Partial<EventPhotographerDto> = {}): EventPhotographerDto => ({
  id: 'e1',
  photographerId: 'p1',
  name: 'Léa Photographe',
  email: 'photographer@demo.focusracer.local',
  status: 'active',
  invitedAt: '2026-03-01T10:00:00.000Z',
  ...overrides,
});

describe('PhotographersPanel', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<PhotographersPanel>;
  let el: HTMLElement;
  let confirmAnswer: boolean;

  const q = (testId: string) => el.querySelector(`[data-testid="${testId}"]`) as HTMLElement | null;
  const all = (testId: string) => Array.from(el.querySelectorAll(`[data-testid="${testId}"]`));

  async function typeEmail(value: string): Promise<void> {
    const input = q('invite-email') as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  async function submit(): Promise<void> {
    (q('invite-submit') as HTMLButtonElement).click();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    confirmAnswer = true;
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        { provide: ErrorNotifier, useValue: { error: jest.fn(), info: jest.fn() } },
        { provide: MatDialog, useValue: { open: () => ({ afterClosed: () => of(confirmAnswer) }) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PhotographersPanel);
    fixture.componentRef.setInput('eventId', EVENT_ID);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('says what to do while nobody covers the race', async () => {
    http.expectOne(LIST).flush([]);
    await fixture.whenStable();
    expect(text(q('photographers-empty'))).toContain('Invite the photographers who cover this race');
  });

  it('checks the address before sending anything', async () => {
    http.expectOne(LIST).flush([]);
    await fixture.whenStable();
    await submit();
    expect(text(el.querySelector('mat-error'))).toBe('Type the email of the photographer to invite.');
    await typeEmail('lea@studio');
    await submit();
    expect(text(el.querySelector('mat-error'))).toBe('This is not an email address.');
    http.expectNone(LIST);
  });

  it('adds an existing photographer at once, and invites an unknown address', async () => {
    http.expectOne(LIST).flush([]);
    await fixture.whenStable();
    await typeEmail('  Photographer@Demo.FocusRacer.local ');
    await submit();
    const add = http.expectOne(LIST);
    expect(add.request.method).toBe('POST');
    expect(add.request.body).toEqual({ email: 'photographer@demo.focusracer.local' });
    add.flush(entry());
    await fixture.whenStable();
    expect(text(q('invite-done')?.querySelector('span'))).toBe(
      'Léa Photographe is on the race: they can upload their photos now, and were told by email.',
    );
    expect((q('invite-email') as HTMLInputElement).value).toBe('');

    await typeEmail('new.shooter@example.com');
    await submit();
    http.expectOne(LIST).flush(entry({ id: 'e2', photographerId: null, name: null, email: 'new.shooter@example.com', status: 'invited' }));
    await fixture.whenStable();
    expect(text(q('invite-done')?.querySelector('span'))).toBe(
      'Invitation sent to new.shooter@example.com. The link to create their account is valid 14 days.',
    );
    expect(all('photographer-status').map(text)).toEqual(['Active', 'Invited']);
    expect(text(q('photographers-counts'))).toBe('1 on the race · 1 invited');
  });

  it("shows the server's refusal (409) under the form and keeps the address to correct it", async () => {
    http.expectOne(LIST).flush([entry()]);
    await fixture.whenStable();
    await typeEmail('photographer@demo.focusracer.local');
    await submit();
    http
      .expectOne(LIST)
      .flush(
        { statusCode: 409, error: 'Conflict', message: 'photographer@demo.focusracer.local already works on this event.' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    expect(text(q('invite-error')?.querySelector('span'))).toBe('photographer@demo.focusracer.local already works on this event.');
    expect((q('invite-email') as HTMLInputElement).value).toBe('photographer@demo.focusracer.local');
    expect(all('photographer-entry').length).toBe(1);
  });

  it('removes a photographer after asking', async () => {
    http.expectOne(LIST).flush([entry(), entry({ id: 'e2', name: null, email: 'x@example.com', status: 'invited' })]);
    await fixture.whenStable();
    confirmAnswer = false;
    (all('photographer-remove')[0] as HTMLButtonElement).click();
    http.expectNone(`${LIST}/e1`);
    confirmAnswer = true;
    (all('photographer-remove')[0] as HTMLButtonElement).click();
    const req = http.expectOne(`${LIST}/e1`);
    expect(req.request.method).toBe('DELETE');
    req.flush(null);
    await fixture.whenStable();
    expect(all('photographer-entry').map(text)[0]).toContain('x@example.com');
    expect(all('photographer-entry').length).toBe(1);
  });
});
