import { buildSchema, parse, validate } from 'graphql';
import { operationTypeRule } from './operation-types.js';

const withoutSubscriptions = buildSchema('type Query { a: Int } type Mutation { b: Int }');
const withSubscriptions = buildSchema('type Query { a: Int } type Subscription { changed: Int }');
const messages = (schema: typeof withoutSubscriptions, source: string, transport: 'http' | 'graphql-ws') =>
  validate(schema, parse(source), [operationTypeRule(transport)]).map((e) => e.message);

describe('operation types', () => {
  it('refuses an operation type the schema does not have, before it runs', () => {
    expect(messages(withoutSubscriptions, 'subscription { nothing }', 'http')).toEqual(['This API has no subscription operations.']);
    expect(messages(withSubscriptions, 'mutation { b }', 'graphql-ws')).toEqual(['This API has no mutation operations.']);
  });

  it('sends subscriptions to graphql-ws, and lets them through there', () => {
    expect(messages(withSubscriptions, 'subscription { changed }', 'http')).toEqual([
      'Subscriptions are served over WebSocket (the graphql-ws protocol) at /graphql, not over HTTP.',
    ]);
    expect(messages(withSubscriptions, 'subscription { changed }', 'graphql-ws')).toEqual([]);
  });

  it('lets queries and mutations the schema has through', () => {
    expect(messages(withoutSubscriptions, 'query { a } mutation M { b }', 'http')).toEqual([]);
  });
});
