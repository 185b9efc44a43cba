import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** A share as a big percentage over a bar, with the counts it comes from ("24 of 30 photos"). */
@Component({
  selector: 'app-rate-meter',
  template: `
    <div class="app-meter-value" [attr.data-testid]="testId()">{{ percentText() }}</div>
    <div
      class="app-meter-track"
      role="meter"
      aria-valuemin="0"
      aria-valuemax="100"
      [attr.aria-valuenow]="percentValue()"
      [attr.aria-valuetext]="percentText() + ', ' + caption()"
      [attr.aria-label]="label()"
    >
      <div class="app-meter-bar" [style.width.%]="percentValue()"></div>
    </div>
    <div class="app-meter-caption">{{ caption() }}</div>
  `,
  styles: `
    :host {
      display: block;
    }
    .app-meter-value {
      font: var(--mat-sys-display-small);
      font-variant-numeric: tabular-nums;
    }
    .app-meter-track {
      height: 12px;
      margin: 8px 0 6px;
      border-radius: 6px;
      background: var(--mat-sys-surface-container-highest);
      overflow: hidden;
    }
    .app-meter-bar {
      height: 100%;
      border-radius: 6px;
      background: #1b7f3a;
      transition: width 300ms;
    }
    .app-meter-caption {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RateMeter {
  readonly part = input.required<number>();
  readonly whole = input.required<number>();
  /** "photos": the unit of the caption. */
  readonly unit = input('photos');
  readonly label = input.required<string>();
  readonly testId = input('rate-value');

  protected readonly percentValue = computed(() => (this.whole() > 0 ? Math.round((this.part() / this.whole()) * 100) : 0));
  protected readonly percentText = computed(() => (this.whole() > 0 ? `${this.percentValue()}%` : '—'));
  protected readonly caption = computed(() => `${this.part()} of ${this.whole()} ${this.unit()}`);
}
