import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatChipsModule } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { EmptyStateComponent } from '../empty-state/empty-state.component';
import { PageHeaderComponent } from '../page-header/page-header.component';

/**
 * A page that is planned but not built: says plainly what it will hold, so nobody mistakes it for a broken page.
 * Its inputs come from the route's `data` (the apps use `withComponentInputBinding()`).
 */
@Component({
  selector: 'fr-coming-soon-page',
  imports: [PageHeaderComponent, EmptyStateComponent, MatChipsModule, MatIconModule],
  template: `
    <fr-page-header [heading]="heading() ?? 'Coming soon'" />
    <fr-empty-state
      testId="coming-soon"
      [icon]="icon() ?? 'construction'"
      [heading]="stateHeading() ?? 'Coming soon'"
      [description]="description() ?? ''"
    >
      @if (features()?.length) {
        <ul class="fr-feature-list">
          @for (feature of features(); track feature) {
            <li>
              <mat-icon aria-hidden="true">check_circle</mat-icon>
              <span>{{ feature }}</span>
            </li>
          }
        </ul>
      }
    </fr-empty-state>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ComingSoonPageComponent {
  readonly heading = input<string>();
  readonly icon = input<string>();
  readonly description = input<string>();
  readonly features = input<readonly string[]>();
  /** Heading of the empty state; "Coming soon" unless the page is something else (e.g. not found). */
  readonly stateHeading = input<string>();
}
