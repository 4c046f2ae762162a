import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { ConflictError, NotFoundError, UnauthenticatedError, ValidationError } from '#libs/kernel';
import { formatGraphqlError, INTERNAL_MESSAGE } from './format-error.js';

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

  it('hides an unexpected error behind INTERNAL, logs its name and stack but not its message', () => {
    const logged: string[] = [];
    const secret = new TypeError('cannot read name of person Jo Bloggs');
    const out = formatGraphqlError(formatted({ code: 'INTERNAL_SERVER_ERROR', stacktrace: ['x'] }), asResolverError(secret), (m) => logged.push(m));
    expect(out).toEqual({ message: INTERNAL_MESSAGE, path: ['field'], locations: undefined, extensions: { code: 'INTERNAL' } });
    expect(logged.join()).toContain('TypeError');
    expect(logged.join()).not.toContain('Jo Bloggs');
  });
});
