import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Role } from '@focus-racer/api-types';

/** The signed-in user as the JWT strategy loaded it from the database (role is the current one, not the token's). */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
}

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser => context.switchToHttp().getRequest<{ user: AuthUser }>().user,
);
