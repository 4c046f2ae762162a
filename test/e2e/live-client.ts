import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { ApiClient } from './api-harness.js';

/** A graphql-ws client for a signed-in user: session cookie on the upgrade, CSRF token in the connection parameters. */
export function liveClient(url: string, who: ApiClient | undefined, csrfToken = who?.credentials?.csrfToken): Client {
  const headers = who?.credentials ? { cookie: who.credentials.cookie } : {};
  class WithSession extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WithSession, connectionParams: { csrfToken }, retryAttempts: 0, lazy: true });
}

/**
 * Whether a subscription is refused: 'unauthenticated' when the connection itself is closed as
 * forbidden (no session), 'forbidden' when the policy refuses it, 'ran' when it is still open after
 * `waitMs` (it is then stopped).
 */
export async function trySubscription(client: Client, query: string, waitMs = 700): Promise<string> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: string) => {
      if (settled) return;
      settled = true;
      stop();
      resolve(outcome);
    };
    const stop = client.subscribe(
      { query },
      {
        next: (value) => {
          const error = value.errors?.[0] as { message?: string; extensions?: { code?: string } } | undefined;
          if (!error) return;
          if (error.extensions?.code === 'FORBIDDEN') settle('forbidden');
          else if (error.extensions?.code === 'UNAUTHENTICATED') settle('unauthenticated');
          else settle(`ran (${error.extensions?.code})`);
        },
        error: (error) => settle((error as { code?: number }).code === 4403 ? 'unauthenticated' : `failed (${String((error as { code?: number }).code)})`),
        complete: () => settle('ran'),
      },
    );
    setTimeout(() => settle('ran'), waitMs);
  });
}
