import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A page's title (the one `h1`, `data-testid="page-title"`), an optional line under it, and its main actions. */
@Component({
  selector: 'fr-page-header',
  template: `
    <header class="fr-page-header">
      <div class="fr-page-header-text">
        <h1 class="fr-page-title" data-testid="page-title">{{ heading() }}</h1>
        @if (subtitle()) {
          <p class="fr-page-subtitle">{{ subtitle() }}</p>
        }
      </div>
      <div class="fr-page-actions"><ng-content /></div>
    </header>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PageHeaderComponent {
  readonly heading = input.required<string>();
  readonly subtitle = input<string>('');
}
