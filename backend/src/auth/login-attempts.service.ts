import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { AuthConfig } from '../config/auth.config';
import { REDIS } from '../redis/redis.module';

/**
 * Counts failed sign-ins per email + client IP in Redis (shared by every API instance, survives restarts).
 * After LOGIN_MAX_FAILURES failures within LOGIN_FAILURE_WINDOW_SECONDS, further attempts get 429 until the
 * window (which starts at the first failure) ends. A successful sign-in clears the count.
 */
@Injectable()
export class LoginAttemptsService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AuthConfig,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const key = this.key(email, ip);
    const failures = Number((await this.redis.get(key)) ?? 0);
    if (failures < this.config.loginMaxFailures) return;
    const ttl = await this.redis.ttl(key);
    const seconds = ttl > 0 ? ttl : this.config.loginFailureWindowSeconds;
    throw new HttpException(
      `Too many failed sign-in attempts for this email. Try again in ${describeWait(seconds)} or reset your password.`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const key = this.key(email, ip);
    // The window starts at the first failure: create the counter with its expiry, then count.
    await this.redis.multi().set(key, 0, 'EX', this.config.loginFailureWindowSeconds, 'NX').incr(key).exec();
  }

  async clear(email: string, ip: string): Promise<void> {
    await this.redis.del(this.key(email, ip));
  }

  /** The email is hashed so that Redis holds no addresses. */
  private key(email: string, ip: string): string {
    const subject = createHash('sha256').update(`${email.trim().toLowerCase()}|${ip}`).digest('hex');
    return `login-failures:${subject}`;
  }
}

export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
