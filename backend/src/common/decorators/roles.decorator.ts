import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import { Role } from '@focus-racer/api-types';

export const ROLES = 'focusRacer:roles';

/** Restricts a route (or controller) to users holding one of `roles`; checked by the global RolesGuard. */
export const Roles = (...roles: readonly Role[]) =>
  applyDecorators(
    SetMetadata(ROLES, roles),
    ApiForbiddenResponse({ description: `Requires one of the roles: ${roles.join(', ')}` }),
  );
