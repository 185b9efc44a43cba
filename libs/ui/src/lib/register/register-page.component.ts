import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { PASSWORD_PATTERN, PASSWORD_RULE_MESSAGE, Role, ROLE_LABELS } from '@focus-racer/api-types';
import { AccessRefusedError, AuthService } from '../auth/auth.service';
import { FOCUS_RACER_APP_CONFIG } from '../config/app-config';
import { apiErrorMessage } from '../errors/api-error-message';

/** One line under each role in the picker, so a club does not sign up as a photographer by mistake. */
export const ROLE_DESCRIPTIONS: Partial<Record<Role, string>> = {
  [Role.PHOTOGRAPHER]: 'You shoot races and sell your photos.',
  [Role.ORGANIZER]: 'You organise races and invite photographers.',
  [Role.AGENCY]: 'You run events or photo teams for several organisers.',
  [Role.CLUB]: 'Your sports club hosts races.',
  [Role.FEDERATION]: 'Your federation oversees a calendar of races.',
  [Role.RUNNER]: 'You race and want your photos.',
};

/**
 * Account creation. Route `data` gives `roles` (the roles one may pick; a single role hides the picker) and
 * optionally `heading` and `subtitle`. An organizer's invitation link (`?invite=<token>&email=<address>`, apps with
 * component input binding) fills the address, picks the photographer role and joins the race on registering.
 */
@Component({
  selector: 'fr-register-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
  ],
  templateUrl: './register-page.component.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegisterPageComponent {
  readonly heading = input<string>();
  readonly subtitle = input<string>();
  readonly roles = input<readonly Role[]>();
  /** Query parameters of an event invitation link. */
  readonly invite = input<string>();
  readonly email = input<string>();

  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly config = inject(FOCUS_RACER_APP_CONFIG);

  protected readonly roleLabels = ROLE_LABELS;
  protected readonly roleDescriptions = ROLE_DESCRIPTIONS;
  protected readonly passwordRule = PASSWORD_RULE_MESSAGE;
  protected readonly choices = computed(() => this.roles() ?? [Role.RUNNER]);
  protected readonly title = computed(() => this.heading() ?? `Create your ${this.config.appName} account`);
  protected readonly submitting = signal(false);
  protected readonly hidePassword = signal(true);
  protected readonly errorMessage = signal<string | null>(null);
  /** Invited to cover a race: the photographer role is the one that joins it. */
  protected readonly invited = computed(() => !!this.invite() && this.choices().includes(Role.PHOTOGRAPHER));

  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', [Validators.required, Validators.maxLength(80)]],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.pattern(PASSWORD_PATTERN)]],
    // Required only when there is a choice to make; route data arrives after the form is built.
    role: ['' as Role | '', [(control: AbstractControl) => (this.choices().length > 1 && !control.value ? { required: true } : null)]],
  });

  constructor() {
    effect(() => {
      const email = this.email();
      const invited = this.invited();
      untracked(() => {
        if (email && !this.form.controls.email.dirty) this.form.controls.email.setValue(email);
        if (invited && !this.form.controls.role.dirty) this.form.controls.role.setValue(Role.PHOTOGRAPHER);
      });
    });
  }

  protected submit(): void {
    this.form.controls.role.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { displayName, email, password, role: picked } = this.form.getRawValue();
    const choices = this.choices();
    const role = choices.length === 1 ? choices[0] : picked;
    this.submitting.set(true);
    this.errorMessage.set(null);
    this.auth
      .register({
        displayName: displayName.trim(),
        email: email.trim(),
        password,
        role: role || undefined,
        ...(this.invite() ? { invite: this.invite() } : {}),
      })
      .subscribe({
        next: () => {
          this.submitting.set(false);
          void this.router.navigateByUrl(this.config.homePath);
        },
        error: (error: unknown) => {
          this.submitting.set(false);
          this.errorMessage.set(error instanceof AccessRefusedError ? error.message : apiErrorMessage(error));
        },
      });
  }
}
