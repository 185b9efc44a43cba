import { Injectable } from '@angular/core';
import type { Stripe, StripeElements } from '@stripe/stripe-js';

/** A Payment Element on the page, ready to pay. */
export interface MountedPayment {
  /**
   * Confirms the payment. On success Stripe sends the browser to `returnUrl` (the order page), so the promise only
   * settles when it did not: with Stripe's message for the runner.
   */
  confirm(returnUrl: string): Promise<string>;
  destroy(): void;
}

/**
 * Stripe's Payment Element (the card form, wallets, and whatever methods the account offers), loaded only in Stripe
 * mode: Stripe.js comes from js.stripe.com, as Stripe and PCI require, and never on a platform in local test mode.
 * The `pure` entry point loads it when asked, not as a side effect of the import.
 */
@Injectable({ providedIn: 'root' })
export class StripePayment {
  async mount(host: HTMLElement, publishableKey: string, clientSecret: string): Promise<MountedPayment> {
    const { loadStripe } = await import('@stripe/stripe-js/pure');
    const stripe: Stripe | null = await loadStripe(publishableKey);
    if (!stripe) throw new Error('The payment form could not be loaded. Check your connection and try again.');
    const elements: StripeElements = stripe.elements({
      clientSecret,
      appearance: { theme: 'stripe', variables: { colorPrimary: '#a04100', borderRadius: '8px' } },
    });
    const element = elements.create('payment', { layout: 'tabs' });
    await new Promise<void>((resolve, reject) => {
      element.on('ready', () => resolve());
      element.on('loaderror', (event) =>
        reject(new Error(event.error.message ?? 'The payment form could not be loaded.')),
      );
      element.mount(host);
    });
    return {
      confirm: async (returnUrl) => {
        const { error } = await stripe.confirmPayment({ elements, confirmParams: { return_url: returnUrl } });
        return error?.message ?? 'The payment did not go through. Please try again.';
      },
      destroy: () => element.destroy(),
    };
  }
}
