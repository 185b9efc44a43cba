import { resolve } from 'node:path';
import { IsOptional, Matches, MinLength } from 'class-validator';
import { Env, EnvVar, mustBe, readEnv } from './config-loader';

class MailEnv {
  /** `Name <address>` or a bare address. */
  @EnvVar()
  @Matches(/^([^<>]+<[^@\s<>]+@[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+)$/, {
    message: mustBe('an address such as "Focus Racer <no-reply@focusracer.app>"'),
  })
  MAIL_FROM = 'Focus Racer <no-reply@focusracer.local>';

  /** When set, mail goes out through Resend; otherwise it is written to OUTBOX_DIR. */
  @EnvVar() @IsOptional() @MinLength(8, { message: mustBe('a Resend API key (re_...)') })
  RESEND_API_KEY?: string;

  @EnvVar() @MinLength(1)
  OUTBOX_DIR = 'var/outbox';
}

export class MailConfig {
  readonly from!: string;
  readonly resendApiKey!: string | null;
  /** Absolute path (relative values are resolved against the working directory). */
  readonly outboxDir!: string;

  static fromEnv(env: Env): MailConfig {
    const e = readEnv(MailEnv, env);
    return Object.assign(new MailConfig(), {
      from: e.MAIL_FROM,
      resendApiKey: e.RESEND_API_KEY ?? null,
      outboxDir: resolve(e.OUTBOX_DIR),
    });
  }
}
