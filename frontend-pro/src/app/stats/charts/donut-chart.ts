import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ChartDatum } from './chart-data';

const RADIUS = 15.915494; // circumference 100: dash lengths are percentages.

/**
 * A donut of parts of a whole (photos by status), with its legend as the text alternative: the SVG is hidden from
 * screen readers, which read the legend's list of values.
 */
@Component({
  selector: 'app-donut-chart',
  template: `
    <div class="app-donut">
      <svg viewBox="0 0 42 42" aria-hidden="true" focusable="false">
        <circle cx="21" cy="21" [attr.r]="radius" fill="none" stroke="var(--mat-sys-surface-container-highest)" stroke-width="6" />
        @for (arc of arcs(); track arc.label) {
          <circle
            cx="21"
            cy="21"
            [attr.r]="radius"
            fill="none"
            [attr.stroke]="arc.color"
            stroke-width="6"
            [attr.stroke-dasharray]="arc.length + ' ' + (100 - arc.length)"
            [attr.stroke-dashoffset]="arc.offset"
          />
        }
        <text x="21" y="21" text-anchor="middle" dominant-baseline="central" class="app-donut-total">{{ total() }}</text>
      </svg>
      <ul class="app-legend" [attr.aria-label]="label()">
        @for (datum of data(); track datum.label) {
          <li [attr.data-testid]="'legend-' + datum.label">
            <span class="app-swatch" [style.background]="datum.color"></span>
            <span class="app-legend-label">{{ datum.label }}</span><span class="cdk-visually-hidden">: </span>
            <span class="app-legend-value">{{ datum.value }}</span>
          </li>
        }
      </ul>
    </div>
  `,
  styles: `
    .app-donut {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 16px;
    }
    svg {
      width: 140px;
      height: 140px;
      transform: rotate(-90deg);
      flex: none;
    }
    .app-donut-total {
      transform: rotate(90deg);
      transform-origin: 21px 21px;
      font-size: 8px;
      font-weight: 600;
      fill: var(--mat-sys-on-surface);
    }
    .app-legend {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 6px;
      flex: 1 1 140px;
      font: var(--mat-sys-body-medium);
    }
    li {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .app-swatch {
      width: 12px;
      height: 12px;
      border-radius: 3px;
      flex: none;
    }
    .app-legend-label {
      flex: 1;
    }
    .app-legend-value {
      font-variant-numeric: tabular-nums;
      font-weight: 500;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DonutChart {
  readonly data = input.required<ChartDatum[]>();
  /** What the chart shows, for screen readers ("Photos by status"). */
  readonly label = input.required<string>();

  protected readonly radius = RADIUS;
  protected readonly total = computed(() => this.data().reduce((sum, datum) => sum + datum.value, 0));
  protected readonly arcs = computed(() => {
    const total = this.total();
    if (total === 0) return [];
    let start = 0;
    return this.data()
      .filter((datum) => datum.value > 0)
      .map((datum) => {
        const length = (datum.value / total) * 100;
        const arc = { label: datum.label, color: datum.color ?? 'var(--mat-sys-primary)', length, offset: -start };
        start += length;
        return arc;
      });
  });
}
