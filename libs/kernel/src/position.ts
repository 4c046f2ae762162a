/**
 * A place in the global order of all events.
 *
 * It has two parts because that is what a gap-free global order needs in both families of
 * store: on PostgreSQL `commit` is the id of the transaction that wrote the event and `prepare`
 * its sequence number (see the SQL event store for why); on EventStoreDB they are the log's
 * own commit and prepare positions. Positions compare by commit, then prepare.
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** Before the first event. Reading "after START" reads everything. */
export const START: Position = Object.freeze({ commit: -1n, prepare: -1n });

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export function isAfter(a: Position, b: Position): boolean {
  return comparePositions(a, b) > 0;
}

/** Text form used in APIs and tables: `commit/prepare`. */
export function formatPosition(p: Position): string {
  return `${p.commit}/${p.prepare}`;
}

export function parsePosition(text: string): Position {
  const match = /^(-?\d+)\/(-?\d+)$/.exec(text.trim());
  if (!match) throw new TypeError('A position is written as two whole numbers, commit/prepare.');
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}
