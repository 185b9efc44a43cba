import { LocalPaymentObject } from '../entities/local-payment-object.entity';
import { stripeStatusOf } from '../gateway/local-stripe-objects';

/**
 * The local test mode's stand-ins for Stripe's hosted pages: plain server-rendered HTML (no script, inline CSS),
 * labelled on every page so nobody mistakes them for a real checkout. Every value from the stored objects is
 * escaped.
 */

interface ButtonSpec {
  action: string;
  label: string;
  tone: 'primary' | 'danger' | 'neutral';
}

export function paymentIntentPage(intent: LocalPaymentObject, basePath: string): string {
  const d = intent.data;
  const status = stripeStatusOf(intent);
  const error = d['last_payment_error'] as { message?: string } | null;
  const buttons: ButtonSpec[] =
    intent.status === 'requires_payment_method'
      ? [
          { action: 'pay', label: 'Pay', tone: 'primary' },
          { action: 'decline', label: 'Decline (card refused)', tone: 'danger' },
        ]
      : intent.status === 'succeeded'
        ? [
            { action: 'refund', label: 'Refund', tone: 'neutral' },
            { action: 'dispute', label: 'Open a dispute', tone: 'danger' },
          ]
        : [];
  const returnUrl = ((d['metadata'] ?? {}) as Record<string, string>)['returnUrl'];
  return layout(
    'Test payment',
    `
    <h1>Pay ${money(d['amount'], d['currency'])}</h1>
    ${d['description'] ? `<p class="lead">${escape(d['description'])}</p>` : ''}
    <dl>
      <dt>Amount</dt><dd>${money(d['amount'], d['currency'])}</dd>
      <dt>Of which platform fee</dt><dd>${money(d['application_fee_amount'], d['currency'])}</dd>
      <dt>Paid out to</dt><dd><code>${escape((d['transfer_data'] as { destination?: string } | null)?.destination ?? '—')}</code></dd>
      <dt>Status</dt><dd><strong>${escape(label(intent.status, status))}</strong></dd>
      <dt>Payment</dt><dd><code>${escape(intent.id)}</code></dd>
    </dl>
    ${error?.message && intent.status === 'requires_payment_method' ? `<p class="error" role="alert">Last attempt: ${escape(error.message)}</p>` : ''}
    ${actions(basePath, intent.id, buttons)}
    ${returnUrl ? `<p><a href="${escape(returnUrl)}">Back to Focus Racer without doing anything</a></p>` : ''}`,
  );
}

export function checkoutSessionPage(session: LocalPaymentObject, subscription: LocalPaymentObject | null, basePath: string): string {
  const d = session.data;
  const isSubscription = d['mode'] === 'subscription';
  const buttons: ButtonSpec[] =
    session.status === 'open'
      ? [
          { action: 'pay', label: isSubscription ? 'Subscribe and pay' : 'Pay', tone: 'primary' },
          { action: 'cancel', label: 'Cancel', tone: 'neutral' },
        ]
      : subscription?.status === 'active'
        ? [
            { action: 'renew', label: 'Renew now (simulate next month)', tone: 'primary' },
            { action: 'cancel-subscription', label: 'Cancel the subscription', tone: 'danger' },
          ]
        : [];
  const periodEnd = subscription ? Number(subscription.data['current_period_end']) : null;
  return layout(
    isSubscription ? 'Test subscription' : 'Test checkout',
    `
    <h1>${escape(d['description'] ?? 'Checkout')}</h1>
    <dl>
      <dt>Price</dt><dd>${money(d['amount_total'], d['currency'])}${isSubscription ? ' per month' : ''}</dd>
      <dt>Email</dt><dd>${escape(d['customer_email'] ?? '—')}</dd>
      <dt>Status</dt><dd><strong>${escape(label(session.status, session.status))}</strong></dd>
      ${subscription ? `<dt>Subscription</dt><dd><code>${escape(subscription.id)}</code> — ${escape(subscription.status)}${periodEnd ? `, current period ends ${escape(new Date(periodEnd * 1000).toISOString().slice(0, 10))}` : ''}</dd>` : ''}
      <dt>Checkout</dt><dd><code>${escape(session.id)}</code></dd>
    </dl>
    ${actions(basePath, session.id, buttons)}
    <p><a href="${escape(String(session.status === 'open' ? (d['cancel_url'] ?? d['success_url']) : d['success_url']))}">Back to Focus Racer</a></p>`,
  );
}

export function onboardingPage(account: LocalPaymentObject, basePath: string): string {
  const d = account.data;
  const done = account.status === 'enabled';
  return layout(
    'Test payout account',
    `
    <h1>Payout account onboarding</h1>
    <p class="lead">Stripe would now ask for identity, address and bank details. In test mode, one button does it.</p>
    <dl>
      <dt>Account</dt><dd><code>${escape(account.id)}</code></dd>
      <dt>Email</dt><dd>${escape(d['email'] ?? '—')}</dd>
      <dt>Country</dt><dd>${escape(d['country'] ?? '—')}</dd>
      <dt>Status</dt><dd><strong>${done ? 'Onboarded: payments and payouts enabled' : 'Onboarding not finished'}</strong></dd>
    </dl>
    ${done ? '' : actions(basePath, account.id, [{ action: 'complete', label: 'Complete onboarding (test)', tone: 'primary' }])}
    ${d['return_url'] ? `<p><a href="${escape(d['return_url'])}">Back to Focus Racer</a></p>` : ''}`,
  );
}

export function deliveryFailedPage(object: LocalPaymentObject, message: string, basePath: string): string {
  return layout(
    'Event not processed',
    `
    <h1>Focus Racer did not accept the event</h1>
    <p class="error" role="alert">${escape(message)}</p>
    <p>The test gateway did its part (<code>${escape(object.id)}</code> is now <strong>${escape(object.status)}</strong>), but processing the webhook
    failed, so nothing changed on Focus Racer's side. Stripe would retry; here you retry by hand once the cause is fixed.</p>
    ${actions(basePath, object.id, [{ action: 'redeliver', label: 'Deliver the event again', tone: 'primary' }])}`,
  );
}

export function donePage(message: string): string {
  return layout('Done', `<h1>${escape(message)}</h1><p>No return address was given: you can close this tab.</p>`);
}

function actions(basePath: string, id: string, buttons: ButtonSpec[]): string {
  if (buttons.length === 0) return '';
  return `<div class="actions">${buttons
    .map(
      (b) => `<form method="post" action="${escape(`${basePath}/${encodeURIComponent(id)}/${b.action}`)}">
        <button type="submit" class="${b.tone}">${escape(b.label)}</button>
      </form>`,
    )
    .join('')}</div>`;
}

function label(status: string, stripeStatus: string): string {
  const words: Record<string, string> = {
    requires_payment_method: 'Waiting for payment',
    succeeded: 'Paid',
    refunded: 'Paid, then refunded',
    disputed: 'Paid, then disputed by the cardholder',
    open: 'Waiting for payment',
    complete: 'Paid',
    expired: 'Cancelled',
  };
  return words[status] ?? stripeStatus;
}

function money(amount: unknown, currency: unknown): string {
  const cents = Number(amount ?? 0);
  const code = String(currency ?? 'eur').toUpperCase();
  try {
    return escape(new Intl.NumberFormat('en-IE', { style: 'currency', currency: code }).format(cents / 100));
  } catch {
    return escape(`${(cents / 100).toFixed(2)} ${code}`);
  }
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escape(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(title)} — TEST MODE — Focus Racer</title>
<style>
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f4f4f6; color: #1c1b1f; }
  .banner { background: #ffd600; color: #1c1b1f; text-align: center; padding: 14px 16px; font-weight: 800; font-size: 1.15rem;
            letter-spacing: .02em; border-bottom: 4px dashed #1c1b1f; }
  main { max-width: 560px; margin: 24px auto; background: #fff; border-radius: 12px; padding: 24px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  h1 { font-size: 1.5rem; margin: 0 0 8px; }
  .lead { color: #44474e; margin-top: 0; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 20px 0; }
  dt { color: #44474e; } dd { margin: 0; overflow-wrap: anywhere; }
  code { font-size: .9em; }
  .actions { display: flex; flex-wrap: wrap; gap: 12px; margin: 24px 0; }
  button { font: inherit; font-size: 1.05rem; font-weight: 600; min-height: 48px; padding: 0 24px; border-radius: 24px; border: 2px solid transparent; cursor: pointer; }
  button:focus-visible, a:focus-visible { outline: 3px solid #1a56db; outline-offset: 3px; }
  .primary { background: #1a56db; color: #fff; }
  .danger { background: #fff; color: #b3261e; border-color: #b3261e; }
  .neutral { background: #fff; color: #1c1b1f; border-color: #74777f; }
  .error { background: #fdecea; color: #8c1d18; padding: 10px 12px; border-radius: 8px; }
  a { color: #1a56db; }
  footer { text-align: center; color: #44474e; font-size: .9rem; margin-bottom: 24px; }
</style>
</head>
<body>
<div class="banner" role="note">TEST MODE — no real money moves</div>
<main>
${body}
</main>
<footer>Focus Racer local payment test mode: this page plays Stripe's role because no Stripe keys are configured.</footer>
</body>
</html>`;
}
