import { SetMetadata } from '@nestjs/common';

export const AUTH_THROTTLE = 'focusRacer:authThrottle';

/** Puts a route (or controller) under the stricter `auth` rate limit (THROTTLE_AUTH_LIMIT per IP per window). */
export const AuthThrottle = () => SetMetadata(AUTH_THROTTLE, true);
