import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { ShellComponent } from '@focus-racer/ui';
import { ADMIN_NAVIGATION } from './admin-navigation';

/** The admin console's frame. */
@Component({
  selector: 'app-admin-shell',
  imports: [ShellComponent, RouterOutlet],
  template: `<fr-shell [navItems]="nav"><router-outlet /></fr-shell>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminShell {
  protected readonly nav = ADMIN_NAVIGATION;
}
