import { randomUUID } from 'node:crypto';
import type { CommandEnvelope, CommandOutcome } from '#libs/event-store';
import { uuidV5 } from '#libs/kernel';
import type { Check } from './validation.js';

/** Who sends a command, which command it is (for idempotent retries), and when. */
export interface CommandContext {
  readonly actor: string;
  readonly commandId: string;
  /** The revision the caller last saw; a stale one is a CONFLICT. */
  readonly expectedRevision?: number;
  readonly now: Date;
  /**
   * Whether the command waits until its read models include the write (read-your-writes).
   * On by default; bulk loaders such as the demo seed turn it off and catch up at the end.
   */
  readonly waitForReadModels?: boolean;
}

export function commandContext(options: {
  actor: string;
  commandId?: string | null;
  expectedRevision?: number | null;
  now?: Date;
  waitForReadModels?: boolean;
}): CommandContext {
  return {
    actor: options.actor,
    commandId: options.commandId ?? randomUUID(),
    expectedRevision: options.expectedRevision ?? undefined,
    now: options.now ?? new Date(),
    waitForReadModels: options.waitForReadModels ?? true,
  };
}

export function envelopeOf(context: CommandContext): CommandEnvelope {
  return {
    actor: context.actor,
    commandId: context.commandId,
    expectedRevision: context.expectedRevision,
    occurredAt: context.now.toISOString(),
  };
}

/** What a mutation answers: enough to retry safely, to follow up, and to read one's writes. */
export interface CommandReceipt {
  readonly commandId: string;
  /** The id of the thing the command created or changed. */
  readonly id: string;
  readonly revision: number;
  readonly position: string;
  readonly replayed: boolean;
}

export function receiptOf(context: CommandContext, id: string, outcome: CommandOutcome): CommandReceipt {
  return {
    commandId: context.commandId,
    id,
    revision: outcome.revision,
    position: `${outcome.position.commit}/${outcome.position.prepare}`,
    replayed: outcome.replayed,
  };
}

const CREATED_ID_NAMESPACE = '3d0c5b7e-8f1a-4c62-9b7d-5e2f1a0c9d48';

/**
 * The id of the thing a command creates: the caller's, checked, or else one derived from the
 * command id, so that a retried command names the same thing as its first attempt did.
 */
export function createdId(check: Check, context: CommandContext, field: string, given: string | null | undefined): string {
  return given ? check.id(field, given) : uuidV5(`${field}/${context.commandId}`, CREATED_ID_NAMESPACE);
}
