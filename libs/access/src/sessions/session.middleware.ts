import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { RequestWithPrincipal } from '#libs/policy';
import { AccountsService } from '../identity/accounts.service.js';
import { SESSION_STORE } from '../tokens.js';
import { CSRF_HEADER, sessionTokenFrom } from './session-cookie.js';
import type { SessionStore } from './session-store.js';

type Request = RequestWithPrincipal & { method: string; headers: Record<string, string | string[] | undefined>; sessionToken?: string };

/** Methods that change nothing, for which no CSRF token is asked. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the session cookie to a principal on every request. A state-changing request made
 * with the cookie must also carry the session's CSRF token in a header, which another site's
 * page cannot read; without it the request runs as nobody and is refused by the policy guard.
 */
@Injectable()
export class SessionMiddleware implements NestMiddleware {
  constructor(
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    private readonly accounts: AccountsService,
  ) {}

  async use(req: Request, _res: unknown, next: (error?: unknown) => void): Promise<void> {
    try {
      const token = sessionTokenFrom(header(req, 'cookie'));
      if (token) {
        const session = await this.sessions.resume(token);
        if (session) {
          if (!SAFE_METHODS.has(req.method) && !sameToken(header(req, CSRF_HEADER), session.csrfToken)) {
            req.csrfRejected = true;
          } else {
            req.principal = await this.accounts.principalOf(session.userId);
            req.sessionToken = token;
          }
        }
      }
      next();
    } catch (error) {
      next(error);
    }
  }
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Compares a presented token with the session's in constant time. */
export function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
