import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { EventDto, SPORT_LABELS, SPORTS } from '@focus-racer/api-types';
import { apiErrorMessage, toIsoDate } from '@focus-racer/ui';
import { EventsApi } from '../api/events-api';


export interface NewEventDialogData {
  /** "New event" or "New race", depending on who asks. */
  title: string;
}

/** Creates an event (POST /api/events) and closes with it; the server's refusal is shown inside the dialog. */
@Component({
  selector: 'app-new-event-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatDatepickerModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
  ],
  templateUrl: './new-event-dialog.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewEventDialog {
  protected readonly data = inject<NewEventDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<NewEventDialog, EventDto>>(MatDialogRef);
  private readonly api = inject(EventsApi);

  protected readonly sports = SPORTS;
  protected readonly sportLabels = SPORT_LABELS;
  protected readonly saving = signal(false);
  protected readonly errorMessage = signal<string | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(120)]],
    date: [null as Date | null, [Validators.required]],
    location: ['', [Validators.required, Validators.maxLength(120)]],
    sport: ['running', [Validators.required]],
    watermarkText: ['', [Validators.maxLength(60)]],
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, date, location, sport, watermarkText } = this.form.getRawValue();
    if (!date) {
      return;
    }
    this.saving.set(true);
    this.errorMessage.set(null);
    this.dialogRef.disableClose = true;
    this.api
      .create({
        name: name.trim(),
        date: toIsoDate(date),
        location: location.trim(),
        sport,
        ...(watermarkText.trim() ? { watermarkText: watermarkText.trim() } : {}),
      })
      .subscribe({
        next: (event) => this.dialogRef.close(event),
        error: (error: unknown) => {
          this.saving.set(false);
          this.dialogRef.disableClose = false;
          this.errorMessage.set(apiErrorMessage(error));
        },
      });
  }
}
