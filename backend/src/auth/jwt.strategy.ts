import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { JwtPayload } from '@focus-racer/api-types';
import type { Request } from 'express';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { AuthConfig } from '../config/auth.config';
import { UsersService } from '../users/users.service';

export const ACCOUNT_GONE_MESSAGE = 'Your account no longer exists. Please sign in again.';

/**
 * Verifies the access token (HS256 only) and loads the user: a deleted account's tokens stop working at once,
 * and a role change applies without waiting for the token to expire.
 */
const queryToken = ExtractJwt.fromUrlQueryParameter('access_token');

/**
 * Browsers' EventSource cannot send an Authorization header, so a request for a Server-Sent Events stream (and only
 * such a request: a token in a URL ends up in logs and history) may carry the token as `?access_token=`.
 */
function eventStreamQueryToken(request: Request): string | null {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/event-stream') ? queryToken(request) : null;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AuthConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([ExtractJwt.fromAuthHeaderAsBearerToken(), eventStreamQueryToken]),
      secretOrKey: config.accessSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: JwtPayload): Promise<AuthUser> {
    const user = typeof payload.sub === 'string' ? await this.users.findById(payload.sub) : null;
    if (!user) throw new UnauthorizedException(ACCOUNT_GONE_MESSAGE);
    return { id: user.id, email: user.email, role: user.role };
  }
}
