import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';

/** Leaving the app for another page (the test payment page, Stripe's redirects), behind a seam specs can replace. */
@Injectable({ providedIn: 'root' })
export class BrowserLocation {
  private readonly document = inject(DOCUMENT);

  get origin(): string {
    return this.document.location.origin;
  }

  assign(url: string): void {
    this.document.location.assign(url);
  }
}
