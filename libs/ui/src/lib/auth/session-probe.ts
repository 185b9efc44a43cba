import { HttpContextToken } from '@angular/common/http';

/**
 * Marks the start-up GET /api/me: when the stored session turns out dead, it is cleared quietly instead of
 * greeting the person with "session expired" and a redirect (browsing the public site needs no account).
 */
export const SESSION_PROBE = new HttpContextToken<boolean>(() => false);
