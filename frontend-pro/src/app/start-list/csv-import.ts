import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import {
  START_LIST_FIELDS,
  StartListColumnMapping,
  StartListCsvPreview,
  StartListDelimiter,
  StartListEncoding,
  StartListField,
  StartListImportResult,
  StartListPreset,
  StartListRejectedError,
  StartListReport,
} from '@focus-racer/api-types';
import { apiErrorMessage } from '@focus-racer/ui';
import { Subscription } from 'rxjs';
import { StartListApi, StartListCsvOptions } from '../api/start-list-api';
import { StartListReportView } from './start-list-report';
import { describeImport, FIELD_LABELS } from './start-list-words';

/** Bigger files are refused by the API anyway (START_LIST_MAX_BYTES); say so before sending. */
const MAX_FILE_MB = 10;

export const DELIMITER_LABELS: Record<StartListDelimiter, string> = { ';': 'Semicolon ;', ',': 'Comma ,', '\t': 'Tab', '|': 'Pipe |' };
export const ENCODING_LABELS: Record<StartListEncoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows (Excel, Western Europe)',
  'utf-16le': 'UTF-16 (Excel "Unicode text")',
};

/** The 422 of an import with invalid rows carries the report; anything else is a plain refusal. */
function rejectedReport(error: unknown): StartListReport | null {
  if (error instanceof HttpErrorResponse && error.status === 422) {
    const body = error.error as Partial<StartListRejectedError> | null;
    return body?.details?.report ?? null;
  }
  return null;
}

/**
 * Imports a start list from a CSV file in two steps: a preview (the API detects encoding, delimiter and columns;
 * the person corrects them and reads the row report), then the import (invalid rows refused, or left out on
 * request), whose result or refusal report stays on screen.
 */
@Component({
  selector: 'app-csv-import',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    StartListReportView,
  ],
  templateUrl: './csv-import.html',
  styleUrl: './csv-import.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CsvImport {
  readonly eventId = input.required<string>();
  /** The owner may also replace the whole list. */
  readonly isOwner = input(false);
  readonly imported = output<StartListImportResult>();

  private readonly api = inject(StartListApi);

  protected readonly fields = START_LIST_FIELDS;
  protected readonly fieldLabels = FIELD_LABELS;
  /** The "Not imported" choice (mat-select shows nothing for a null value). */
  protected readonly notImported = -1;
  protected readonly delimiters = Object.keys(DELIMITER_LABELS) as StartListDelimiter[];
  protected readonly delimiterLabels = DELIMITER_LABELS;
  protected readonly encodings = Object.keys(ENCODING_LABELS) as StartListEncoding[];
  protected readonly encodingLabels = ENCODING_LABELS;

  protected readonly file = signal<File | null>(null);
  protected readonly preview = signal<StartListCsvPreview | null>(null);
  protected readonly busy = signal<'preview' | 'import' | null>(null);
  protected readonly error = signal<string | null>(null);
  /** The report of a refused import (422): the rows to fix. */
  protected readonly rejected = signal<StartListReport | null>(null);
  protected readonly result = signal<StartListImportResult | null>(null);
  protected readonly skipInvalidRows = signal(false);
  protected readonly replaceExisting = signal(false);
  /** A platform's export file: its column titles are known. */
  protected readonly preset = signal<StartListPreset | ''>('');

  protected readonly previewColumns = computed(() => ['row', ...this.fields.filter((f) => this.preview()?.mapping[f] !== undefined)]);
  protected readonly resultText = computed(() => {
    const result = this.result();
    return result ? describeImport(result) : '';
  });
  /** Import blocked: the mapping has problems, or invalid rows and the person did not ask to leave them out. */
  protected readonly cannotImport = computed(() => {
    const preview = this.preview();
    if (!preview || !preview.report || preview.mappingProblems.length) return true;
    return preview.report.validRows === 0 || (preview.report.invalidRows > 0 && !this.skipInvalidRows());
  });

  private request: Subscription | null = null;

  protected pick(input: HTMLInputElement): void {
    const file = input.files?.[0] ?? null;
    input.value = '';
    if (!file) return;
    this.reset();
    if (file.size > MAX_FILE_MB * 1024 * 1024) {
      this.error.set(`"${file.name}" is over ${MAX_FILE_MB} MB: is it really a start list?`);
      return;
    }
    this.file.set(file);
    this.runPreview({});
  }

  /** A reading option changed: the columns may change too, so the API suggests the mapping again. */
  protected changeReading(change: Pick<StartListCsvOptions, 'encoding' | 'delimiter' | 'hasHeaderRow' | 'preset'>): void {
    const preview = this.preview();
    if (!preview) return;
    const preset = this.preset();
    this.runPreview({
      encoding: preview.encoding,
      delimiter: preview.delimiter,
      hasHeaderRow: preview.hasHeaderRow,
      ...(preset ? { preset } : {}),
      ...change,
    });
  }

  protected changeMapping(field: StartListField, column: number): void {
    const preview = this.preview();
    if (!preview) return;
    const mapping: StartListColumnMapping = { ...preview.mapping };
    if (column === this.notImported) {
      delete mapping[field];
    } else {
      // One column feeds one field: taking a column away from another field avoids an accidental double mapping.
      for (const other of this.fields) if (mapping[other] === column) delete mapping[other];
      mapping[field] = column;
    }
    this.runPreview({ encoding: preview.encoding, delimiter: preview.delimiter, hasHeaderRow: preview.hasHeaderRow, mapping });
  }

  protected import(): void {
    const file = this.file();
    const preview = this.preview();
    if (!file || !preview || this.cannotImport() || this.busy()) return;
    this.busy.set('import');
    this.error.set(null);
    this.rejected.set(null);
    this.request?.unsubscribe();
    this.request = this.api
      .importCsv(this.eventId(), file, {
        encoding: preview.encoding,
        delimiter: preview.delimiter,
        hasHeaderRow: preview.hasHeaderRow,
        mapping: preview.mapping,
        skipInvalidRows: this.skipInvalidRows(),
        ...(this.isOwner() ? { replaceExisting: this.replaceExisting() } : {}),
      })
      .subscribe({
        next: (result) => {
          this.busy.set(null);
          this.preview.set(null);
          this.file.set(null);
          this.result.set(result);
          this.imported.emit(result);
        },
        error: (error: unknown) => {
          this.busy.set(null);
          this.rejected.set(rejectedReport(error));
          this.error.set(apiErrorMessage(error));
        },
      });
  }

  protected reset(): void {
    this.request?.unsubscribe();
    this.busy.set(null);
    this.file.set(null);
    this.preview.set(null);
    this.error.set(null);
    this.rejected.set(null);
    this.result.set(null);
    this.skipInvalidRows.set(false);
    this.replaceExisting.set(false);
    this.preset.set('');
  }

  protected presetChanged(preset: StartListPreset | ''): void {
    this.preset.set(preset);
    this.changeReading({ preset: preset || undefined });
  }

  private runPreview(options: StartListCsvOptions): void {
    const file = this.file();
    if (!file) return;
    this.busy.set('preview');
    this.error.set(null);
    this.rejected.set(null);
    this.request?.unsubscribe();
    this.request = this.api.previewCsv(this.eventId(), file, options).subscribe({
      next: (preview) => {
        this.busy.set(null);
        this.preview.set(preview);
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.error.set(apiErrorMessage(error));
      },
    });
  }
}
