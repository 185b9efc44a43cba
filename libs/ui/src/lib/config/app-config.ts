import { InjectionToken } from '@angular/core';
import { Role, ROLE_LABELS } from '@focus-racer/api-types';

/**
 * What makes one Focus Racer app different from the others: its name, who may sign in, where tokens live.
 * Each app provides it once through `provideFocusRacerUi()`.
 */
export interface FocusRacerAppConfig {
  /** Shown in the toolbar and on the sign-in page, e.g. "Focus Racer Pro". */
  appName: string;
  /**
   * Prefix of the localStorage keys holding this app's tokens. The three apps run on different ports in
   * development and may share an origin in production, so each keeps its own session.
   */
  storageKeyPrefix: string;
  /** Roles that may sign in to this app. Anyone else is refused at sign-in and not kept signed in. */
  allowedRoles: readonly Role[];
  /** The sentence shown to a signed-in user whose role is not allowed here. */
  refusalMessage: (role: Role) => string;
  /** Where to go after signing in when no return URL was asked for. */
  homePath: string;
  /** Path of the sign-in page; the interceptor and guards send people there. */
  loginPath: string;
}

export const FOCUS_RACER_APP_CONFIG = new InjectionToken<FocusRacerAppConfig>('FOCUS_RACER_APP_CONFIG');

export function defaultRefusalMessage(appName: string): (role: Role) => string {
  return (role) => `Your account (${ROLE_LABELS[role]}) has no access to ${appName}.`;
}
