import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4), which match OWASP's recommendation. */
@Injectable()
export class PasswordHasher {
  /** Verified when the email is unknown, so a failed login takes as long whether or not the account exists. */
  private decoy?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  async verifyDecoy(password: string): Promise<false> {
    this.decoy ??= this.hash('decoy-password-never-matches');
    await this.verify(await this.decoy, password);
    return false;
  }
}
