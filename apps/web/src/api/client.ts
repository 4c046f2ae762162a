import { Client, cacheExchange, fetchExchange, mapExchange } from 'urql';
import { isSignedOut } from './errors.js';

/**
 * The GraphQL client. The session itself is an HTTP-only cookie the browser sends; the CSRF
 * token the API asks for on every POST lives only here, in memory (never in storage), so a
 * reload asks the API for it again (see session.tsx). A new client is made at every sign-in and
 * sign-out, so nothing one user read stays cached for the next.
 */
export function makeClient(options: { csrfToken?: string; onSignedOut?: () => void }): Client {
  const headers: Record<string, string> = {
    // Apollo's CSRF prevention lets a GET through only with a header a plain form cannot send.
    'apollo-require-preflight': 'true',
  };
  if (options.csrfToken) headers['x-csrf-token'] = options.csrfToken;
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    fetchOptions: { credentials: 'same-origin', headers },
    exchanges: [
      mapExchange({
        onError(error) {
          if (options.onSignedOut && isSignedOut(error)) options.onSignedOut();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}
