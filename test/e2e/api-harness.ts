import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { AccountsService, userIdFor } from '#libs/access';
import { commandContext } from '#libs/capture';
import type { Grant } from '#libs/policy';
import { loadConfig, openRuntime, type Runtime } from '#libs/runtime';
import { createApp } from '../../apps/api/src/bootstrap.js';

export interface GraphqlResult<T = any> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; problems?: Array<{ field: string; message: string }> } }>;
}

/** A signed-in (or anonymous) caller of the API. */
export interface ApiClient {
  readonly userId?: string;
  /** The session cookie and its CSRF token, for a graphql-ws connection (signed-in clients only). */
  readonly credentials?: { readonly cookie: string; readonly csrfToken: string };
  graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResult<T>>;
  /** Like graphql, but fails the test on any error and returns data. */
  ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export interface ApiHarness extends ApiClient {
  readonly runtime: Runtime;
  readonly app: INestApplication;
  readonly url: string;
  /** Gives the harness's own user (an admin and influencer) the coach role in a team. */
  coachIn(teamId: string): Promise<void>;
  /** A new user with these grants, signed in through the API. */
  as(grants: Grant[]): Promise<ApiClient>;
  /** Nobody signed in. */
  readonly anonymous: ApiClient;
  close(): Promise<void>;
}

const PASSWORD = 'synthetic-password-for-tests';

/**
 * The real server on an in-memory embedded store, over HTTP on a free loopback port, signed in
 * as an admin and influencer through the real sign-in (session cookie and CSRF token).
 */
export async function openApi(options: { env?: Record<string, string> } = {}): Promise<ApiHarness> {
  // `env` adds settings (single sign-on, say) to the configuration; the process environment is not read.
  const runtime = await openRuntime(loadConfig({ ...options.env, DATA_DIR: ':memory:' }), { runner: { log: () => undefined } });
  await runtime.projections.start();
  const app = await createApp(runtime, { logger: false });
  // Tests seed in-process between requests, holding the event loop for seconds at a time; when
  // it frees, the server's idle timer and the next request can meet on the same kept-alive
  // connection ("other side closed"). Here only the client (fetch: after 4 s idle) closes them.
  (app.getHttpServer() as Server).keepAliveTimeout = 0;
  await app.listen(0, '127.0.0.1');
  const url = `${await app.getUrl()}/graphql`;
  const accounts = app.get(AccountsService);

  const anonymous = client(url);
  const as = async (grants: Grant[]): Promise<ApiClient> => {
    const email = `user-${randomUUID()}@example.test`;
    const system = commandContext({ actor: 'system:test' });
    const { receipt } = await accounts.invite({ email, displayName: 'Synthetic User', grants }, system);
    await accounts.setPassword(receipt.id, PASSWORD, 'admin_cli', commandContext({ actor: 'system:test' }));
    return signIn(url, email);
  };
  const me = await as([{ role: 'admin' }, { role: 'influencer' }]);
  return {
    runtime,
    app,
    url,
    userId: me.userId,
    credentials: me.credentials,
    graphql: me.graphql,
    ok: me.ok,
    anonymous,
    as,
    async coachIn(teamId: string) {
      await accounts.grant(me.userId!, { role: 'coach', teamId }, commandContext({ actor: 'system:test' }));
    },
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}

export async function signIn(url: string, email: string, password = PASSWORD): Promise<ApiClient> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { csrfToken } }', variables: { e: email, p: password } }),
  });
  const body = (await response.json()) as GraphqlResult<{ signIn: { csrfToken: string } }>;
  if (body.errors) throw new Error(`sign-in failed: ${JSON.stringify(body.errors)}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  const csrfToken = body.data!.signIn.csrfToken;
  return { ...client(url, { cookie, 'x-csrf-token': csrfToken }, userIdFor(email)), credentials: { cookie, csrfToken } };
}

function client(url: string, headers: Record<string, string> = {}, userId?: string): ApiClient {
  const graphql = async <T>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResult<T>> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlResult<T>;
  };
  return {
    userId,
    graphql,
    async ok<T>(query: string, variables?: Record<string, unknown>) {
      const result = await graphql<T>(query, variables);
      if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
  };
}
