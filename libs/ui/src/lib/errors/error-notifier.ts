import { inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';

/** Shows short messages (server refusals, network failures, confirmations) in one snack bar for the whole app. */
@Injectable({ providedIn: 'root' })
export class ErrorNotifier {
  private readonly snackBar = inject(MatSnackBar);

  error(message: string): void {
    this.snackBar.open(message, 'Dismiss', { duration: 8000, panelClass: 'fr-snack-error', politeness: 'assertive' });
  }

  info(message: string): void {
    this.snackBar.open(message, undefined, { duration: 4000 });
  }
}
