import { ChangeDetectionStrategy, Component, computed, inject, input, signal, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { AccessRefusedError, AuthService } from '../auth/auth.service';
import { safeReturnUrl } from '../auth/safe-return-url';
import { FOCUS_RACER_APP_CONFIG } from '../config/app-config';
import { apiErrorMessage } from '../errors/api-error-message';

/**
 * The sign-in page of every app. Route `data` may set `heading`, `subtitle`, `registerLink` and
 * `registerLabel`; `?returnUrl=` brings the person back where the guard stopped them.
 */
@Component({
  selector: 'fr-login-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
  ],
  templateUrl: './login-page.component.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPageComponent {
  readonly heading = input<string>();
  readonly subtitle = input<string>();
  /** Path of the registration page; no link when absent (the admin console has no self sign-up). */
  readonly registerLink = input<string | null>();
  readonly registerLabel = input<string>();
  readonly returnUrl = input<string>();

  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly config = inject(FOCUS_RACER_APP_CONFIG);

  protected readonly title = computed(() => this.heading() ?? `Sign in to ${this.config.appName}`);
  protected readonly submitting = signal(false);
  protected readonly hidePassword = signal(true);
  /** The server's refusal (wrong password, too many attempts, server down). */
  protected readonly errorMessage = signal<string | null>(null);
  /** A valid account that may not use this app. */
  protected readonly refusal = signal<string | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });

  private readonly formDirective = viewChild.required(FormGroupDirective);

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.errorMessage.set(null);
    this.refusal.set(null);
    const { email, password } = this.form.getRawValue();
    this.auth.login({ email: email.trim(), password }).subscribe({
      next: () => {
        this.submitting.set(false);
        void this.router.navigateByUrl(safeReturnUrl(this.returnUrl(), this.config.homePath));
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        // resetForm (not control.reset) also clears the form's "submitted" state, so the emptied password field
        // is not painted as an error on top of the server's message.
        this.formDirective().resetForm({ email, password: '' });
        if (error instanceof AccessRefusedError) {
          this.refusal.set(error.message);
        } else {
          this.errorMessage.set(apiErrorMessage(error));
        }
      },
    });
  }
}
