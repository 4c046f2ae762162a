import { Controller, Get, Header, NotFoundException, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '#libs/policy';
import { sessionCookie } from '../sessions/session-cookie.js';
import { OidcSignInFlow } from './oidc-sign-in.flow.js';
import { OIDC_ENV } from './oidc-config.js';
import { PENDING_SIGN_IN_SETTINGS } from './pending-sign-in-store.js';
import { clearedPendingSignInCookie, pendingSignInCookie, pendingSignInIdFrom } from './pending-sign-in-cookie.js';

export const OIDC_NOT_CONFIGURED =
  `Single sign-on is not configured on this server. To turn it on, set ${OIDC_ENV.issuerUrl}, ${OIDC_ENV.clientId}, ` +
  `${OIDC_ENV.clientSecret} and ${OIDC_ENV.redirectUri}, then restart it.`;

/** Where the web app is, relative to this server. */
const HOME = '/';
const SIGN_IN_PAGE = '/sign-in';

/**
 * Single sign-on over plain HTTP, because it is browser navigation rather than an API call:
 * `GET /auth/oidc/login` sends the browser to the provider, `GET /auth/oidc/callback` is where
 * the provider sends it back (register it as the redirect URI). A sign-in that works ends at
 * `/` with the session cookie set; the web app then asks for the session's CSRF token with the
 * `csrfToken` query (over GET, which needs no token), as it does after a reload. One that does
 * not ends at `/sign-in?error=<code>` (see OIDC_SIGN_IN_ERROR_CODES). Both routes answer 404
 * when single sign-on is not configured; `GET /auth/oidc/status` says whether it is, so the
 * sign-in page offers it only then.
 */
@Controller('auth/oidc')
export class OidcController {
  constructor(private readonly flow: OidcSignInFlow) {}

  /** Whether single sign-on is configured: public, and says nothing more (no issuer, no client). */
  @Public()
  @Get('status')
  @Header('Cache-Control', 'no-store')
  status(): { enabled: boolean } {
    return { enabled: this.flow.enabled };
  }

  @Public()
  @Get('login')
  async login(@Res() res: Response): Promise<void> {
    this.requireEnabled();
    const started = await this.flow.begin();
    res.setHeader('Cache-Control', 'no-store');
    if (!started.ok) return res.redirect(303, signInPage(started.code));
    res.setHeader('Set-Cookie', pendingSignInCookie(started.pendingId, PENDING_SIGN_IN_SETTINGS.validMs + PENDING_SIGN_IN_SETTINGS.keepExpiredMs));
    res.redirect(302, started.url);
  }

  @Public()
  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    this.requireEnabled();
    // Only the query matters: the code is redeemed with the configured redirect URI.
    const callbackUrl = new URL(req.originalUrl, 'http://callback.invalid');
    const outcome = await this.flow.complete(pendingSignInIdFrom(req.headers.cookie), callbackUrl);
    res.setHeader('Cache-Control', 'no-store');
    if (!outcome.ok) {
      res.setHeader('Set-Cookie', clearedPendingSignInCookie());
      return res.redirect(303, signInPage(outcome.code));
    }
    res.setHeader('Set-Cookie', [clearedPendingSignInCookie(), sessionCookie(outcome.session.token, outcome.session.expiresAt)]);
    res.redirect(303, HOME);
  }

  private requireEnabled(): void {
    if (!this.flow.enabled) throw new NotFoundException(OIDC_NOT_CONFIGURED);
  }
}

function signInPage(code: string): string {
  return `${SIGN_IN_PAGE}?error=${encodeURIComponent(code)}`;
}
