import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { type ErrorCode, isAppError } from '#libs/kernel';
import { queryLimitOf } from './limits.js';

const BY_HTTP_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'TOO_MANY_REQUESTS',
};

/** Apollo's own codes for a request that is wrong as sent: all the caller's to fix. */
const CLIENT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE']);

export const INTERNAL_MESSAGE = 'Something went wrong on our side. It has been logged; please try again.';

/**
 * Every error leaves the API with a stable `extensions.code` (BAD_USER_INPUT, CONFLICT,
 * NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, TOO_MANY_REQUESTS, QUERY_TOO_DEEP, QUERY_TOO_COMPLEX
 * or INTERNAL), a message meant for the caller, and no stack trace. Unexpected errors are
 * logged by name and stack only (never with variables, which may hold personal data) and reach
 * the client as a plain INTERNAL.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: (message: string) => void = (message) => console.error(message),
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { locations: formatted.locations, path: formatted.path };

  if (isAppError(original)) {
    const extensions: Record<string, unknown> = { code: original.code };
    const problems = (original as { problems?: unknown }).problems;
    if (Array.isArray(problems)) extensions.problems = problems;
    return { ...base, message: original.message, extensions };
  }
  if (original instanceof HttpException) {
    const code = BY_HTTP_STATUS[original.getStatus()];
    if (code === 'TOO_MANY_REQUESTS') return { ...base, message: 'Too many attempts from here: wait a minute and try again.', extensions: { code } };
    if (code) return { ...base, message: original.message, extensions: { code } };
  }
  const limit = queryLimitOf(error);
  if (limit) {
    // Refused before it ran: QUERY_TOO_DEEP or QUERY_TOO_COMPLEX, with the measure and the limit.
    return { ...base, message: limit.message, extensions: { code: limit.limitCode, ...limit.measured } };
  }
  const apolloCode = formatted.extensions?.code;
  if (typeof apolloCode === 'string' && CLIENT_CODES.has(apolloCode)) {
    return { ...base, message: formatted.message, extensions: { code: 'BAD_USER_INPUT' } };
  }
  const aboutTheRequest = original instanceof GraphQLError && !original.originalError && !original.path;
  if (original instanceof GraphQLError && !original.originalError && (typeof apolloCode !== 'string' || (aboutTheRequest && apolloCode === 'INTERNAL_SERVER_ERROR'))) {
    // A GraphQL-level error about the request itself, made by graphql-js or Apollo rather than
    // thrown by our code (which always has an originalError or a path): a bad variable value,
    // over 50 of them ("Too many errors processing variables"), an unsupported persisted-query
    // version. Apollo gives those without a code of their own INTERNAL_SERVER_ERROR.
    return { ...base, message: formatted.message, extensions: { code: 'BAD_USER_INPUT' } };
  }
  const name = original instanceof Error ? original.name : typeof original;
  const stack = original instanceof Error ? original.stack?.split('\n').slice(1, 6).join('\n') : '';
  log(`[graphql] INTERNAL ${name} at ${formatted.path?.join('.') ?? '(request)'}\n${stack}`);
  return { ...base, message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL' } };
}
