/**
 * Errors the domain and application layers raise. Each carries a stable code that the API
 * maps to GraphQL `extensions.code`. Messages are written for the person who has to fix the
 * input and never contain personal data: name the field, not its value.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL';

export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** Input that can never succeed as sent. Nothing was appended. */
export class ValidationError extends AppError {
  readonly code = 'BAD_USER_INPUT' as const;
  readonly problems: readonly FieldProblem[];
  constructor(problems: FieldProblem[] | string, field?: string) {
    const list = typeof problems === 'string' ? [{ field: field ?? 'input', message: problems }] : problems;
    super(list.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.problems = list;
  }
}

/** The state changed under the caller (optimistic concurrency) or the command no longer fits it. */
export class ConflictError extends AppError {
  readonly code = 'CONFLICT' as const;
}

export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND' as const;
}

export class UnauthenticatedError extends AppError {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(message = 'Sign in to continue.') {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN' as const;
  constructor(message = 'You do not have permission to do that.') {
    super(message);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
