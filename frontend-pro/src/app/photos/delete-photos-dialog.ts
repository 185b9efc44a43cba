import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';

export interface DeletePhotosDialogData {
  count: number;
}

/** Asks before deleting photos for good; closes with true to go ahead. Says that credits are not given back. */
@Component({
  selector: 'app-delete-photos-dialog',
  imports: [MatDialogModule, MatButtonModule, MatIconModule],
  template: `
    <h2 mat-dialog-title>Delete {{ label }}?</h2>
    <mat-dialog-content>
      <p data-testid="delete-confirm-text">
        {{ data.count === 1 ? 'The photo, its bibs and faces are' : 'The photos, their bibs and faces are' }} removed for good;
        runners will no longer find or buy {{ data.count === 1 ? 'it' : 'them' }}.
      </p>
      <p><strong>Processing credits are not refunded</strong>: the work was done when the photos were uploaded.</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">Cancel</button>
      <button mat-flat-button type="button" class="app-danger" data-testid="delete-confirm" [mat-dialog-close]="true">
        <mat-icon>delete_forever</mat-icon>
        Delete {{ label }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .app-danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
      --mat-button-filled-icon-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeletePhotosDialog {
  protected readonly data = inject<DeletePhotosDialogData>(MAT_DIALOG_DATA);
  protected readonly label = this.data.count === 1 ? '1 photo' : `${this.data.count} photos`;
}
