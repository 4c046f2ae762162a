import {
  type Decider,
  type DomainEvent,
  type EventMetadata,
  fold,
  type Position,
  type RecordedEvent,
  UpcasterRegistry,
} from '#libs/kernel';
import type { AppendResult, EventStore, ExpectedRevision } from './event-store.port.js';

/** What every command carries besides its own fields: who, which command, when. */
export interface CommandEnvelope {
  readonly commandId: string;
  readonly actor: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** When the thing happened in the world; defaults to now. */
  readonly occurredAt?: string;
  /**
   * The stream revision the caller last saw (optimistic concurrency from the client). Without
   * it the handler still guards against concurrent writers with the revision it loaded.
   */
  readonly expectedRevision?: number;
}

export interface CommandOutcome {
  readonly stream: string;
  readonly revision: number;
  readonly position: Position;
  readonly eventIds: readonly string[];
  /** True when this command id had been handled before and nothing new was written. */
  readonly replayed: boolean;
}

export type PreparedCommand<TCommand> = () => Promise<TCommand>;

export interface HandleCommandOptions<TCommand, TEvent extends DomainEvent, TState> {
  readonly store: EventStore;
  readonly stream: string;
  readonly decider: Decider<TCommand, TEvent, TState>;
  /**
   * The command, or how to prepare it when work with effects or reads of other aggregates comes
   * first (checking a referenced person exists, sealing personal data). A preparation runs only
   * for a command id not handled before, so a retry returns its first outcome even when such a
   * check would now fail.
   */
  readonly command: TCommand | PreparedCommand<TCommand>;
  readonly envelope: CommandEnvelope;
  /** Schema versions of new events (the registry's current version per type). */
  readonly upcasters?: UpcasterRegistry;
  readonly now?: () => Date;
}

/**
 * Load, decide, append: the one way commands change state. The command id is checked first, so
 * a retried command returns its first outcome even if the state has moved on since; the append
 * expects the revision that was loaded (or the caller's), so a concurrent change surfaces as a
 * CONFLICT instead of a decision made on stale state.
 */
export async function handleCommand<TCommand, TEvent extends DomainEvent, TState>(
  options: HandleCommandOptions<TCommand, TEvent, TState>,
): Promise<CommandOutcome> {
  const { store, stream, decider, envelope } = options;
  const earlier = await store.findCommand(envelope.commandId);
  if (earlier) return outcome(earlier);
  const command = typeof options.command === 'function' ? await (options.command as PreparedCommand<TCommand>)() : options.command;

  const history = await store.readStream(stream);
  const loaded = history.length === 0 ? -1 : history[history.length - 1].revision;
  const state = fold(decider, history.map(asDomainEvent) as TEvent[]);
  const decided = decider.decide(command, state);

  const expected: ExpectedRevision =
    envelope.expectedRevision !== undefined ? toExpected(envelope.expectedRevision) : toExpected(loaded);
  const metadata: EventMetadata = {
    actor: envelope.actor,
    commandId: envelope.commandId,
    correlationId: envelope.correlationId ?? envelope.commandId,
    causationId: envelope.causationId ?? envelope.commandId,
    occurredAt: envelope.occurredAt ?? (options.now ?? (() => new Date()))().toISOString(),
  };
  const registry = options.upcasters;
  const result = await store.append(
    stream,
    decided.map((event) => ({
      type: event.type,
      schemaVersion: registry ? registry.currentVersion(event.type) : 1,
      data: event.data,
      metadata,
    })),
    expected,
    { commandId: envelope.commandId },
  );
  return outcome(result);
}

/** Loads a stream's current state through a decider's evolve. */
export async function loadState<TEvent extends DomainEvent, TState>(
  store: EventStore,
  stream: string,
  decider: Pick<Decider<unknown, TEvent, TState>, 'initialState' | 'evolve'>,
): Promise<{ state: TState; revision: number }> {
  const history = await store.readStream(stream);
  return {
    state: fold(decider, history.map(asDomainEvent) as TEvent[]),
    revision: history.length === 0 ? -1 : history[history.length - 1].revision,
  };
}

function asDomainEvent(event: RecordedEvent): DomainEvent {
  return { type: event.type, data: event.data };
}

function toExpected(revision: number): ExpectedRevision {
  return revision < 0 ? 'no_stream' : revision;
}

function outcome(result: AppendResult): CommandOutcome {
  return {
    stream: result.stream,
    revision: result.nextExpectedRevision,
    position: result.position,
    eventIds: result.eventIds,
    replayed: result.replayed,
  };
}
