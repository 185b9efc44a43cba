import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { StepState, TimelineStep } from './batch-timeline.state';

const STATE_WORDS: Record<StepState, string> = {
  waiting: 'waiting',
  active: 'in progress',
  paused: 'paused',
  complete: 'done',
  skipped: 'skipped',
};

/** The four steps of a batch (compress → upload → process → done), each a determinate ring with its counts. */
@Component({
  selector: 'app-batch-timeline',
  imports: [MatProgressSpinnerModule, MatIconModule],
  template: `
    <ol class="app-steps" data-testid="batch-timeline">
      @for (step of steps(); track step.id) {
        <li class="app-step app-step-{{ step.state }}" [attr.data-testid]="'step-' + step.id" [attr.data-state]="step.state">
          <div class="app-ring">
            <mat-progress-spinner
              mode="determinate"
              [value]="step.state === 'skipped' ? 0 : step.percent"
              diameter="72"
              strokeWidth="6"
              [attr.aria-label]="step.label + ': ' + stateWords[step.state] + ', ' + step.caption"
            />
            <span class="app-ring-center" aria-hidden="true">
              @switch (step.state) {
                @case ('complete') {
                  <mat-icon>check</mat-icon>
                }
                @case ('paused') {
                  <mat-icon>pause</mat-icon>
                }
                @case ('skipped') {
                  <mat-icon>remove</mat-icon>
                }
                @default {
                  {{ step.percent }}%
                }
              }
            </span>
          </div>
          <span class="app-step-label">{{ step.label }}</span>
          <span class="app-step-caption" [attr.data-testid]="'step-' + step.id + '-caption'">{{ step.caption }}</span>
          @if (step.detail) {
            <span class="app-step-detail">{{ step.detail }}</span>
          }
        </li>
      }
    </ol>
  `,
  styles: `
    .app-steps {
      display: grid;
      grid-template-columns: repeat(4, minmax(0, 1fr));
      gap: 16px 8px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .app-step {
      position: relative;
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 2px;
      text-align: center;
    }
    .app-step:not(:last-child)::after {
      content: '';
      position: absolute;
      top: 36px;
      left: calc(50% + 44px);
      right: calc(-50% + 44px);
      height: 2px;
      background: var(--mat-sys-outline-variant);
    }
    .app-ring {
      position: relative;
      width: 72px;
      height: 72px;
      margin-bottom: 4px;
      border-radius: 50%;
      box-shadow: inset 0 0 0 6px var(--mat-sys-surface-container-high);
    }
    .app-ring-center {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      font: var(--mat-sys-label-large);
      font-variant-numeric: tabular-nums;
    }
    .app-step-label {
      font: var(--mat-sys-title-small);
    }
    .app-step-caption {
      font: var(--mat-sys-body-medium);
      font-variant-numeric: tabular-nums;
    }
    .app-step-detail {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .app-step-complete .app-ring-center {
      color: var(--mat-sys-primary);
    }
    .app-step-paused {
      --mat-progress-spinner-active-indicator-color: #b26a00;
    }
    .app-step-paused .app-ring-center {
      color: #b26a00;
    }
    .app-step-waiting,
    .app-step-skipped {
      color: var(--mat-sys-on-surface-variant);
    }
    @media (max-width: 520px) {
      .app-steps {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
      .app-step::after {
        display: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BatchTimeline {
  readonly steps = input.required<TimelineStep[]>();
  protected readonly stateWords = STATE_WORDS;
}
