import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { EventDto, EventStatus, Role } from '@focus-racer/api-types';
import { ErrorNotifier } from '@focus-racer/ui';
import { of } from 'rxjs';
import { EventDetailPage } from './event-detail-page';
import { eventDetailRoutes } from './event-detail.routes';
import { statusActions } from './event-status-actions';
import { authAs, EVENT_ID, eventDto, text } from './event-testing';

jest.mock('qrcode', () => ({ toDataURL: jest.fn(() => Promise.resolve('data:image/png;base64,QR')) }));

describe('statusActions', () => {
  it('offers exactly the transitions the lifecycle allows, the main one first', () => {
    expect(statusActions(EventStatus.DRAFT, 'x').map((a) => [a.to, a.label])).toEqual([
      [EventStatus.PUBLISHED, 'Publish'],
      [EventStatus.ARCHIVED, 'Archive'],
    ]);
    expect(statusActions(EventStatus.PUBLISHED, 'x').map((a) => a.label)).toEqual(['Archive', 'Back to draft']);
    expect(statusActions(EventStatus.ARCHIVED, 'x').map((a) => a.label)).toEqual(['Publish again']);
  });

  it('asks before taking a page offline, never before publishing', () => {
    const [publish, archive] = statusActions(EventStatus.DRAFT, 'Trail');
    expect(publish.confirm).toBeNull();
    expect(archive.confirm?.title).toBe('Archive "Trail"?');
    expect(statusActions(EventStatus.PUBLISHED, 'Trail')[1].confirm?.message).toMatch(/only possible while no photo has been sold/);
  });
});

describe('EventDetailPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let el: HTMLElement;
  let confirmAnswer: boolean;

  async function open(event: EventDto, role = Role.PHOTOGRAPHER, path = ''): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        provideRouter(
          [{ path: 'events/:id', component: EventDetailPage, children: eventDetailRoutes }],
          withComponentInputBinding(),
        ),
        { provide: ErrorNotifier, useValue: { error: jest.fn(), info: jest.fn() } },
        { provide: MatDialog, useValue: { open: () => ({ afterClosed: () => of(confirmAnswer) }) } },
        authAs(role),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/events/${EVENT_ID}${path}`);
    http.expectOne(`/api/events/${EVENT_ID}`).flush(event);
    await harness.fixture.whenStable();
    if (event.access === 'owner' && path === '') {
      http.expectOne(`/api/events/${EVENT_ID}/price-packs`).flush([]);
    }
    await harness.fixture.whenStable();
    el = harness.fixture.nativeElement as HTMLElement;
  }

  const q = (testId: string) => el.querySelector(`[data-testid="${testId}"]`) as HTMLElement | null;

  beforeEach(() => (confirmAnswer = true));
  afterEach(() => http.verify());

  it('publishes a draft and shows the new status in the header at once', async () => {
    await open(eventDto());
    expect(text(q('event-detail-status'))).toBe('Draft');
    expect(q('status-to-draft')).toBeNull();
    q('status-to-published')?.click();
    const req = http.expectOne(`/api/events/${EVENT_ID}`);
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ status: EventStatus.PUBLISHED });
    req.flush(eventDto({ status: EventStatus.PUBLISHED }));
    await harness.fixture.whenStable();
    expect(text(q('event-detail-status'))).toBe('Published');
    expect(text(q('status-label'))).toBe('Published');
    expect(q('status-to-archived')).not.toBeNull();
    expect(q('status-to-draft')).not.toBeNull();
    expect(q('status-to-published')).toBeNull();
  });

  it("shows the server's reason when it refuses a change (409) and keeps the status", async () => {
    await open(eventDto({ status: EventStatus.PUBLISHED }));
    q('status-to-draft')?.click();
    http
      .expectOne(`/api/events/${EVENT_ID}`)
      .flush(
        { statusCode: 409, error: 'Conflict', message: 'Photos of this event were sold: it can be archived, not brought back to draft.' },
        { status: 409, statusText: 'Conflict' },
      );
    await harness.fixture.whenStable();
    expect(text(q('status-error')?.querySelector('span'))).toBe('Photos of this event were sold: it can be archived, not brought back to draft.');
    expect(text(q('event-detail-status'))).toBe('Published');
    expect((q('status-to-draft') as HTMLButtonElement).disabled).toBe(false);
  });

  it('sends nothing when the person does not confirm archiving', async () => {
    confirmAnswer = false;
    await open(eventDto({ status: EventStatus.PUBLISHED }));
    q('status-to-archived')?.click();
    http.expectNone(`/api/events/${EVENT_ID}`);
    expect(text(q('event-detail-status'))).toBe('Published');
  });

  it('shares the public link with a QR code to download', async () => {
    await open(eventDto({ status: EventStatus.PUBLISHED }));
    expect(text(q('public-url'))).toBe('http://localhost:4300/events/semi-marathon-de-bordeaux-2026');
    expect(q('qr-code')?.getAttribute('src')).toBe('data:image/png;base64,QR');
    expect(q('qr-download')?.getAttribute('download')).toBe('semi-marathon-de-bordeaux-2026-qr.png');
  });

  it('gives an organizer the photographers tab, and a photographer on someone else\'s race no owner action', async () => {
    await open(eventDto(), Role.ORGANIZER);
    expect(q('event-tab-photographers')).not.toBeNull();
    expect(q('event-link-upload')).not.toBeNull();
    http.verify();
    TestBed.resetTestingModule();

    await open(eventDto({ access: 'photographer', status: EventStatus.PUBLISHED }), Role.PHOTOGRAPHER);
    const tabs = Array.from(el.querySelectorAll('[data-testid^="event-tab-"]')).map((a) => a.getAttribute('data-testid'));
    expect(tabs).toEqual(['event-tab-overview', 'event-tab-start-list', 'event-tab-stats']);
    expect(q('status-to-archived')).toBeNull();
    expect(q('event-link-prices')).toBeNull();
    expect(q('event-link-upload')).not.toBeNull();
    expect(text(q('event-access'))).toBe('You cover this race');
  });
});
