import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { ShellComponent } from '@focus-racer/ui';

/** The public frame: toolbar with sign-in or the person's menu; no side navigation, the races are the page. */
@Component({
  selector: 'app-public-shell',
  imports: [ShellComponent, RouterOutlet],
  template: `<fr-shell [showSignIn]="true"><router-outlet /></fr-shell>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PublicShell {}
