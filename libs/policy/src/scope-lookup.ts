import type { ScopeKind } from './policy.js';

/**
 * Whether a scoped thing belongs to one of a coach's teams, answered from the read models of the
 * capability that owns it: a person by their current team, a coach by theirs, an observation by
 * the team of the person it is about (or, without a person, by who recorded it). `undefined`
 * when there is no such thing: the operation then runs and says NOT_FOUND itself.
 */
export interface ScopeLookup {
  inCoachScope(kind: ScopeKind, id: string, coach: { readonly userId: string; readonly teamIds: readonly string[] }): Promise<boolean | undefined>;
}

export const SCOPE_LOOKUP = Symbol('SCOPE_LOOKUP');
