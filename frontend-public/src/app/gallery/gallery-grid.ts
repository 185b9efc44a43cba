import { CdkVirtualScrollViewport, ScrollingModule } from '@angular/cdk/scrolling';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { PublicPhotoDto } from '@focus-racer/api-types';
import { CartToggle } from '../cart/cart-toggle';
import { gridColumns, photoSrcset } from './gallery-layout';

interface GalleryRow {
  /** Index of the row's first photo in the whole gallery (for alt texts: "Photo 12 of …"). */
  first: number;
  photos: PublicPhotoDto[];
}

const GAP = 4;
/** Rows rendered beyond the screen, and how close to the last loaded row the next page is asked for. */
const BUFFER_ROWS = 4;

/**
 * An event's photos as square tiles, rows of 3 on a phone to 6 on a desktop. Only the rows near the screen exist
 * in the page (CDK virtual scroll over the window, which the public shell scrolls), so a race with thousands of
 * photos scrolls as lightly as one with ten; `nearEnd` asks for the next page before the runner gets there.
 */
@Component({
  selector: 'app-gallery-grid',
  imports: [ScrollingModule, RouterLink, CartToggle],
  template: `
    <!-- Laid out once the width is known: tiles (and so row heights) depend on it. -->
    @if (width() > 0) {
      <cdk-virtual-scroll-viewport
        scrollWindow
        [itemSize]="rowHeight()"
        [minBufferPx]="rowHeight() * BUFFER_ROWS"
        [maxBufferPx]="rowHeight() * BUFFER_ROWS * 2"
        [style.--app-columns]="columns()"
        [style.--app-gap.px]="GAP"
      >
        <div *cdkVirtualFor="let row of rows(); trackBy: trackRow" class="app-row" [style.height.px]="rowHeight()">
          @for (photo of row.photos; track photo.id; let i = $index) {
            @let label = 'Photo ' + (row.first + i + 1) + ' of ' + eventName();
            <div class="app-cell">
              <a class="app-tile" data-testid="gallery-photo" [routerLink]="['photos', photo.id]" queryParamsHandling="preserve">
                <img
                  [src]="photo.thumbUrl"
                  [attr.srcset]="srcset(photo)"
                  [attr.sizes]="tileWidth() + 'px'"
                  [width]="photo.width ?? 480"
                  [height]="photo.height ?? 320"
                  [alt]="label"
                  loading="lazy"
                  decoding="async"
                />
              </a>
              @if (buyable()) {
                <app-cart-toggle [photoId]="photo.id" [photoLabel]="label" />
              }
            </div>
          }
        </div>
      </cdk-virtual-scroll-viewport>
    }
  `,
  styleUrl: './gallery-grid.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GalleryGrid {
  readonly photos = input.required<readonly PublicPhotoDto[]>();
  readonly eventName = input.required<string>();
  /** Photos of this event can be bought now: each tile gets its cart button. */
  readonly buyable = input(false);
  /** Asked when the runner nears the last loaded row; the parent ignores it while a page is on its way. */
  readonly nearEnd = output<void>();

  protected readonly GAP = GAP;
  protected readonly BUFFER_ROWS = BUFFER_ROWS;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly width = signal(0);
  private readonly viewport = viewChild(CdkVirtualScrollViewport);

  protected readonly columns = computed(() => gridColumns(this.width()));
  protected readonly tileWidth = computed(() =>
    Math.max(1, Math.floor((this.width() - GAP * (this.columns() - 1)) / this.columns())),
  );
  protected readonly rowHeight = computed(() => this.tileWidth() + GAP);
  protected readonly rows = computed<GalleryRow[]>(() => {
    const photos = this.photos();
    const columns = this.columns();
    const rows: GalleryRow[] = [];
    for (let first = 0; first < photos.length; first += columns) {
      rows.push({ first, photos: photos.slice(first, first + columns) });
    }
    return rows;
  });

  protected readonly srcset = photoSrcset;
  protected readonly trackRow = (_: number, row: GalleryRow) => `${row.first}:${row.photos.length}`;

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const element = this.host.nativeElement;
      this.width.set(element.clientWidth);
      if (typeof ResizeObserver !== 'undefined') {
        const observer = new ResizeObserver(([entry]) => this.width.set(Math.floor(entry.contentRect.width)));
        observer.observe(element);
        destroyRef.onDestroy(() => observer.disconnect());
      }
    });
    // The rendered range also changes when a page arrives: a first page shorter than a tall screen asks for more.
    effect((onCleanup) => {
      const viewport = this.viewport();
      if (!viewport) return;
      const subscription = viewport.renderedRangeStream.subscribe((range) => {
        if (range.end >= this.rows().length - BUFFER_ROWS) this.nearEnd.emit();
      });
      onCleanup(() => subscription.unsubscribe());
    });
  }
}
