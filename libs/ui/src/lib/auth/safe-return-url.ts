/** Only paths inside this app are followed after sign-in; anything else (another site, "//host") goes home. */
export function safeReturnUrl(candidate: string | null | undefined, fallback: string): string {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) {
    return fallback;
  }
  if (candidate.startsWith('/login') || candidate.startsWith('/register')) {
    return fallback;
  }
  return candidate;
}
