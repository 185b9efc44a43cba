import { EVENT_INVITATION_TTL_DAYS } from '@focus-racer/api-types';
import { MailMessage } from '../../mail/mail-sender';

interface InvitationContext {
  to: string;
  organizerName: string;
  eventName: string;
  eventDate: string;
  /** Where the link leads: the registration page (invitation) or the pro app (added). */
  link: string;
}

/** To an address without an account: register as a photographer with this link to join the event. */
export function eventInvitationEmail(context: InvitationContext): MailMessage {
  const text = [
    'Hello,',
    '',
    `${context.organizerName} invites you to photograph "${context.eventName}" (${context.eventDate}) on Focus Racer, where runners find and buy their race photos.`,
    `Create your photographer account with this link (valid ${EVENT_INVITATION_TTL_DAYS} days) and the event will be waiting for your uploads:`,
    context.link,
    '',
    'If you do not know this organizer, ignore this email: nothing happens without you.',
  ].join('\n');
  const html = `<p>Hello,</p>
<p>${escapeHtml(context.organizerName)} invites you to photograph <strong>${escapeHtml(context.eventName)}</strong> (${escapeHtml(context.eventDate)}) on Focus Racer, where runners find and buy their race photos.</p>
<p><a href="${escapeHtml(context.link)}">Create your photographer account</a> (the link is valid ${EVENT_INVITATION_TTL_DAYS} days) and the event will be waiting for your uploads.</p>
<p>If you do not know this organizer, ignore this email: nothing happens without you.</p>`;
  return { to: context.to, subject: `${context.organizerName} invites you to photograph ${context.eventName}`, text, html };
}

/** To a photographer's account: they were added to the event and can upload now. */
export function addedToEventEmail(context: InvitationContext & { photographerName: string }): MailMessage {
  const text = [
    `Hello ${context.photographerName},`,
    '',
    `${context.organizerName} added you to "${context.eventName}" (${context.eventDate}) on Focus Racer. You can upload your photos now:`,
    context.link,
  ].join('\n');
  const html = `<p>Hello ${escapeHtml(context.photographerName)},</p>
<p>${escapeHtml(context.organizerName)} added you to <strong>${escapeHtml(context.eventName)}</strong> (${escapeHtml(context.eventDate)}) on Focus Racer.</p>
<p><a href="${escapeHtml(context.link)}">Upload your photos</a></p>`;
  return { to: context.to, subject: `You were added to ${context.eventName}`, text, html };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
