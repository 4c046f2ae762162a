import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { getIntrospectionQuery } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { AccountsService } from '#libs/access';
import { commandContext } from '#libs/capture';
import { loadConfig, openRuntime, type Runtime } from '#libs/runtime';
import { createApp } from './bootstrap.js';

/** The server on an in-memory store, configured from these environment variables. */
async function serve(env: Record<string, string>): Promise<{ url: string; app: INestApplication; close(): Promise<void> }> {
  const runtime: Runtime = await openRuntime(loadConfig({ DATA_DIR: ':memory:', ...env }), { runner: { log: () => undefined } });
  await runtime.projections.start();
  const app: INestApplication = await createApp(runtime, { logger: false });
  await app.listen(0, '127.0.0.1');
  return {
    url: await app.getUrl(),
    app,
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}

const post = (url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${url}/graphql`, { method: 'POST', headers, body });
const postQuery = (url: string, query: string) => post(url, JSON.stringify({ query }));
const nested = (levels: number) => `{ organisationTree { ${'children { '.repeat(levels - 2)}id${' }'.repeat(levels - 2)} } }`;

/** A new user with the leader role, signed in: the session cookie and its CSRF token. */
async function signedIn(server: { url: string; app: INestApplication }): Promise<{ cookie: string; csrfToken: string }> {
  const accounts = server.app.get(AccountsService);
  const email = `hardening-${randomUUID()}@example.test`;
  const password = 'synthetic-hardening-password-01';
  const invited = await accounts.invite({ email, displayName: 'Synthetic Leader', grants: [{ role: 'leader' }] }, commandContext({ actor: 'system:test' }));
  await accounts.setPassword(invited.receipt.id, password, 'admin_cli', commandContext({ actor: 'system:test' }));
  const response = await post(server.url, JSON.stringify({ query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { csrfToken } }', variables: { e: email, p: password } }));
  const body = (await response.json()) as { data: { signIn: { csrfToken: string } } };
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0], csrfToken: body.data.signIn.csrfToken };
}

describe('HTTP and GraphQL hardening, outside production', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve({ REQUEST_BODY_LIMIT_KB: '4', GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_COST: '5000000' });
  });
  afterAll(() => server?.close());

  it('sends security headers with every response: a same-origin content security policy, no sniffing, no framing', async () => {
    for (const response of [await fetch(`${server.url}/health`), await postQuery(server.url, '{ health { status } }')]) {
      const policy = response.headers.get('content-security-policy')!;
      const host = new URL(server.url).host;
      expect(policy.split(';')).toEqual(
        expect.arrayContaining([
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self'",
          "img-src 'self' data:",
          "font-src 'self' data:",
          `connect-src 'self' ws://${host} wss://${host}`,
          "object-src 'none'",
          "frame-ancestors 'none'",
        ]),
      );
      expect(policy).not.toContain('unsafe-inline');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('serves the GraphiQL page with a policy that lets it load from unpkg.com, on that page only', async () => {
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('graphiql');
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toContain("script-src 'self' 'unsafe-inline' https://unpkg.com");
    expect(policy).toContain("style-src 'self' 'unsafe-inline' https://unpkg.com");
  });

  it('answers the full introspection query that code generators send', async () => {
    const response = await postQuery(server.url, getIntrospectionQuery());
    const body = (await response.json()) as { data?: { __schema: { types: unknown[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data!.__schema.types.length).toBeGreaterThan(50);
  });

  it('refuses a query deeper than GRAPHQL_MAX_DEPTH with 400 and QUERY_TOO_DEEP, before running it', async () => {
    // At the limit it passes validation and reaches the access check (nobody is signed in here).
    const atLimit = (await (await postQuery(server.url, nested(6))).json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(atLimit.errors.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    const response = await postQuery(server.url, nested(7));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { data?: unknown; errors: Array<{ message: string; extensions: unknown }> };
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      {
        message: expect.stringMatching(/^The query nests fields 7 levels deep; at most 6 are allowed\./),
        locations: expect.any(Array),
        extensions: { code: 'QUERY_TOO_DEEP', actual: 7, max: 6 },
      },
    ]);
  });

  it('refuses a query costlier than GRAPHQL_MAX_COST with 400 and QUERY_TOO_COMPLEX, before running it', async () => {
    const response = await postQuery(server.url, '{ auditLog(first: 2000000) { entries { eventType actor } } }');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { data?: unknown; errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', actual: 1 + 2_000_000 * (1 + 2), max: 5_000_000 });
    expect(body.errors[0].message).toMatch(/^The query has an estimated cost of 6000001; at most 5000000 is allowed\. .*smaller pages/);
  });

  it('applies the same limits and text checks to operations sent over graphql-ws', async () => {
    // graphql-ws connections run as a signed-in user: the session cookie, and its CSRF token as a connection parameter.
    const { cookie, csrfToken } = await signedIn(server);
    class WebSocketWithCookie extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { cookie } });
      }
    }
    const client = createClient({
      url: `${server.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocketWithCookie,
      connectionParams: { csrfToken },
      // Retries only re-open a dropped connection (a slow, busy machine); refused operations are not retried.
      retryAttempts: 3,
    });
    const run = (query: string, variables?: Record<string, unknown>) =>
      new Promise<unknown>((resolve) => {
        const results: unknown[] = [];
        client.subscribe({ query, variables }, { next: (value) => results.push(value), error: (error) => resolve({ error }), complete: () => resolve({ results }) });
      });
    try {
      expect(await run(nested(7))).toEqual({ error: [expect.objectContaining({ extensions: { code: 'QUERY_TOO_DEEP', actual: 7, max: 6 } })] });
      const unstorable = await run('mutation($i: RegisterAreaInput!) { registerArea(input: $i) { id } }', { i: { name: 'Synthetic\u0000Area' } });
      expect(unstorable).toEqual({ error: [expect.objectContaining({ message: expect.stringMatching(/^The variable i\.name contains a NUL character/) })] });
      const ran = (await run('{ __typename }')) as { results: Array<{ data: unknown }> };
      expect(ran.results).toEqual([{ data: { __typename: 'Query' } }]);
    } finally {
      await client.dispose();
    }
  });

  it('refuses text that cannot be stored (NUL, a broken surrogate) with 400 before anything runs, naming where it is', async () => {
    const response = await post(
      server.url,
      JSON.stringify({ query: 'mutation($i: RegisterAreaInput!) { registerArea(input: $i) { id } }', variables: { i: { name: 'Synthetic\u0000Area' } } }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'The variable i.name contains a NUL character or a broken Unicode character (an unpaired surrogate), which cannot be stored. Remove it and send again.',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });

  it('refuses a subscription over HTTP, and an operation type the schema lacks, as BAD_USER_INPUT', async () => {
    const response = await postQuery(server.url, 'subscription { anything }');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors.map((e) => e.extensions.code)).toContain('BAD_USER_INPUT');
    expect(JSON.stringify(body)).not.toContain('INTERNAL');
  });

  it('refuses a body over REQUEST_BODY_LIMIT_KB with 413 and says what the limit is', async () => {
    const response = await post(server.url, JSON.stringify({ query: '{ health { status } }', variables: { padding: 'x'.repeat(5 * 1024) } }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'The request body is larger than the 4 kB this server accepts (REQUEST_BODY_LIMIT_KB). Send less at once.',
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        },
      ],
    });
  });

  it('keeps an idle connection open for 65 s, longer than a proxy or a client keeps it, so that it is never closed under a request', async () => {
    const response = await postQuery(server.url, '{ health { status } }');
    expect(response.headers.get('keep-alive')).toBe('timeout=65');
  });

  it('answers a request for an address that does not exist with 404, without repeating the address', async () => {
    for (const [method, path] of [['GET', '/auth/synthetic-person@example.test'], ['POST', '/synthetic-name-in-a-path'], ['GET', '/health/synthetic-name.js']]) {
      const response = await fetch(`${server.url}${path}`, { method });
      expect(response.status).toBe(404);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ statusCode: 404, error: 'Not Found', message: 'There is nothing at this address.' });
      expect(text).not.toContain('synthetic');
    }
  });

  it('answers malformed JSON with 400, without quoting the body back and without a stack trace', async () => {
    const response = await post(server.url, '{"query": "{ health { status } }", "variables": {"name": synthetic-secret-words');
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ errors: [{ message: expect.stringMatching(/^The request body is not valid JSON\./), extensions: { code: 'BAD_USER_INPUT' } }] });
    expect(text).not.toContain('synthetic-secret-words');
    expect(text).not.toMatch(/stack|at JSON\.parse|node_modules/);
  });

  it('answers an unsupported charset or encoding with 415, and a corrupt gzip body with 400', async () => {
    const charset = await post(server.url, '{}', { 'content-type': 'application/json; charset=ebcdic-synthetic' });
    expect(charset.status).toBe(415);
    expect(await charset.text()).not.toContain('ebcdic-synthetic');
    const encoding = await post(server.url, '{}', { 'content-type': 'application/json', 'content-encoding': 'synthetic-zip' });
    expect(encoding.status).toBe(415);
    const gzip = await post(server.url, 'not gzip at all', { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(gzip.status).toBe(400);
    expect(((await gzip.json()) as { errors: Array<{ extensions: unknown }> }).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });
});

describe('HTTP and GraphQL hardening in production', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve({ NODE_ENV: 'production' });
  });
  afterAll(() => server?.close());

  it('refuses introspection', async () => {
    const response = await postQuery(server.url, getIntrospectionQuery());
    expect(response.status).toBe(400);
    const body = (await response.json()) as { data?: unknown; errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.data).toBeUndefined();
    expect(body.errors[0].message).toMatch(/introspection is not allowed/i);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('serves no GraphiQL page, and the strict policy on /graphql too, with HSTS', async () => {
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('graphiql');
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toContain('unpkg');
    expect(page.headers.get('strict-transport-security')).toBe('max-age=15552000');
  });

  it('still answers ordinary queries, and refuses a deep one at the default depth of 10', async () => {
    const ok = (await (await postQuery(server.url, '{ health { status } }')).json()) as { data?: { health: { status: string } } };
    expect(ok.data?.health.status).toBeDefined();
    const deep = (await (await postQuery(server.url, nested(11))).json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(deep.errors.map((e) => e.extensions.code)).toContain('QUERY_TOO_DEEP');
  });
});
