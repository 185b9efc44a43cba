import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { PhotoBibDto } from '@focus-racer/api-types';
import { BIB_SOURCE_ICONS, bibDescription, bibScore, isLowConfidence } from './bib-labels';

/**
 * One bib of a photo as a small chip: an icon for where it comes from (OCR, typed, carried by a face), the number,
 * and the machine's score. Uncertain OCR readings stand out in amber. Used on the grid's tiles and in triage.
 */
@Component({
  selector: 'app-bib-chip',
  imports: [MatIconModule],
  template: `
    <span
      class="app-bib app-bib-{{ bib().source }}"
      [class.app-bib-low]="low()"
      [attr.title]="description()"
      [attr.aria-label]="description()"
      role="img"
      data-testid="bib-chip"
      [attr.data-bib]="bib().number"
      [attr.data-source]="bib().source"
    >
      <mat-icon aria-hidden="true">{{ low() ? 'warning' : icon() }}</mat-icon>
      <span class="app-bib-number">{{ bib().number }}</span>
      @if (score(); as score) {
        <span class="app-bib-score">{{ score }}</span>
      }
    </span>
  `,
  styles: `
    :host {
      display: inline-flex;
      min-width: 0;
    }
    .app-bib {
      display: inline-flex;
      align-items: center;
      gap: 2px;
      min-width: 0;
      padding: 1px 6px 1px 4px;
      border-radius: 999px;
      border: 1px solid transparent;
      font: var(--mat-sys-label-medium);
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    mat-icon {
      width: 14px;
      height: 14px;
      font-size: 14px;
      flex: none;
    }
    .app-bib-number {
      font-weight: 700;
    }
    .app-bib-score {
      opacity: 0.8;
      font-weight: 400;
    }
    .app-bib-manual {
      background: #d8f5dc;
      color: #0f5223;
    }
    .app-bib-face-link {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .app-bib-low {
      background: #fff1d6;
      color: #5c3b00;
      border-color: #e0b25c;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BibChip {
  readonly bib = input.required<PhotoBibDto>();
  protected readonly low = computed(() => isLowConfidence(this.bib()));
  protected readonly icon = computed(() => BIB_SOURCE_ICONS[this.bib().source]);
  protected readonly score = computed(() => bibScore(this.bib()));
  protected readonly description = computed(() => bibDescription(this.bib()));
}
