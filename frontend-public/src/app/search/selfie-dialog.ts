import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { apiErrorMessage } from '@focus-racer/ui';
import { EventPhotos } from '../event/event-photos';
import { downscaleSelfie } from './selfie-image';

export const NO_FACE_MESSAGE =
  'We could not find a face in this photo. Take another one facing the camera, in good light, without sunglasses.';

/**
 * Search by selfie: consent first (what happens to the image, said plainly), then a camera capture or a chosen
 * photo, shrunk on the phone and sent once. Closes with `true` when results are shown on the page.
 */
@Component({
  selector: 'app-selfie-dialog',
  imports: [FormsModule, MatDialogModule, MatButtonModule, MatCheckboxModule, MatIconModule, MatProgressBarModule],
  template: `
    <h2 mat-dialog-title>Find your photos with a selfie</h2>
    <mat-dialog-content>
      <p class="app-consent-text" id="selfie-consent-text" data-testid="selfie-consent-text">
        We compare your face with the faces on this race's photos. Your selfie is processed in memory for this one
        search, then discarded: it is <strong>never stored or logged</strong>, and it is not used for anything else.
      </p>
      <mat-checkbox [(ngModel)]="consent" data-testid="selfie-consent" aria-describedby="selfie-consent-text">
        I agree to my selfie being used for this search
      </mat-checkbox>
      <input #camera type="file" accept="image/*" capture="user" hidden (change)="picked(camera)" />
      <input #library type="file" accept="image/*" hidden data-testid="selfie-file" (change)="picked(library)" />
      <div class="app-selfie-actions">
        <button mat-flat-button type="button" [disabled]="!consent() || busy()" (click)="camera.click()">
          <mat-icon>photo_camera</mat-icon> Take a selfie
        </button>
        <button mat-stroked-button type="button" [disabled]="!consent() || busy()" (click)="library.click()">
          <mat-icon>upload</mat-icon> Choose a photo
        </button>
      </div>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" aria-label="Searching your photos" />
      }
      @if (error(); as message) {
        <div class="fr-alert fr-alert-error" role="alert" data-testid="selfie-error">
          <mat-icon aria-hidden="true">error</mat-icon><span>{{ message }}</span>
        </div>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
    </mat-dialog-actions>
  `,
  styles: `
    .app-consent-text { margin: 0 0 12px; }
    .app-selfie-actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 16px 0 12px; }
    .fr-alert { margin: 12px 0 0; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SelfieDialog {
  private readonly photos = inject(EventPhotos);
  private readonly dialogRef = inject<MatDialogRef<SelfieDialog, boolean>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly consent = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async picked(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    // Cleared so that choosing the same file again (after "no face") still fires a change.
    input.value = '';
    if (!file || !this.consent()) return;
    this.busy.set(true);
    this.error.set(null);
    let selfie: Blob;
    try {
      selfie = await downscaleSelfie(file);
    } catch {
      this.fail('This file could not be read as a photo. Choose a JPEG or PNG photo.');
      return;
    }
    this.photos
      .findBySelfie(selfie)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => this.dialogRef.close(true),
        error: (error: unknown) =>
          this.fail(error instanceof HttpErrorResponse && error.status === 422 ? NO_FACE_MESSAGE : apiErrorMessage(error)),
      });
  }

  private fail(message: string): void {
    this.busy.set(false);
    this.error.set(message);
  }
}
