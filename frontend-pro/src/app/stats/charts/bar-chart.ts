import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ChartDatum } from './chart-data';

/**
 * Vertical bars (a daily series) or horizontal bars (a ranking), drawn with CSS so they follow the card's width.
 * The figures are in a table for screen readers (the bars are hidden from them); each bar has a tooltip.
 */
@Component({
  selector: 'app-bar-chart',
  template: `
    @if (orientation() === 'vertical') {
      <div class="app-columns" aria-hidden="true" [style.--app-bars]="data().length">
        @for (bar of bars(); track $index) {
          <div class="app-column" [title]="bar.label + ': ' + bar.text">
            <div class="app-column-bar" [style.height.%]="bar.share" [style.background]="bar.color"></div>
          </div>
        }
      </div>
      <div class="app-axis" aria-hidden="true">
        <span>{{ data()[0]?.label }}</span>
        @if (data().length > 1) {
          <span>{{ data()[data().length - 1].label }}</span>
        }
      </div>
    } @else {
      <div class="app-rows" aria-hidden="true">
        @for (bar of bars(); track $index) {
          <div class="app-row">
            <span class="app-row-label">{{ bar.label }}</span>
            <div class="app-row-track">
              <div class="app-row-bar" [style.width.%]="bar.share" [style.background]="bar.color"></div>
            </div>
            <span class="app-row-value">{{ bar.text }}</span>
          </div>
        }
      </div>
    }
    <table class="cdk-visually-hidden">
      <caption>{{ label() }}</caption>
      <tbody>
        @for (bar of bars(); track $index) {
          <tr>
            <th scope="row">{{ bar.label }}</th>
            <td>{{ bar.text }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    :host {
      display: block;
    }
    .app-columns {
      display: flex;
      align-items: flex-end;
      gap: 2px;
      height: 140px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .app-column {
      flex: 1;
      height: 100%;
      display: flex;
      align-items: flex-end;
      max-width: 48px;
    }
    .app-column-bar {
      width: 100%;
      min-height: 1px;
      border-radius: 3px 3px 0 0;
    }
    .app-axis {
      display: flex;
      justify-content: space-between;
      margin-top: 4px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .app-rows {
      display: grid;
      gap: 8px;
    }
    .app-row {
      display: grid;
      grid-template-columns: minmax(80px, 30%) 1fr auto;
      align-items: center;
      gap: 8px;
      font: var(--mat-sys-body-medium);
    }
    .app-row-label {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .app-row-track {
      height: 12px;
      border-radius: 6px;
      background: var(--mat-sys-surface-container-highest);
      overflow: hidden;
    }
    .app-row-bar {
      height: 100%;
      border-radius: 6px;
    }
    .app-row-value {
      font-variant-numeric: tabular-nums;
      min-width: 3ch;
      text-align: right;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BarChart {
  readonly data = input.required<ChartDatum[]>();
  /** What the chart shows (the hidden table's caption). */
  readonly label = input.required<string>();
  readonly orientation = input<'vertical' | 'horizontal'>('vertical');
  /** How a value is written (money, percentages); plain numbers by default. */
  readonly format = input<(value: number) => string>((value) => String(value));

  protected readonly bars = computed(() => {
    const data = this.data();
    const max = Math.max(0, ...data.map((datum) => datum.value));
    const format = this.format();
    return data.map((datum) => ({
      label: datum.label,
      text: format(datum.value),
      share: max > 0 ? (datum.value / max) * 100 : 0,
      color: datum.color ?? 'var(--mat-sys-primary)',
    }));
  });
}
