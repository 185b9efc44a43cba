import { MailMessage } from '../mail/mail-sender';
import { User } from '../users/entities/user.entity';

export function passwordResetEmail(user: Pick<User, 'email' | 'displayName'>, link: string, ttlMinutes: number): MailMessage {
  const validity = ttlMinutes % 60 === 0 ? `${ttlMinutes / 60} hour${ttlMinutes === 60 ? '' : 's'}` : `${ttlMinutes} minutes`;
  const text = [
    `Hello ${user.displayName},`,
    '',
    'Someone (hopefully you) asked to reset the password of your Focus Racer account.',
    `Choose a new password here (the link works once, for ${validity}):`,
    link,
    '',
    'If you did not ask for this, ignore this email: your password stays as it is.',
  ].join('\n');
  const html = `<p>Hello ${escapeHtml(user.displayName)},</p>
<p>Someone (hopefully you) asked to reset the password of your Focus Racer account.</p>
<p><a href="${escapeHtml(link)}">Choose a new password</a> (the link works once, for ${validity}).</p>
<p>If you did not ask for this, ignore this email: your password stays as it is.</p>`;
  return { to: user.email, subject: 'Reset your Focus Racer password', text, html };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
