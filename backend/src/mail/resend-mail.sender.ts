import { Injectable, Logger } from '@nestjs/common';
import { Resend } from 'resend';
import { MailConfig } from '../config/mail.config';
import { MailMessage, MailSender } from './mail-sender';

/** Sends through Resend; chosen when RESEND_API_KEY is set. */
@Injectable()
export class ResendMailSender implements MailSender {
  private readonly logger = new Logger(ResendMailSender.name);
  private readonly resend: Resend;

  constructor(private readonly config: MailConfig) {
    this.resend = new Resend(config.resendApiKey ?? undefined);
  }

  async send(message: MailMessage): Promise<void> {
    const { data, error } = await this.resend.emails.send({
      from: this.config.from,
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
    });
    if (error) throw new Error(`Resend refused the message "${message.subject}": ${error.message}`);
    this.logger.log(`Mail "${message.subject}" sent through Resend (${data?.id ?? 'no id'})`);
  }
}
