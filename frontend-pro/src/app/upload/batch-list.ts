import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { UploadBatchStage } from '@focus-racer/api-types';

/** One batch as the list shows it, with live counts. */
export interface BatchRow {
  id: string;
  label: string;
  createdAt: string;
  stage: UploadBatchStage;
  expected: number;
  received: number;
  /** Processed + failed. */
  finished: number;
  failed: number;
  percent: number;
  selected: boolean;
  /** Sent from this tab right now. */
  sendingHere: boolean;
}

const STAGE_LABELS: Record<UploadBatchStage, string> = { uploading: 'Uploading', processing: 'Processing', done: 'Done' };

/** The event's batches, newest first: each opens its timeline (`?batch=`), so a batch can be watched later. */
@Component({
  selector: 'app-batch-list',
  imports: [DatePipe, DecimalPipe, MatIconModule, MatProgressSpinnerModule, RouterLink],
  template: `
    <ul class="app-batches" data-testid="batch-list">
      @for (row of rows(); track row.id) {
        <li>
          <a
            class="app-batch"
            [class.app-batch-selected]="row.selected"
            [routerLink]="[]"
            [queryParams]="{ batch: row.id }"
            queryParamsHandling="merge"
            [attr.aria-current]="row.selected ? 'true' : null"
            data-testid="batch-row"
          >
            <span class="app-batch-ring">
              @if (row.stage === 'done') {
                <mat-icon class="app-batch-done" aria-hidden="true">check_circle</mat-icon>
              } @else {
                <mat-progress-spinner mode="determinate" [value]="row.percent" diameter="32" strokeWidth="4" aria-hidden="true" />
              }
            </span>
            <span class="app-batch-text">
              <span class="app-batch-label">{{ row.label }}</span>
              <span class="app-batch-sub">
                {{ row.createdAt | date: 'd MMM, HH:mm' }} · {{ row.received | number }} / {{ row.expected | number }} received ·
                {{ row.finished | number }} processed
                @if (row.failed > 0) {
                  · {{ row.failed | number }} failed
                }
              </span>
            </span>
            <span class="app-batch-stage app-batch-stage-{{ row.stage }}" data-testid="batch-stage">
              {{ row.sendingHere ? 'Sending' : stageLabels[row.stage] }}
            </span>
          </a>
        </li>
      }
    </ul>
  `,
  styles: `
    .app-batches {
      margin: 0;
      padding: 0;
      list-style: none;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 16px;
      overflow: hidden;
      background: var(--mat-sys-surface);
    }
    li + li {
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .app-batch {
      display: flex;
      align-items: center;
      gap: 12px;
      min-height: 56px;
      padding: 8px 16px;
      color: inherit;
      text-decoration: none;
    }
    .app-batch:hover,
    .app-batch:focus-visible {
      background: var(--mat-sys-surface-container);
    }
    .app-batch-selected {
      background: var(--mat-sys-secondary-container);
    }
    .app-batch-ring {
      display: grid;
      place-items: center;
      flex: none;
      width: 32px;
      height: 32px;
      border-radius: 50%;
    }
    .app-batch-ring:has(mat-progress-spinner) {
      box-shadow: inset 0 0 0 4px var(--mat-sys-surface-container-highest);
    }
    .app-batch-done {
      color: var(--mat-sys-primary);
    }
    .app-batch-text {
      display: flex;
      flex-direction: column;
      flex: 1;
      min-width: 0;
    }
    .app-batch-label {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font: var(--mat-sys-title-small);
    }
    .app-batch-sub {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .app-batch-stage {
      flex: none;
      padding: 2px 10px;
      border-radius: 999px;
      font: var(--mat-sys-label-medium);
      background: var(--mat-sys-surface-container-high);
    }
    .app-batch-stage-done {
      background: #d8f5dc;
      color: #0f5223;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BatchList {
  readonly rows = input.required<BatchRow[]>();
  protected readonly stageLabels = STAGE_LABELS;
}
