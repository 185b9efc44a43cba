import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { apiErrorMessage } from '../errors/api-error-message';

/** "Forgot password": asks for an email and says a link is on its way, whether or not the account exists. */
@Component({
  selector: 'fr-password-reset-request-page',
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
          <mat-progress-bar mode="indeterminate" aria-label="Sending" />
        }
        <mat-card-header>
          <mat-card-title><h1 class="fr-auth-title" data-testid="page-title">Reset your password</h1></mat-card-title>
        </mat-card-header>
        <mat-card-content>
          @if (sentTo(); as email) {
            <div class="fr-alert fr-alert-success" role="status" data-testid="reset-requested">
              <mat-icon aria-hidden="true">mark_email_read</mat-icon>
              <span>
                If an account exists for {{ email }}, we have sent it a link to choose a new password. The link
                works once and expires soon; check your spam folder if nothing arrives.
              </span>
            </div>
          } @else {
            <p class="fr-auth-intro">Enter the email address of your account and we will send you a reset link.</p>
            @if (errorMessage(); as message) {
              <div class="fr-alert fr-alert-error" role="alert" data-testid="reset-error">
                <mat-icon aria-hidden="true">error</mat-icon>
                <span>{{ message }}</span>
              </div>
            }
            <form class="fr-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
              <mat-form-field>
                <mat-label>Email</mat-label>
                <input
                  matInput
                  type="email"
                  formControlName="email"
                  autocomplete="email"
                  inputmode="email"
                  data-testid="reset-email"
                  required
                />
                @if (form.controls.email.hasError('required')) {
                  <mat-error>Enter your email address.</mat-error>
                } @else if (form.controls.email.hasError('email')) {
                  <mat-error>This doesn't look like an email address.</mat-error>
                }
              </mat-form-field>
              <button mat-flat-button type="submit" class="fr-submit" data-testid="reset-submit" [disabled]="submitting()">
                Send reset link
              </button>
            </form>
          }
        </mat-card-content>
        <mat-card-actions class="fr-auth-footer">
          <a mat-button routerLink="/login"><mat-icon>arrow_back</mat-icon> Back to sign in</a>
        </mat-card-actions>
      </mat-card>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordResetRequestPageComponent {
  private readonly auth = inject(AuthService);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
  });
  protected readonly submitting = signal(false);
  protected readonly sentTo = signal<string | null>(null);
  protected readonly errorMessage = signal<string | null>(null);

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const email = this.form.getRawValue().email.trim();
    this.submitting.set(true);
    this.errorMessage.set(null);
    this.auth.requestPasswordReset({ email }).subscribe({
      next: () => {
        this.submitting.set(false);
        this.sentTo.set(email);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.errorMessage.set(apiErrorMessage(error));
      },
    });
  }
}
