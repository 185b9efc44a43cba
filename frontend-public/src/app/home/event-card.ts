import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { PublicEventDto, sportLabel } from '@focus-racer/api-types';
import { fromIsoDate, sportIcon } from '@focus-racer/ui';

/** A published race as a card: cover (or a placeholder in the sport's colours), name, date, place. */
@Component({
  selector: 'app-event-card',
  imports: [DatePipe, RouterLink, MatCardModule, MatIconModule],
  template: `
    @let e = event();
    <a class="app-card-link" [routerLink]="['/events', e.slug]" [attr.aria-label]="e.name + ', ' + e.location">
      <mat-card appearance="outlined" class="app-event-card" data-testid="event-card">
        <div class="app-cover" [class.app-cover-placeholder]="!showCover()">
          @if (showCover()) {
            <img [src]="e.coverUrl" alt="" width="640" height="360" loading="lazy" (error)="coverFailed.set(true)" />
          } @else {
            <mat-icon aria-hidden="true">{{ icon(e.sport) }}</mat-icon>
          }
          <span class="app-sport">{{ label(e.sport) }}</span>
        </div>
        <mat-card-content>
          <h2 class="app-event-name" data-testid="event-card-name">{{ e.name }}</h2>
          <p class="app-meta">
            <mat-icon aria-hidden="true">calendar_today</mat-icon>
            <span>{{ date(e.date) | date: 'fullDate' }}</span>
          </p>
          <p class="app-meta">
            <mat-icon aria-hidden="true">location_on</mat-icon>
            <span>{{ e.location }}</span>
          </p>
          <p class="app-meta">
            <mat-icon aria-hidden="true">photo_library</mat-icon>
            <span>{{ e.photoCount === 1 ? '1 photo' : e.photoCount + ' photos' }}</span>
          </p>
        </mat-card-content>
      </mat-card>
    </a>
  `,
  styleUrl: './event-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EventCard {
  readonly event = input.required<PublicEventDto>();
  /** A cover that does not load (deleted, storage down) gives way to the placeholder, not a broken image. */
  protected readonly coverFailed = signal(false);
  protected readonly showCover = computed(() => Boolean(this.event().coverUrl) && !this.coverFailed());
  protected readonly icon = sportIcon;
  protected readonly label = sportLabel;
  protected readonly date = fromIsoDate;
}
