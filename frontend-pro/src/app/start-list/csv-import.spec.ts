import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { StartListCsvPreview, StartListImportResult, StartListReport } from '@focus-racer/api-types';
import { EVENT_ID, text } from '../events/event-testing';
import { CsvImport } from './csv-import';

const PREVIEW = `/api/events/${EVENT_ID}/start-list/csv/preview`;
const IMPORT = `/api/events/${EVENT_ID}/start-list/csv/import`;

const report = (overrides: Partial<StartListReport> = {}): StartListReport => ({
  totalRows: 3,
  validRows: 2,
  invalidRows: 1,
  errors: [{ row: 3, ref: 'line 3', bib: 'A B', code: 'invalid-bib', message: 'The bib "A B" is not 1–12 letters, digits or dashes.' }],
  warnings: [{ row: 4, ref: 'line 4', bib: '12', code: 'invalid-email', message: 'The email "zoe@" is not an address: left empty.' }],
  truncated: false,
  errorCount: 1,
  warningCount: 1,
  ...overrides,
});

const preview = (overrides: Partial<StartListCsvPreview> = {}): StartListCsvPreview => ({
  filename: 'runners.csv',
  encoding: 'windows-1252',
  delimiter: ';',
  hasHeaderRow: true,
  headers: ['Dossard', 'Nom', 'Prénom', 'Email'],
  suggestedMapping: { bib: 0, lastName: 1, firstName: 2, email: 3 },
  mapping: { bib: 0, lastName: 1, firstName: 2, email: 3 },
  mappingProblems: [],
  rows: [
    { row: 2, bib: '214', firstName: 'Zoé', lastName: 'Dupont', category: null, club: null, email: 'zoe@example.com', chipTime: null, valid: true },
    { row: 3, bib: 'A B', firstName: 'Jérôme', lastName: 'Lefèvre', category: null, club: null, email: null, chipTime: null, valid: false },
    { row: 4, bib: '12', firstName: 'Ana', lastName: 'Lens', category: null, club: null, email: null, chipTime: null, valid: true },
  ],
  report: report(),
  existingBibs: 0,
  ...overrides,
});

describe('CsvImport', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<CsvImport>;
  let el: HTMLElement;

  const q = (testId: string) => el.querySelector(`[data-testid="${testId}"]`) as HTMLElement | null;
  const field = (req: TestRequest, name: string) => (req.request.body as FormData).get(name);

  async function pick(file = new File(['Dossard;Nom\n214;Dupont\n'], 'runners.csv', { type: 'text/csv' })): Promise<void> {
    const input = q('csv-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CsvImport);
    fixture.componentRef.setInput('eventId', EVENT_ID);
    fixture.componentRef.setInput('isOwner', true);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('previews the file as detected, with the refused rows and why', async () => {
    await pick();
    const req = http.expectOne(PREVIEW);
    expect((field(req, 'file') as File).name).toBe('runners.csv');
    expect(field(req, 'mapping')).toBeNull();
    expect(q('csv-busy')).not.toBeNull();
    req.flush(preview());
    await fixture.whenStable();

    expect(text(q('csv-encoding'))).toContain('Windows');
    expect(text(q('csv-delimiter'))).toContain('Semicolon');
    expect(text(q('csv-map-bib'))).toContain('Dossard');
    expect(text(q('csv-map-club'))).toContain('Not imported');
    expect(text(q('report-valid'))).toBe('2');
    expect(text(q('report-invalid'))).toBe('1');
    const issues = Array.from(el.querySelectorAll('[data-testid="report-issue"]')).map((row) =>
      Array.from(row.querySelectorAll('td')).map((cell) => text(cell)),
    );
    expect(issues).toEqual([
      ['line 3', 'A B', 'Refused: The bib "A B" is not 1–12 letters, digits or dashes.'],
      ['line 4', '12', 'Imported without a field: The email "zoe@" is not an address: left empty.'],
    ]);
    expect(el.querySelectorAll('.app-invalid-row').length).toBe(1);
    // Invalid rows block the import until the person leaves them out.
    expect((q('csv-import') as HTMLButtonElement).disabled).toBe(true);
    expect(text(q('csv-blocked'))).toMatch(/Fix the refused rows/);
  });

  it('imports the valid rows when asked to leave the invalid ones out, with the mapping previewed', async () => {
    await pick();
    http.expectOne(PREVIEW).flush(preview());
    await fixture.whenStable();
    (q('csv-skip-invalid')?.querySelector('input') as HTMLInputElement).click();
    await fixture.whenStable();
    const button = q('csv-import') as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    expect(text(button)).toContain('Import 2 runners');
    button.click();
    const req = http.expectOne(IMPORT);
    expect(field(req, 'skipInvalidRows')).toBe('true');
    expect(field(req, 'replaceExisting')).toBe('false');
    expect(field(req, 'encoding')).toBe('windows-1252');
    expect(field(req, 'delimiter')).toBe(';');
    expect(JSON.parse(field(req, 'mapping') as string)).toEqual({ bib: 0, lastName: 1, firstName: 2, email: 3 });
    const result: StartListImportResult = {
      source: 'csv', created: 2, updated: 0, unchanged: 0, skipped: 1, removed: 0, resnappedPhotos: 3, report: report(),
    };
    req.flush(result);
    await fixture.whenStable();
    expect(text(q('csv-result')?.querySelector('span'))).toBe(
      'Imported. 2 runners added, 0 updated, 1 invalid row left out. The bibs of 3 photos were matched again against the new list.',
    );
    expect(q('csv-result-report')).not.toBeNull();
    expect(q('csv-preview')).toBeNull();
  });

  it("shows the report of a refused import (422) and the server's message", async () => {
    await pick();
    http.expectOne(PREVIEW).flush(preview({ report: report({ invalidRows: 0, validRows: 3, errors: [], errorCount: 0 }) }));
    await fixture.whenStable();
    (q('csv-import') as HTMLButtonElement).click();
    http.expectOne(IMPORT).flush(
      {
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: '1 row of the start list is invalid; nothing was imported.',
        details: { report: report() },
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();
    expect(text(q('csv-error')?.querySelector('span'))).toBe('1 row of the start list is invalid; nothing was imported.');
    expect(text(q('csv-rejected-report')?.querySelector('[data-testid="report-issue"]'))).toContain('line 3');
  });

  it('asks for a new preview with the column the person picks, keeping how the file is read', async () => {
    await pick();
    http.expectOne(PREVIEW).flush(preview({ mappingProblems: ['No column is mapped to the bib.'], mapping: {}, rows: [], report: null }));
    await fixture.whenStable();
    expect(text(q('csv-mapping-problems'))).toContain('No column is mapped to the bib.');
    expect(q('csv-import')).toBeNull();
    (q('csv-map-bib') as HTMLElement).click();
    await fixture.whenStable();
    const option = Array.from(document.querySelectorAll('mat-option')).find((o) => text(o) === 'Dossard') as HTMLElement;
    option.click();
    await fixture.whenStable();
    const req = http.expectOne(PREVIEW);
    expect(JSON.parse(field(req, 'mapping') as string)).toEqual({ bib: 0 });
    expect(field(req, 'delimiter')).toBe(';');
    expect(field(req, 'encoding')).toBe('windows-1252');
    expect(field(req, 'hasHeaderRow')).toBe('true');
    req.flush(preview());
  });
});
