import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { EventDetailStore } from '../events/event-detail-store';
import { PhotographersPanel } from './photographers-panel';

/** The photographers tab of a race page (organizer, owner). */
@Component({
  selector: 'app-event-photographers-tab',
  imports: [MatIconModule, PhotographersPanel],
  template: `
    @if (store.event(); as ev) {
      @if (store.isOwner()) {
        <section class="app-card" aria-labelledby="ph-title">
          <h2 id="ph-title" class="app-title">Photographers on this race</h2>
          <app-photographers-panel [eventId]="ev.id" [eventName]="ev.name" />
        </section>
      } @else {
        <div class="fr-alert fr-alert-info" role="status">
          <mat-icon aria-hidden="true">info</mat-icon>
          <span>The race's organizer manages its photographers.</span>
        </div>
      }
    }
  `,
  styles: `
    .app-title {
      margin: 0 0 12px;
      font: var(--mat-sys-title-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EventPhotographersTab {
  protected readonly store = inject(EventDetailStore);
}
