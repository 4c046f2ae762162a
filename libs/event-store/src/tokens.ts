/** Nest injection token for the EventStore port. */
export const EVENT_STORE = Symbol.for('learning-loop.event-store');

/** Nest injection token for the UpcasterRegistry (current schema versions of event types). */
export const UPCASTERS = Symbol.for('learning-loop.upcasters');
