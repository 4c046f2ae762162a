/**
 * The cookie that ties a browser to the single sign-on it began. HTTP-only and Secure like the
 * session cookie, but SameSite=Lax: the provider sends the browser back with a cross-site
 * redirect, on which a Strict cookie would not be sent. Lax still keeps it off cross-site
 * sub-requests and POSTs. Scoped to the sign-in routes, and kept a while after the pending
 * sign-in expires so that a late return can be told it expired.
 */
export const PENDING_SIGN_IN_COOKIE = 'll_oidc_pending';
export const PENDING_SIGN_IN_COOKIE_PATH = '/auth/oidc';

export function pendingSignInCookie(id: string, maxAgeMs: number): string {
  return `${PENDING_SIGN_IN_COOKIE}=${id}; Path=${PENDING_SIGN_IN_COOKIE_PATH}; HttpOnly; Secure; SameSite=Lax; Max-Age=${Math.floor(maxAgeMs / 1000)}`;
}

export function clearedPendingSignInCookie(): string {
  return `${PENDING_SIGN_IN_COOKIE}=; Path=${PENDING_SIGN_IN_COOKIE_PATH}; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;
}

/** The pending sign-in id from a Cookie header, if any. */
export function pendingSignInIdFrom(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === PENDING_SIGN_IN_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return value.length > 0 ? value : undefined;
    }
  }
  return undefined;
}
