import { Inject, Injectable } from '@nestjs/common';
import type { Decider, DomainEvent, UpcasterRegistry } from '#libs/kernel';
import { EVENT_STORE, type EventStore, handleCommand, loadState, type PreparedCommand, UPCASTERS } from '#libs/event-store';
import { PROJECTION_RUNNER, type ProjectionRunner } from '#libs/projections';
import { type CommandContext, type CommandReceipt, envelopeOf, receiptOf } from './command-context.js';

/** A kind of aggregate: how its streams are named, its decider, and the read models that show it. */
export interface AggregateKind<C, E extends DomainEvent, S> {
  readonly stream: (id: string) => string;
  readonly decider: Decider<C, E, S>;
  readonly readModels: readonly string[];
}

export interface AggregateCommands<C> {
  /**
   * Runs `command`, or prepares it first when it needs checks against other aggregates or sealing
   * of personal data (a retried command id skips the preparation and gets its first receipt).
   */
  record(streamId: string, context: CommandContext, command: C | PreparedCommand<C>, id?: string): Promise<CommandReceipt>;
}

/** How long a mutation waits for its read models before answering anyway. */
const READ_YOUR_WRITES_MS = 3000;

/**
 * Runs a validated command through its decider: load, decide, append (idempotent by command id,
 * optimistic on the loaded or stated revision), then waits until the named read models include
 * the write, so the caller's next query sees it.
 */
@Injectable()
export class CommandExecutor {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionRunner,
    @Inject(UPCASTERS) private readonly upcasters: UpcasterRegistry,
  ) {}

  /**
   * Commands for one kind of aggregate. `record` runs a command on the aggregate `streamId`; the
   * receipt names `id`: the aggregate, or the thing inside it that the command created or changed
   * (an interaction, a budget request).
   */
  on<C, E extends DomainEvent, S>(kind: AggregateKind<C, E, S>): AggregateCommands<C> {
    return { record: (streamId, context, command, id = streamId) => this.execute(kind, streamId, context, command, id) };
  }

  private async execute<C, E extends DomainEvent, S>(
    kind: AggregateKind<C, E, S>,
    streamId: string,
    context: CommandContext,
    command: C | PreparedCommand<C>,
    id: string,
  ): Promise<CommandReceipt> {
    const outcome = await handleCommand({
      store: this.store,
      stream: kind.stream(streamId),
      decider: kind.decider,
      command,
      envelope: envelopeOf(context),
      upcasters: this.upcasters,
      now: () => context.now,
    });
    if (context.waitForReadModels !== false && kind.readModels.length > 0) {
      await this.projections.waitFor(outcome.position, { projections: kind.readModels, timeoutMs: READ_YOUR_WRITES_MS });
    }
    return receiptOf(context, id, outcome);
  }

  /** Current state of another aggregate, for checks that span streams (e.g. the person exists). */
  state<E extends DomainEvent, S>(stream: string, decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>) {
    return loadState(this.store, stream, decider);
  }
}
