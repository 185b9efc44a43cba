import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'focusRacer:isPublic';

/** Opts a route (or controller) out of the global JwtAuthGuard: no access token needed. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
