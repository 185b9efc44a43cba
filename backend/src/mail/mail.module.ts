import { Module } from '@nestjs/common';
import { MailConfig } from '../config/mail.config';
import { MAIL_SENDER } from './mail-sender';
import { OutboxMailSender } from './outbox-mail.sender';
import { OutboxService } from './outbox.service';
import { ResendMailSender } from './resend-mail.sender';

/** Outgoing email. Inject `MAIL_SENDER`; which implementation it is depends on RESEND_API_KEY. */
@Module({
  providers: [
    {
      provide: MAIL_SENDER,
      inject: [MailConfig],
      useFactory: (config: MailConfig) =>
        config.resendApiKey ? new ResendMailSender(config) : new OutboxMailSender(config),
    },
    OutboxService,
  ],
  exports: [MAIL_SENDER, OutboxService],
})
export class MailModule {}
