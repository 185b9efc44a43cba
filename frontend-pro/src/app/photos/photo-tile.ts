import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { PhotoDto } from '@focus-racer/api-types';
import { BibChip } from './bib-chip';
import { isInPipeline } from './photo-grid';

/**
 * One photo of the pro grid: the watermarked thumbnail in a 3:2 box (so rows keep their height while images load),
 * a selection checkbox, flags (hidden, blurry, duplicate, to review), the pipeline state over the image while the
 * photo is processed or once it failed, and its bib chips underneath.
 */
@Component({
  selector: 'app-photo-tile',
  imports: [MatIconModule, MatProgressSpinnerModule, BibChip],
  template: `
    @let p = photo();
    <div class="app-thumb" (click)="toggle.emit($event)">
      @if (p.thumbUrl && !broken()) {
        <img [src]="p.thumbUrl" [alt]="p.originalFilename" loading="lazy" decoding="async" (error)="brokenUrl.set(p.thumbUrl)" />
      } @else if (!inPipeline()) {
        <span class="app-no-preview"><mat-icon aria-hidden="true">image_not_supported</mat-icon>No preview</span>
      }
      @if (inPipeline()) {
        <span class="app-state" data-testid="photo-processing"><mat-spinner diameter="20" />Processing</span>
      } @else if (p.status === 'failed') {
        <span class="app-state app-state-failed" data-testid="photo-failed" [attr.title]="p.processingError">
          <mat-icon aria-hidden="true">error</mat-icon>Failed
        </span>
      }
      <span class="app-flags">
        @if (p.needsReview) {
          <mat-icon title="Needs review" aria-label="Needs review" data-testid="flag-review">rate_review</mat-icon>
        }
        @if (p.hidden) {
          <mat-icon title="Hidden from runners" aria-label="Hidden from runners" data-testid="flag-hidden">visibility_off</mat-icon>
        }
        @if (p.isBlurry) {
          <mat-icon title="Blurry" aria-label="Blurry">blur_on</mat-icon>
        }
        @if (p.duplicateOfId) {
          <mat-icon title="Near-duplicate of another photo" aria-label="Duplicate">burst_mode</mat-icon>
        }
      </span>
    </div>
    <button
      type="button"
      class="app-select"
      role="checkbox"
      [attr.aria-checked]="selected()"
      [attr.aria-label]="'Select ' + p.originalFilename"
      data-testid="photo-select"
      (click)="toggle.emit($event)"
    >
      <mat-icon aria-hidden="true">{{ selected() ? 'check_box' : 'check_box_outline_blank' }}</mat-icon>
    </button>
    <div class="app-bibs" [attr.title]="bibList()">
      @for (bib of p.bibs; track bib.number) {
        <app-bib-chip [bib]="bib" />
      } @empty {
        @if (!inPipeline() && p.status !== 'failed') {
          <span class="app-bib-none">No bib</span>
        }
      }
    </div>
  `,
  styleUrl: './photo-tile.scss',
  host: {
    class: 'app-photo-tile',
    '[class.app-selected]': 'selected()',
    '[class.app-dim]': 'photo().hidden',
    'data-testid': 'photo-tile',
    '[attr.data-photo-id]': 'photo().id',
    '[attr.data-status]': 'photo().status',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PhotoTile {
  readonly photo = input.required<PhotoDto>();
  readonly selected = input(false);
  /** A click on the image or the checkbox; the page reads shiftKey for ranges. */
  readonly toggle = output<MouseEvent>();

  /** The thumbnail URL that failed to load (the media route refuses hidden photos and unpublished events). */
  protected readonly brokenUrl = signal<string | null>(null);
  protected readonly broken = computed(() => this.brokenUrl() !== null && this.brokenUrl() === this.photo().thumbUrl);
  /** All numbers in the tooltip: a narrow tile shows only the chips that fit on one line. */
  protected readonly bibList = computed(() => this.photo().bibs.map((bib) => bib.number).join(', ') || null);
  protected readonly inPipeline = computed(() => isInPipeline(this.photo()));
}
