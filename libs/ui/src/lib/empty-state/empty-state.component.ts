import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** What a page shows when it has nothing yet: an icon, what is missing, what to do about it, and actions. */
@Component({
  selector: 'fr-empty-state',
  imports: [MatIconModule],
  template: `
    <section class="fr-empty-state" [attr.data-testid]="testId()" role="status">
      <mat-icon class="fr-empty-state-icon" aria-hidden="true">{{ icon() }}</mat-icon>
      <h2 class="fr-empty-state-title">{{ heading() }}</h2>
      @if (description()) {
        <p class="fr-empty-state-text">{{ description() }}</p>
      }
      <ng-content />
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmptyStateComponent {
  readonly icon = input('inbox');
  readonly heading = input.required<string>();
  readonly description = input('');
  readonly testId = input('empty-state');
}
