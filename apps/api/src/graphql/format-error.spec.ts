import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { buildSchema, GraphQLError, parse, validate } from 'graphql';
import { ConflictError, NotFoundError, UnauthenticatedError, ValidationError } from '#libs/kernel';
import { formatGraphqlError, INTERNAL_MESSAGE } from './format-error.js';
import { depthLimitRule, QUERY_TOO_DEEP } from './limits.js';

const schema = buildSchema('type Query { a: A } type A { a: A n: Int }');

const formatted = (extensions: Record<string, unknown> = {}) => ({ message: 'raw', path: ['field'], extensions });
const asResolverError = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['field'] });

describe('GraphQL error codes', () => {
  it('gives domain errors their stable code and message, with the fields to fix', () => {
    const out = formatGraphqlError(formatted(), asResolverError(new ValidationError([{ field: 'minutes', message: 'must be 1 to 600' }])));
    expect(out).toMatchObject({
      message: 'minutes: must be 1 to 600',
      extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'minutes', message: 'must be 1 to 600' }] },
    });
    expect(formatGraphqlError(formatted(), asResolverError(new ConflictError('changed'))).extensions).toEqual({ code: 'CONFLICT' });
    expect(formatGraphqlError(formatted(), asResolverError(new NotFoundError('gone'))).extensions).toEqual({ code: 'NOT_FOUND' });
    expect(formatGraphqlError(formatted(), asResolverError(new UnauthenticatedError())).extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('maps Nest HTTP exceptions by status', () => {
    expect(formatGraphqlError(formatted(), asResolverError(new ForbiddenException())).extensions).toEqual({ code: 'FORBIDDEN' });
    expect(formatGraphqlError(formatted(), asResolverError(new NotFoundException())).extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('reports a request that fails validation as BAD_USER_INPUT', () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".');
    const out = formatGraphqlError({ message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, error);
    expect(out).toMatchObject({ message: error.message, extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('reports errors graphql-js or Apollo raise about the request itself as BAD_USER_INPUT, although Apollo codes them INTERNAL_SERVER_ERROR', () => {
    for (const message of ['Too many errors processing variables, error limit reached. Execution aborted.', 'Unsupported persisted query version']) {
      const out = formatGraphqlError({ message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new GraphQLError(message), () => {
        throw new Error('must not be logged as internal');
      });
      expect(out).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    }
  });

  it('still hides a GraphQLError with a path or an original error (our own code failing) behind INTERNAL', () => {
    const atField = new GraphQLError('Cannot return null for non-nullable field Query.a.', { path: ['a'] });
    expect(formatGraphqlError({ message: atField.message, path: ['a'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, atField, () => undefined).extensions).toEqual({
      code: 'INTERNAL',
    });
    const wrapped = new GraphQLError('Context creation failed: boom', { originalError: new Error('boom') });
    expect(formatGraphqlError({ message: wrapped.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrapped, () => undefined).extensions).toEqual({
      code: 'INTERNAL',
    });
  });

  it('keeps the code and figures of a query refused by the depth or cost limit, which Apollo wraps as a validation failure', () => {
    const [refused] = validate(schema, parse('{ a { a { a { n } } } }'), [depthLimitRule(2)]);
    const wrapped = new GraphQLError(refused.message, { originalError: refused, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const out = formatGraphqlError({ message: refused.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', actual: 4, max: 2 } }, wrapped);
    expect(out).toMatchObject({ message: refused.message, extensions: { code: QUERY_TOO_DEEP, actual: 4, max: 2 } });
  });

  it('hides an unexpected error behind INTERNAL, logs its name and stack but not its message', () => {
    const logged: string[] = [];
    const secret = new TypeError('cannot read name of person Jo Bloggs');
    const out = formatGraphqlError(formatted({ code: 'INTERNAL_SERVER_ERROR', stacktrace: ['x'] }), asResolverError(secret), (m) => logged.push(m));
    expect(out).toEqual({ message: INTERNAL_MESSAGE, path: ['field'], locations: undefined, extensions: { code: 'INTERNAL' } });
    expect(logged.join()).toContain('TypeError');
    expect(logged.join()).not.toContain('Jo Bloggs');
  });
});
