/**
 * The seven roles of Focus Racer. Shared by the API (guards, entities) and the three apps (navigation, wording),
 * so a role is spelled once.
 */
export enum Role {
  PHOTOGRAPHER = 'PHOTOGRAPHER',
  ORGANIZER = 'ORGANIZER',
  AGENCY = 'AGENCY',
  CLUB = 'CLUB',
  FEDERATION = 'FEDERATION',
  ADMIN = 'ADMIN',
  RUNNER = 'RUNNER',
}

/** Roles a professional may pick at registration on the pro site. ADMIN is never self-registered. */
export const PRO_ROLES: readonly Role[] = [
  Role.PHOTOGRAPHER,
  Role.ORGANIZER,
  Role.AGENCY,
  Role.CLUB,
  Role.FEDERATION,
] as const;

/** Roles that organise races rather than shoot them; they share the organizer space of the pro app. */
export const ORGANIZER_ROLES: readonly Role[] = [Role.ORGANIZER, Role.AGENCY, Role.CLUB, Role.FEDERATION] as const;

/** Roles allowed to own events (create, edit, upload to). */
export const EVENT_OWNER_ROLES: readonly Role[] = [...PRO_ROLES, Role.ADMIN] as const;

export function isProRole(role: Role): boolean {
  return PRO_ROLES.includes(role);
}

export function isOrganizerRole(role: Role): boolean {
  return ORGANIZER_ROLES.includes(role);
}

/** Human labels used by the apps (navigation, badges). */
export const ROLE_LABELS: Record<Role, string> = {
  [Role.PHOTOGRAPHER]: 'Photographer',
  [Role.ORGANIZER]: 'Race organizer',
  [Role.AGENCY]: 'Agency',
  [Role.CLUB]: 'Club',
  [Role.FEDERATION]: 'Federation',
  [Role.ADMIN]: 'Administrator',
  [Role.RUNNER]: 'Runner',
};
