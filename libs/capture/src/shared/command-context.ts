import { randomUUID } from 'node:crypto';
import type { CommandEnvelope, CommandOutcome } from '#libs/event-store';

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
