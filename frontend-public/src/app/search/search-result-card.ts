import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { SearchResultDto } from '@focus-racer/api-types';
import { CartToggle } from '../cart/cart-toggle';
import { photoSrcset } from '../gallery/gallery-layout';
import { percent, reasonChip } from './match-reasons';

/**
 * One search result: the photo, why it matched (each reason as a chip: bib read and its confidence, start-list
 * name, face similarity, face link to the photo where the bib was read), its score, and the runner's verdict.
 */
@Component({
  selector: 'app-search-result-card',
  imports: [RouterLink, MatButtonModule, MatIconModule, CartToggle],
  template: `
    @let r = result();
    <article class="app-result" data-testid="search-result" [attr.aria-label]="'Result ' + position()">
      <a class="app-thumb" [routerLink]="['photos', r.photo.id]" queryParamsHandling="preserve">
        <img
          [src]="r.photo.thumbUrl"
          [attr.srcset]="srcset(r.photo)"
          sizes="(max-width: 600px) 50vw, 240px"
          [width]="r.photo.width ?? 480"
          [height]="r.photo.height ?? 320"
          [alt]="'Result ' + position() + ', photo of ' + eventName()"
          loading="lazy"
          decoding="async"
        />
      </a>
      @if (buyable()) {
        <app-cart-toggle [photoId]="r.photo.id" [photoLabel]="'result ' + position() + ', photo of ' + eventName()" />
      }
      <div class="app-body">
        <p class="app-score">Match {{ score() }}</p>
        <ul class="app-reasons" aria-label="Why this photo matched">
          @for (chip of chips(); track $index) {
            <li class="app-reason" data-testid="match-reason">
              <mat-icon aria-hidden="true">{{ chip.icon }}</mat-icon>
              @if (chip.fromPhotoId) {
                <a [routerLink]="['photos', chip.fromPhotoId]" queryParamsHandling="preserve">{{ chip.label }}</a>
              } @else {
                <span>{{ chip.label }}</span>
              }
            </li>
          }
        </ul>
        @if (confirmed()) {
          <p class="app-confirmed" role="status"><mat-icon aria-hidden="true">check_circle</mat-icon> You said this is you</p>
        } @else {
          <div class="app-verdict">
            <button mat-stroked-button type="button" data-testid="this-is-me" (click)="verdict.emit('me')">
              <mat-icon>check</mat-icon> This is me
            </button>
            <button mat-button type="button" data-testid="not-me" (click)="verdict.emit('not-me')">
              <mat-icon>close</mat-icon> Not me
            </button>
          </div>
        }
      </div>
    </article>
  `,
  styleUrl: './search-result-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SearchResultCard {
  readonly result = input.required<SearchResultDto>();
  /** 1-based rank, for alt texts and labels. */
  readonly position = input.required<number>();
  readonly eventName = input.required<string>();
  readonly confirmed = input(false);
  /** Photos of this event can be bought now: the card gets a cart button. */
  readonly buyable = input(false);
  readonly verdict = output<'me' | 'not-me'>();

  protected readonly chips = computed(() => this.result().reasons.map(reasonChip));
  protected readonly score = computed(() => percent(this.result().score));
  protected readonly srcset = photoSrcset;
}
