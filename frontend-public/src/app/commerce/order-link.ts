/**
 * The server gives order pages as URLs (`orderUrl`, with the access token). Inside the app they are followed by the
 * router, on whatever address this app is served from: only the path and the query are kept.
 */
export interface AppLink {
  path: string;
  queryParams: Record<string, string>;
}

export function orderLink(orderUrl: string): AppLink {
  const url = new URL(orderUrl, 'http://app.invalid');
  const queryParams: Record<string, string> = {};
  url.searchParams.forEach((value, key) => (queryParams[key] = value));
  return { path: url.pathname, queryParams };
}

/** The absolute address of an order page on this app (Stripe's `return_url`). */
export function orderReturnUrl(orderUrl: string, origin: string): string {
  const url = new URL(orderUrl, origin);
  return `${origin}${url.pathname}${url.search}`;
}
