import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { PASSWORD_PATTERN, PASSWORD_RULE_MESSAGE } from '@focus-racer/api-types';
import { AuthService } from '../auth/auth.service';
import { apiErrorMessage } from '../errors/api-error-message';

function sameAsPassword(control: AbstractControl): ValidationErrors | null {
  const password = control.parent?.get('password')?.value;
  return control.value && control.value !== password ? { mismatch: true } : null;
}

/** Where the emailed link lands (`?token=`): choose a new password, then sign in with it. */
@Component({
  selector: 'fr-password-reset-confirm-page',
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
  template: `
    <div class="fr-auth-page">
      <mat-card class="fr-auth-card" appearance="outlined">
        @if (submitting()) {
          <mat-progress-bar mode="indeterminate" aria-label="Saving" />
        }
        <mat-card-header>
          <mat-card-title><h1 class="fr-auth-title" data-testid="page-title">Choose a new password</h1></mat-card-title>
        </mat-card-header>
        <mat-card-content>
          @if (done()) {
            <div class="fr-alert fr-alert-success" role="status" data-testid="reset-done">
              <mat-icon aria-hidden="true">check_circle</mat-icon>
              <span>Your password has been changed. You can now sign in with it.</span>
            </div>
            <a mat-flat-button class="fr-submit" routerLink="/login" data-testid="reset-go-login">Sign in</a>
          } @else if (!token()) {
            <div class="fr-alert fr-alert-error" role="alert" data-testid="reset-error">
              <mat-icon aria-hidden="true">link_off</mat-icon>
              <span>This reset link is incomplete. Open the link from the email again, or ask for a new one.</span>
            </div>
            <a mat-stroked-button routerLink="/password-reset">Ask for a new link</a>
          } @else {
            @if (errorMessage(); as message) {
              <div class="fr-alert fr-alert-error" role="alert" data-testid="reset-error">
                <mat-icon aria-hidden="true">error</mat-icon>
                <span>{{ message }}</span>
              </div>
            }
            <form class="fr-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
              <mat-form-field>
                <mat-label>New password</mat-label>
                <input
                  matInput
                  type="password"
                  formControlName="password"
                  autocomplete="new-password"
                  data-testid="reset-password"
                  required
                  (input)="form.controls.confirm.updateValueAndValidity()"
                />
                @if (form.controls.password.invalid && form.controls.password.touched) {
                  <mat-error>{{ passwordRule }}</mat-error>
                } @else {
                  <mat-hint>{{ passwordRule }}</mat-hint>
                }
              </mat-form-field>
              <mat-form-field>
                <mat-label>Repeat the new password</mat-label>
                <input
                  matInput
                  type="password"
                  formControlName="confirm"
                  autocomplete="new-password"
                  data-testid="reset-password-confirm"
                  required
                />
                @if (form.controls.confirm.hasError('required')) {
                  <mat-error>Repeat the password.</mat-error>
                } @else if (form.controls.confirm.hasError('mismatch')) {
                  <mat-error>The two passwords differ.</mat-error>
                }
              </mat-form-field>
              <button mat-flat-button type="submit" class="fr-submit" data-testid="reset-submit" [disabled]="submitting()">
                Save new password
              </button>
            </form>
          }
        </mat-card-content>
      </mat-card>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordResetConfirmPageComponent {
  /** From `?token=` (component input binding). */
  readonly token = input<string>();

  private readonly auth = inject(AuthService);
  protected readonly passwordRule = PASSWORD_RULE_MESSAGE;
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.pattern(PASSWORD_PATTERN)]],
    confirm: ['', [Validators.required, sameAsPassword]],
  });
  protected readonly submitting = signal(false);
  protected readonly done = signal(false);
  protected readonly errorMessage = signal<string | null>(null);

  protected submit(): void {
    const token = this.token();
    if (this.form.invalid || !token) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.errorMessage.set(null);
    this.auth.confirmPasswordReset({ token, password: this.form.getRawValue().password }).subscribe({
      next: () => {
        this.submitting.set(false);
        this.done.set(true);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.errorMessage.set(apiErrorMessage(error));
      },
    });
  }
}
