import { Inject, Injectable } from '@nestjs/common';
import type { Decider, DomainEvent, UpcasterRegistry } from '#libs/kernel';
import { EVENT_STORE, type EventStore, handleCommand, loadState, UPCASTERS } from '#libs/event-store';
import { PROJECTION_RUNNER, type ProjectionRunner } from '#libs/projections';
import { type CommandContext, type CommandReceipt, envelopeOf, receiptOf } from './command-context.js';

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

  async run<C, E extends DomainEvent, S>(options: {
    stream: string;
    id: string;
    decider: Decider<C, E, S>;
    command: C;
    context: CommandContext;
    readModels?: readonly string[];
  }): Promise<CommandReceipt> {
    const outcome = await handleCommand({
      store: this.store,
      stream: options.stream,
      decider: options.decider,
      command: options.command,
      envelope: envelopeOf(options.context),
      upcasters: this.upcasters,
      now: () => options.context.now,
    });
    if (options.context.waitForReadModels !== false && options.readModels && options.readModels.length > 0) {
      await this.projections.waitFor(outcome.position, { projections: options.readModels, timeoutMs: READ_YOUR_WRITES_MS });
    }
    return receiptOf(options.context, options.id, outcome);
  }

  /** Current state of another aggregate, for checks that span streams (e.g. the person exists). */
  state<E extends DomainEvent, S>(stream: string, decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>) {
    return loadState(this.store, stream, decider);
  }
}
