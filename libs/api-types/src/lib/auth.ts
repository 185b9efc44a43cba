import { Role } from './roles';

/** A user as the API shows it: never the password hash, never tokens. */
export interface UserDto {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  stripeOnboarded: boolean;
  creditBalance: number;
  createdAt: string;
}

export interface RegisterRequest {
  email: string;
  password: string;
  displayName: string;
  /** Defaults to RUNNER. Pros pick one of PRO_ROLES. ADMIN is refused. */
  role?: Role;
  /**
   * The `invite` token of an event invitation link (`/register?invite=<token>&email=<email>`): registering as a
   * PHOTOGRAPHER with it joins the event (and any other pending invitation of the invited address). Without it, a
   * PHOTOGRAPHER registering with an invited address joins too. An unknown or expired token is ignored, not refused.
   */
  invite?: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface LogoutRequest {
  refreshToken: string;
}

export interface PasswordResetRequest {
  email: string;
}

export interface PasswordResetConfirm {
  token: string;
  password: string;
}

/** Returned by register, login and refresh. The refresh token is single-use: each refresh returns a new one. */
export interface AuthResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  user: UserDto;
}

/** Claims inside the access token. */
export interface JwtPayload {
  sub: string;
  email: string;
  role: Role;
}

/** Password rule shared by the API's validation and the apps' forms. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_RULE_MESSAGE =
  'Password must be at least 10 characters and contain a lower-case letter, an upper-case letter and a digit.';
export const PASSWORD_PATTERN = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{10,128}$/;

/**
 * Path (relative to an app's origin) of the page where a reset link lands; the API builds the emailed link with
 * it and each app routes it, so the two cannot drift apart.
 */
export const PASSWORD_RESET_CONFIRM_PATH = 'password-reset/confirm';
