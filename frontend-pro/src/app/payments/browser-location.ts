import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';

/**
 * Leaves the app for another site (Stripe's onboarding or checkout, or the API's local test pages). One place, so
 * specs can see where the browser was sent without leaving the test page.
 */
@Injectable({ providedIn: 'root' })
export class BrowserLocation {
  private readonly document = inject(DOCUMENT);

  assign(url: string): void {
    this.document.location.assign(url);
  }
}
