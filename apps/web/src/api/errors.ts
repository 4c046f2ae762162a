import type { CombinedError } from 'urql';

/** One thing to fix, against a field of the form when the API named one. */
export interface Problem {
  readonly field?: string;
  readonly message: string;
}

export interface ApiFailure {
  /** UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, CONFLICT, NOT_FOUND, TOO_MANY_REQUESTS, INTERNAL or NETWORK. */
  readonly code: string;
  /** What to do, for the page's error summary. */
  readonly message: string;
  /** Field problems from `extensions.problems` (validation), in the API's field names. */
  readonly problems: readonly Problem[];
}

const NETWORK_MESSAGE = 'Learning Loop could not be reached. Check your connection, then try again: nothing is recorded twice.';

/** Reads an urql error into what the page shows: a code, a message and field problems. */
export function failureOf(error: CombinedError): ApiFailure {
  if (error.networkError && error.graphQLErrors.length === 0) return { code: 'NETWORK', message: NETWORK_MESSAGE, problems: [] };
  const first = error.graphQLErrors[0];
  const extensions = (first?.extensions ?? {}) as { code?: unknown; problems?: unknown };
  const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL';
  const problems = Array.isArray(extensions.problems)
    ? extensions.problems
        .filter((p): p is { field: string; message: string } => typeof p?.field === 'string' && typeof p?.message === 'string')
        .map((p) => ({ field: p.field, message: p.message }))
    : [];
  return { code, message: first?.message ?? error.message, problems };
}

/** True when the session has ended (expired, signed out elsewhere, password changed). */
export function isSignedOut(error: CombinedError | undefined): boolean {
  return !!error?.graphQLErrors.some((e) => (e.extensions as { code?: unknown } | undefined)?.code === 'UNAUTHENTICATED');
}

/**
 * Field problems as the form shows them: the API's field (e.g. `input.minutes` or `minutes`)
 * mapped to the form's field and its label, so that each message names what to fix. Problems
 * for fields the form does not show go to the summary alone.
 */
export function fieldErrors(
  problems: readonly Problem[],
  labels: Record<string, string>,
  /** The form's field for an API field, where they differ (e.g. organisationId → organisation). */
  formField: Record<string, string> = {},
): { byField: Record<string, string>; summary: Problem[] } {
  const byField: Record<string, string> = {};
  const summary: Problem[] = [];
  for (const problem of problems) {
    const field = problem.field?.replace(/^input\./, '');
    const label = field ? labels[field] : undefined;
    if (field && label) {
      const message = `${label} ${problem.message}`;
      const id = formField[field] ?? field;
      byField[id] ??= message;
      summary.push({ field: id, message });
    } else {
      summary.push({ message: field ? `${field} ${problem.message}` : problem.message });
    }
  }
  return { byField, summary };
}
