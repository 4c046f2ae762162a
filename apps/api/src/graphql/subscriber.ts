import type { IncomingMessage } from 'node:http';
import type { ExecutionResult, GraphQLError } from 'graphql';
import type { WebSocketSessions } from '#libs/access';
import type { Principal } from '#libs/policy';
import { formatGraphqlError } from './format-error.js';

interface SubscriberContext {
  readonly connectionParams?: Readonly<Record<string, unknown>>;
  readonly extra: { readonly request: IncomingMessage; principal?: Principal };
}

/**
 * graphql-ws options that make a subscription connection run as the signed-in user: the
 * session cookie of the upgrade request with the session's CSRF token in the connection
 * parameters (`{ csrfToken }`). A connection without them is closed at once (4403 Forbidden);
 * each subscription is then checked by the same policy guard as queries and mutations.
 */
export function subscriberOptions(sessions: WebSocketSessions) {
  return {
    onConnect: async (ctx: SubscriberContext): Promise<boolean> => {
      const cookie = ctx.extra.request.headers.cookie;
      const principal = await sessions.principalFor(Array.isArray(cookie) ? cookie[0] : cookie, ctx.connectionParams?.csrfToken);
      if (!principal) return false;
      ctx.extra.principal = principal;
      return true;
    },
    // The policy guard and the parameter decorators read the principal from `req`, as over HTTP.
    context: (ctx: SubscriberContext) => ({ req: { principal: ctx.extra.principal } }),
    // Errors go out as over HTTP: with their code, without stack traces or internals.
    onNext: (_ctx: unknown, _id: string, _payload: unknown, _args: unknown, result: ExecutionResult) =>
      result.errors ? { ...result, errors: result.errors.map((error: GraphQLError) => formatGraphqlError(error.toJSON(), error)) } : result,
  };
}
