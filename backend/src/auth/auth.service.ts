import { BadRequestException, ForbiddenException, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { AuthResponse, isProRole, JwtPayload, PASSWORD_RESET_CONFIRM_PATH, Role } from '@focus-racer/api-types';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, Repository } from 'typeorm';
import { AppConfig } from '../config/app.config';
import { AuthConfig } from '../config/auth.config';
import { EventPhotographersService } from '../events/photographers/event-photographers.service';
import { MAIL_SENDER, MailSender } from '../mail/mail-sender';
import { User } from '../users/entities/user.entity';
import { toUserDto } from '../users/user-dto.mapper';
import { UsersService } from '../users/users.service';
import { LoginBody, PasswordResetConfirmBody, RegisterBody } from './dto/auth.dto';
import { PasswordResetToken } from './entities/password-reset-token.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { LoginAttemptsService } from './login-attempts.service';
import { PasswordHasher } from './password-hasher';
import { passwordResetEmail } from './password-reset.email';
import { TokenHasher } from './token-hasher';

/** Where a request came from, stored with the refresh token ("active sessions") and used for login throttling. */
export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

export const WRONG_CREDENTIALS_MESSAGE = 'Email or password is incorrect';
export const INVALID_REFRESH_MESSAGE = 'This refresh token is not valid. Please sign in again.';
export const REUSED_REFRESH_MESSAGE =
  'This session was revoked because its refresh token was used twice (possible theft). Please sign in again.';
export const ENDED_SESSION_MESSAGE = 'This session has ended. Please sign in again.';
export const INVALID_RESET_MESSAGE = 'This password reset link is invalid or has expired. Please ask for a new one.';

/**
 * Owns sign-up, sign-in and sessions: access tokens (short-lived JWT), refresh tokens (opaque, single-use,
 * grouped in families so reuse of a stolen token revokes the whole session) and password reset.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokenHasher,
    private readonly loginAttempts: LoginAttemptsService,
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
    private readonly authConfig: AuthConfig,
    private readonly appConfig: AppConfig,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
    @InjectRepository(PasswordResetToken) private readonly resetTokens: Repository<PasswordResetToken>,
    @Inject(MAIL_SENDER) private readonly mail: MailSender,
    private readonly eventInvitations: EventPhotographersService,
  ) {}

  async register(body: RegisterBody, client: ClientInfo): Promise<AuthResponse> {
    const role = body.role ?? Role.RUNNER;
    if (role !== Role.RUNNER && !isProRole(role)) {
      throw new ForbiddenException('Administrator accounts cannot be created by registration.');
    }
    const user = await this.users.create({
      email: body.email,
      displayName: body.displayName,
      role,
      passwordHash: await this.passwords.hash(body.password),
    });
    // A photographer invited to events joins them now; the account exists either way, so a failure is only logged.
    await this.eventInvitations
      .claimInvitations(user, body.invite)
      .catch((error: unknown) => this.logger.error(`User ${user.id}: event invitations not claimed: ${String(error)}`));
    return this.startSession(user, client);
  }

  async login(body: LoginBody, client: ClientInfo): Promise<AuthResponse> {
    await this.loginAttempts.assertAllowed(body.email, client.ip);
    const user = await this.users.findByEmail(body.email);
    const valid = user
      ? await this.passwords.verify(user.passwordHash, body.password)
      : await this.passwords.verifyDecoy(body.password);
    if (!user || !valid) {
      await this.loginAttempts.recordFailure(body.email, client.ip);
      throw new UnauthorizedException(WRONG_CREDENTIALS_MESSAGE);
    }
    await this.loginAttempts.clear(body.email, client.ip);
    return this.startSession(user, client);
  }

  /** Rotation: the presented token is revoked and replaced; presenting an already-rotated token revokes its family. */
  async refresh(refreshToken: string, client: ClientInfo): Promise<AuthResponse> {
    const current = await this.refreshTokens.findOne({
      where: { tokenHash: this.tokens.hash(refreshToken) },
      relations: { user: true },
    });
    if (!current || !current.user) throw new UnauthorizedException(INVALID_REFRESH_MESSAGE);
    if (current.revokedAt) {
      if (current.replacedById) await this.revokeReusedFamily(current);
      throw new UnauthorizedException(current.replacedById ? REUSED_REFRESH_MESSAGE : ENDED_SESSION_MESSAGE);
    }
    if (current.expiresAt.getTime() <= Date.now()) throw new UnauthorizedException(ENDED_SESSION_MESSAGE);

    const user = current.user;
    const next = this.tokens.generate();
    const rotated = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(RefreshToken);
      const replacement = await repository.save(
        repository.create(this.newRefreshToken(user.id, current.familyId, next.hash, client)),
      );
      // Conditional update: of two concurrent refreshes with the same token, exactly one wins.
      const result = await repository.update(
        { id: current.id, revokedAt: IsNull() },
        { revokedAt: new Date(), replacedById: replacement.id },
      );
      return result.affected === 1;
    });
    if (!rotated) {
      await this.revokeReusedFamily(current);
      throw new UnauthorizedException(REUSED_REFRESH_MESSAGE);
    }
    return this.sessionResponse(user, next.token);
  }

  /** Ends the session the token belongs to (its whole family). Unknown tokens are ignored: logout is idempotent. */
  async logout(refreshToken: string): Promise<void> {
    const token = await this.refreshTokens.findOneBy({ tokenHash: this.tokens.hash(refreshToken) });
    if (token) await this.revokeFamily(token.familyId);
  }

  /** Always succeeds from the caller's point of view, so it cannot be used to find out who has an account. */
  async requestPasswordReset(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user) return;
    const { token, hash } = this.tokens.generate();
    const expiresAt = new Date(Date.now() + this.authConfig.passwordResetTtlMinutes * 60_000);
    await this.resetTokens.save(this.resetTokens.create({ userId: user.id, tokenHash: hash, expiresAt, usedAt: null }));
    const link = `${this.webUrlFor(user.role)}/${PASSWORD_RESET_CONFIRM_PATH}?token=${encodeURIComponent(token)}`;
    await this.mail.send(passwordResetEmail(user, link, this.authConfig.passwordResetTtlMinutes));
    this.logger.log(`Password reset requested for user ${user.id}`);
  }

  /** Sets the new password, spends the token and ends every session of the user. */
  async confirmPasswordReset(body: PasswordResetConfirmBody): Promise<void> {
    const passwordHash = await this.passwords.hash(body.password);
    await this.dataSource.transaction(async (manager) => {
      const resetTokens = manager.getRepository(PasswordResetToken);
      const token = await resetTokens.findOne({
        where: { tokenHash: this.tokens.hash(body.token) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!token || token.usedAt || token.expiresAt.getTime() <= Date.now()) {
        throw new BadRequestException(INVALID_RESET_MESSAGE);
      }
      const now = new Date();
      await resetTokens.update({ userId: token.userId, usedAt: IsNull() }, { usedAt: now });
      await manager.getRepository(User).update({ id: token.userId }, { passwordHash });
      await manager.getRepository(RefreshToken).update({ userId: token.userId, revokedAt: IsNull() }, { revokedAt: now });
    });
  }

  /** Each role signs in on its own app, so the reset link must open that app. */
  private webUrlFor(role: Role): string {
    if (role === Role.RUNNER) return this.appConfig.publicWebUrl;
    if (role === Role.ADMIN) return this.appConfig.adminWebUrl;
    return this.appConfig.proWebUrl;
  }

  private async startSession(user: User, client: ClientInfo): Promise<AuthResponse> {
    const { token, hash } = this.tokens.generate();
    await this.refreshTokens.save(this.refreshTokens.create(this.newRefreshToken(user.id, randomUUID(), hash, client)));
    return this.sessionResponse(user, token);
  }

  private async sessionResponse(user: User, refreshToken: string): Promise<AuthResponse> {
    const payload: JwtPayload = { sub: user.id, email: user.email, role: user.role };
    return {
      accessToken: await this.jwt.signAsync(payload),
      expiresIn: this.authConfig.accessTtlSeconds,
      refreshToken,
      user: toUserDto(user),
    };
  }

  private newRefreshToken(userId: string, familyId: string, tokenHash: string, client: ClientInfo): Partial<RefreshToken> {
    return {
      userId,
      familyId,
      tokenHash,
      expiresAt: new Date(Date.now() + this.authConfig.refreshTtlDays * 86_400_000),
      revokedAt: null,
      replacedById: null,
      ip: client.ip.slice(0, 64) || null,
      userAgent: client.userAgent?.slice(0, 512) ?? null,
    };
  }

  private async revokeReusedFamily(token: RefreshToken): Promise<void> {
    this.logger.warn(`Refresh token reuse detected for user ${token.userId}; revoking session ${token.familyId}`);
    await this.revokeFamily(token.familyId);
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.refreshTokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
