/** An email as the app composes it. */
export interface MailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** The mail edge: Resend in production, a folder of files (the outbox) everywhere else. */
export interface MailSender {
  send(message: MailMessage): Promise<void>;
}

export const MAIL_SENDER = Symbol('MailSender');
