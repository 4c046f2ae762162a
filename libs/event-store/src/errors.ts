import { ConflictError } from '#libs/kernel';
import type { ExpectedRevision } from './event-store.port.js';

/** The stream was not where the writer expected it: someone else appended first. */
export class WrongExpectedRevisionError extends ConflictError {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(
      `The record changed since it was read (expected ${describe(expected)}, found ${
        actual === 'no_stream' ? 'none' : `revision ${actual}`
      }). Reload and try again.`,
    );
  }
}

function describe(expected: ExpectedRevision): string {
  return typeof expected === 'number' ? `revision ${expected}` : expected.replace('_', ' ');
}

/** The store could not be reached or failed; the message is safe to show to operators. */
export class EventStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}
