import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { StartListReport } from '@focus-racer/api-types';

/**
 * The row report of a start list (a CSV preview or import, a platform sync): how many rows are read, kept and
 * refused, and for each refused or corrected row where it is and why, so the file can be fixed.
 */
@Component({
  selector: 'app-start-list-report',
  imports: [MatIconModule, MatTableModule],
  template: `
    @let r = report();
    <div class="app-counts" data-testid="report-counts">
      <span><strong>{{ r.totalRows }}</strong> rows read</span>
      <span class="app-ok"><mat-icon aria-hidden="true">check_circle</mat-icon><strong data-testid="report-valid">{{ r.validRows }}</strong> {{ done() ? 'imported' : 'ready to import' }}</span>
      @if (r.invalidRows) {
        <span class="app-bad"><mat-icon aria-hidden="true">error</mat-icon><strong data-testid="report-invalid">{{ r.invalidRows }}</strong> {{ done() ? 'left out' : 'refused' }}</span>
      }
      @if (r.warningCount) {
        <span class="app-warn"><mat-icon aria-hidden="true">warning</mat-icon><strong>{{ r.warningCount }}</strong> with a field left out</span>
      }
    </div>
    @if (issues().length) {
      <div class="app-table-card app-issues">
        <table mat-table [dataSource]="issues()" data-testid="report-issues" aria-label="Rows with a problem">
          <ng-container matColumnDef="ref">
            <th mat-header-cell *matHeaderCellDef scope="col">Where</th>
            <td mat-cell *matCellDef="let issue" class="app-nowrap">{{ issue.ref }}</td>
          </ng-container>
          <ng-container matColumnDef="bib">
            <th mat-header-cell *matHeaderCellDef scope="col">Bib</th>
            <td mat-cell *matCellDef="let issue" class="app-nowrap">{{ issue.bib ?? '—' }}</td>
          </ng-container>
          <ng-container matColumnDef="problem">
            <th mat-header-cell *matHeaderCellDef scope="col">Problem</th>
            <td mat-cell *matCellDef="let issue">
              <span class="app-kind" [class.app-bad]="issue.kind === 'error'" [class.app-warn]="issue.kind === 'warning'">
                {{ issue.kind === 'error' ? 'Refused' : 'Imported without a field' }}:
              </span>
              {{ issue.message }}
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns" data-testid="report-issue"></tr>
        </table>
      </div>
      @if (r.truncated) {
        <p class="app-note">Only the first {{ issues().length }} problems are listed ({{ r.errorCount }} refused rows and {{ r.warningCount }} warnings in all).</p>
      }
    }
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 12px;
    }
    .app-counts {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 20px;
      margin: 8px 0 12px;
      font: var(--mat-sys-body-medium);
      span {
        display: inline-flex;
        align-items: center;
        gap: 4px;
      }
      mat-icon {
        width: 18px;
        height: 18px;
        font-size: 18px;
      }
    }
    .app-ok { color: #1b7f3a; }
    .app-bad { color: var(--mat-sys-error); }
    .app-warn { color: #8a5a00; }
    .app-kind { font-weight: 500; }
    .app-issues {
      max-height: 320px;
      overflow: auto !important;
    }
    .app-note {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StartListReportView {
  readonly report = input.required<StartListReport>();
  /** The report of an import already made (rows imported, left out), not of a preview. */
  readonly done = input(false);
  protected readonly columns = ['ref', 'bib', 'problem'];
  /** Refused rows first, then warnings, each in file order. */
  protected readonly issues = computed(() => {
    const report = this.report();
    return [
      ...report.errors.map((issue) => ({ ...issue, kind: 'error' as const })),
      ...report.warnings.map((issue) => ({ ...issue, kind: 'warning' as const })),
    ];
  });
}
