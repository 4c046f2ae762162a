import type { INestApplication } from '@nestjs/common';
import { loadConfig, openRuntime, type Runtime } from '#libs/runtime';
import { createApp } from '../../apps/api/src/bootstrap.js';

export interface GraphqlResult<T = any> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; problems?: Array<{ field: string; message: string }> } }>;
}

export interface ApiHarness {
  readonly runtime: Runtime;
  readonly app: INestApplication;
  graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResult<T>>;
  /** Like graphql, but fails the test on any error and returns data. */
  ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

/** The real server on an in-memory embedded store, over HTTP on a free loopback port. */
export async function openApi(): Promise<ApiHarness> {
  const runtime = await openRuntime(loadConfig({ DATA_DIR: ':memory:' }), { runner: { log: () => undefined } });
  await runtime.projections.start();
  const app = await createApp(runtime, { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = `${await app.getUrl()}/graphql`;
  const graphql = async <T>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResult<T>> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlResult<T>;
  };
  return {
    runtime,
    app,
    graphql,
    async ok<T>(query: string, variables?: Record<string, unknown>) {
      const result = await graphql<T>(query, variables);
      if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}
