import type { Decider, DomainEvent } from '#libs/kernel';

/**
 * Decider specs read as given events / when command / then events (or an error):
 *   given(decider, ...history).when(command).then([...events])
 */
export function given<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, ...history: E[]) {
  const state = history.reduce(decider.evolve, decider.initialState);
  return {
    state,
    when(command: C) {
      return {
        then(expected: readonly E[]): void {
          expect(decider.decide(command, state)).toEqual(expected);
        },
        thenThrows(type: abstract new (...args: never[]) => Error, message: string | RegExp): void {
          let thrown: unknown;
          try {
            decider.decide(command, state);
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(type);
          expect((thrown as Error).message).toMatch(message);
        },
      };
    },
  };
}
