import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '#libs/policy';
import { AccountsService } from '../identity/accounts.service.js';
import { SESSION_STORE } from '../tokens.js';
import { sessionTokenFrom } from './session-cookie.js';
import { sameToken } from './session.middleware.js';
import type { SessionStore } from './session-store.js';

/**
 * Who a GraphQL subscription connection (graphql-ws over WebSocket) runs as. The browser sends
 * the session cookie with the upgrade request; because a page of another site could open the
 * same WebSocket with that cookie, the connection must also present the session's CSRF token in
 * its connection parameters, which such a page cannot read. Without both it runs as nobody, and
 * the policy guard refuses every subscription that needs a role.
 */
@Injectable()
export class WebSocketSessions {
  constructor(
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    private readonly accounts: AccountsService,
  ) {}

  async principalFor(cookieHeader: string | undefined, csrfToken: unknown): Promise<Principal | undefined> {
    const token = sessionTokenFrom(cookieHeader);
    if (!token) return undefined;
    const session = await this.sessions.resume(token);
    if (!session || typeof csrfToken !== 'string' || !sameToken(csrfToken, session.csrfToken)) return undefined;
    return this.accounts.principalOf(session.userId);
  }
}
