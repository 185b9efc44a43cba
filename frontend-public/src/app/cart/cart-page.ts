import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { CartItemInput, CartLineDto, CartQuoteDto, PhotoResolution, PricePackKind } from '@focus-racer/api-types';
import {
  apiErrorMessage,
  EmptyStateComponent,
  fromIsoDate,
  MoneyPipe,
  PageHeaderComponent,
} from '@focus-racer/ui';
import { catchError, EMPTY, filter, forkJoin, map, of, switchMap, tap } from 'rxjs';
import { PublicApi } from '../api/public-api';
import { TestModeNotice } from '../commerce/test-mode-notice';
import { Cart } from './cart';
import { cartItemKey, describeItem, itemsFingerprint } from './cart-items';

interface RejectedNotice {
  key: string;
  what: string;
  reason: string;
}

/**
 * The cart, priced by the server (`POST /api/public/cart/quote`) every time it changes: one group per event (each
 * event is its own order and payment), with the packs the server chose, what they save, the service fee and the
 * total. Items the server refuses are listed with its reason and leave the cart. Nothing is added up here.
 */
@Component({
  selector: 'app-cart-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatIconModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    EmptyStateComponent,
    MoneyPipe,
    PageHeaderComponent,
    TestModeNotice,
  ],
  templateUrl: './cart-page.html',
  styleUrl: './cart-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CartPage {
  private readonly api = inject(PublicApi);
  protected readonly cart = inject(Cart);
  protected readonly date = fromIsoDate;
  protected readonly key = cartItemKey;

  protected readonly quote = signal<CartQuoteDto | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Items the server refused since the page opened, kept on screen after they left the cart. */
  protected readonly rejected = signal<RejectedNotice[]>([]);
  /** Events whose owner sells web-size photos: their photo lines offer the choice of size. */
  protected readonly webSold = signal<ReadonlySet<string>>(new Set());
  private readonly retries = signal(0);
  private readonly asked = new Set<string>();
  /** The cart the shown quote is for; a change of the cart (or "Try again") asks for a new one. */
  private quoted: string | null = null;

  protected readonly groups = computed(() => this.quote()?.groups ?? []);

  constructor() {
    const source = computed(() => ({ items: this.cart.items(), merging: this.cart.merging(), retry: this.retries() }));
    toObservable(source)
      .pipe(
        // During the sign-in merge the cart is about to change: price the merged one.
        filter(({ merging }) => !merging),
        map(({ items, retry }) => ({ items, key: `${retry}/${itemsFingerprint(items)}` })),
        filter(({ key }) => key !== this.quoted),
        switchMap(({ items, key }) => {
          this.error.set(null);
          if (items.length === 0) {
            this.quoted = key;
            this.quote.set(null);
            this.loading.set(false);
            return EMPTY;
          }
          this.loading.set(true);
          return this.api.quote(items).pipe(
            map((quote) => ({ items, quote })),
            catchError((error: unknown) => {
              this.loading.set(false);
              this.error.set(apiErrorMessage(error));
              return EMPTY;
            }),
          );
        }),
        tap(({ quote }) => this.loadWebOffers(quote)),
        takeUntilDestroyed(),
      )
      .subscribe(({ items, quote }) => {
        this.loading.set(false);
        const refused = new Set(quote.rejected.map((entry) => cartItemKey(entry.item)));
        // The quote already leaves the refused items out: it stays valid once they are removed from the cart.
        this.quoted = `${this.retries()}/${itemsFingerprint(items.filter((item) => !refused.has(cartItemKey(item))))}`;
        this.quote.set(quote);
        if (quote.rejected.length) {
          this.rejected.update((notices) => [
            ...notices.filter((notice) => !refused.has(notice.key)),
            ...quote.rejected.map((entry) => ({
              key: cartItemKey(entry.item),
              what: describeItem(entry.item),
              reason: entry.reason,
            })),
          ]);
          this.cart.removeAll(quote.rejected.map((entry) => entry.item));
        }
      });
  }

  protected retry(): void {
    this.retries.update((n) => n + 1);
  }

  protected dismissRejected(): void {
    this.rejected.set([]);
  }

  protected remove(line: CartLineDto): void {
    this.cart.remove(line.item);
  }

  protected setResolution(line: CartLineDto, resolution: PhotoResolution): void {
    if (line.item.kind === 'photo' && line.item.resolution !== resolution) {
      this.cart.addPhoto(line.item.photoId, resolution);
    }
  }

  protected lineLabel(line: CartLineDto, index: number): string {
    return line.item.kind === 'all-my-photos' ? describeItem(line.item) : `Photo ${index + 1}`;
  }

  protected resolutionOf(item: CartItemInput): PhotoResolution | null {
    return item.kind === 'photo' ? item.resolution : null;
  }

  protected packLabel(name: string, quantity: number): string {
    return quantity > 1 ? `${name} × ${quantity}` : name;
  }

  protected lineCount(count: number): string {
    return count === 1 ? '1 photo' : `${count} photos`;
  }

  /** Which of the quoted events sell web-size photos (their pricing, asked once per event and visit). */
  private loadWebOffers(quote: CartQuoteDto): void {
    const unknown = quote.groups.map((group) => group.event.slug).filter((slug) => !this.asked.has(slug));
    if (!unknown.length) return;
    for (const slug of unknown) this.asked.add(slug);
    const sellsWeb = (slug: string) =>
      this.api.pricing(slug).pipe(
        map((pricing) => pricing.packs.some((pack) => pack.active && pack.kind === PricePackKind.DIGITAL_WEB)),
        // Without its pricing a line keeps its size; the quote still prices it.
        catchError(() => of(false)),
      );
    forkJoin(unknown.map(sellsWeb)).subscribe((answers) => {
      const selling = unknown.filter((_, i) => answers[i]);
      if (selling.length) this.webSold.update((slugs) => new Set([...slugs, ...selling]));
    });
  }
}
