import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'focusRacer:isPublic';

/**
 * Opts a route (or controller) out of the global JwtAuthGuard: no access token needed. With `optionalUser`, a
 * valid access token still identifies the caller (`@CurrentUser()` is then set, otherwise undefined); a missing,
 * expired or invalid one is ignored rather than refused, because the route works for everyone anyway (the
 * runner's search remembers "not me" answers per account when logged in, per device otherwise).
 */
export const Public = (options: { optionalUser?: boolean } = {}) => SetMetadata(IS_PUBLIC, options.optionalUser ? 'optional-user' : true);
