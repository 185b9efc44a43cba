import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { IS_PUBLIC } from '../decorators/public.decorator';

export const MISSING_TOKEN_MESSAGE =
  'Authentication required: send your access token in the Authorization header as "Bearer <token>".';
export const EXPIRED_TOKEN_MESSAGE = 'Your access token has expired. Refresh it or sign in again.';
export const INVALID_TOKEN_MESSAGE = 'Your access token is not valid. Please sign in again.';

/** Global guard: every route needs a valid access token unless it is marked `@Public()`. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | 'optional-user' | undefined>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!isPublic) return (await super.canActivate(context)) as boolean;
    if (isPublic !== 'optional-user' || !context.switchToHttp().getRequest<Request>().headers.authorization) return true;
    try {
      await super.canActivate(context);
    } catch {
      // A stale token on a public route: serve the caller anonymously instead of refusing.
    }
    return true;
  }

  /** Turns passport's terse failures into messages that say what to do. */
  override handleRequest<TUser>(error: unknown, user: TUser | false, info: unknown): TUser {
    if (error) throw error instanceof UnauthorizedException ? error : new UnauthorizedException(INVALID_TOKEN_MESSAGE);
    if (user) return user;
    const reason = info instanceof Error ? info.name : '';
    if (reason === 'TokenExpiredError') throw new UnauthorizedException(EXPIRED_TOKEN_MESSAGE);
    if (info instanceof Error && info.message === 'No auth token') throw new UnauthorizedException(MISSING_TOKEN_MESSAGE);
    throw new UnauthorizedException(INVALID_TOKEN_MESSAGE);
  }
}
