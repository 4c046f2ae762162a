import type { DomainEvent } from './events.js';

/**
 * The pure heart of every aggregate: `decide` turns a command and the current state into new
 * events (or throws a typed error), `evolve` folds one event into the state. Neither reads the
 * clock, makes ids or does I/O: those come in on the command.
 */
export interface Decider<TCommand, TEvent extends DomainEvent, TState> {
  readonly initialState: TState;
  evolve(state: TState, event: TEvent): TState;
  decide(command: TCommand, state: TState): readonly TEvent[];
}

export function fold<TEvent extends DomainEvent, TState>(
  decider: Pick<Decider<unknown, TEvent, TState>, 'initialState' | 'evolve'>,
  events: Iterable<TEvent>,
): TState {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
