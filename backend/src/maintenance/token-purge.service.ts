import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { PasswordResetToken } from '../auth/entities/password-reset-token.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';

export interface PurgeResult {
  refreshTokens: number;
  passwordResetTokens: number;
}

/** Deletes tokens that can no longer be used. Running it twice does nothing more. */
@Injectable()
export class TokenPurgeService {
  constructor(
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
    @InjectRepository(PasswordResetToken) private readonly resetTokens: Repository<PasswordResetToken>,
  ) {}

  async purge(olderThanDays: number, now = new Date()): Promise<PurgeResult> {
    const cutoff = new Date(now.getTime() - olderThanDays * 86_400_000);
    const refresh = await this.refreshTokens
      .createQueryBuilder()
      .delete()
      .where('expires_at < :cutoff OR revoked_at < :cutoff', { cutoff })
      .execute();
    const reset = await this.resetTokens.delete({ expiresAt: LessThan(cutoff) });
    return { refreshTokens: refresh.affected ?? 0, passwordResetTokens: reset.affected ?? 0 };
  }
}
