import type { INestApplication } from '@nestjs/common';
import { loadConfig, openRuntime, type Runtime } from '#libs/runtime';
import { createApp, schemaOf } from './bootstrap.js';
import { readSchemaFile, renderSchema } from './graphql/schema-file.js';

describe('the API on the embedded store', () => {
  let runtime: Runtime;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    runtime = await openRuntime(loadConfig({ DATA_DIR: ':memory:' }));
    await runtime.projections.start();
    app = await createApp(runtime, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  const graphql = async (query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
  };

  it('answers the health query with the store and every projection', async () => {
    const { body } = await graphql(`{ health { status store { kind reachable headPosition } projections { name state lag error { message } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.health.store).toMatchObject({ kind: 'embedded', reachable: true });
    expect(body.data.health.store.headPosition).toMatch(/^-?\d+\/-?\d+$/);
    expect(body.data.health.projections).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'event_statistics', error: null })]),
    );
    expect(body.data.health.status).toBe('OK');
  });

  it('serves plain HTTP health with 200 while the store answers', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as { status: string; store: { kind: string } };
    expect(health).toMatchObject({ status: 'ok', store: { kind: 'embedded' } });
  });

  it('reports a malformed request as BAD_USER_INPUT without a stack trace', async () => {
    const { body } = await graphql('{ health { noSuchField } }');
    expect(body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(body)).not.toContain('stacktrace');
  });

  it('has a checked-in schema/schema.graphql identical to what the code generates (run `npm run schema:generate`)', () => {
    expect(readSchemaFile()).toBe(renderSchema(schemaOf(app)));
  });
});
