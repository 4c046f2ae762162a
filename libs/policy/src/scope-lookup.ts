import type { AudienceScopeKind, CoachScopeKind } from './policy.js';
import type { Principal, Role } from './principal.js';

/** Who reads, for an audience scope: the role asking, and a partner's organisations or a commissioner's areas. */
export interface Audience {
  readonly role: Role;
  readonly organisationIds: readonly string[];
  readonly areaIds: readonly string[];
}

/**
 * Whether a scoped thing belongs to one of a coach's teams, answered from the read models of the
 * capability that owns it: a person by their current team, a coach by theirs, an observation by
 * the team of the person it is about (or, without a person, by who recorded it). `undefined`
 * when there is no such thing: the operation then runs and says NOT_FOUND itself.
 */
export interface ScopeLookup {
  inCoachScope(kind: CoachScopeKind, id: string, coach: { readonly userId: string; readonly teamIds: readonly string[] }): Promise<boolean | undefined>;
  /**
   * Whether a thing shared with an audience (a report) is shared with this one: false for a
   * draft, and for a report whose audience is not theirs; `undefined` when there is no such thing.
   */
  inAudienceScope(kind: AudienceScopeKind, id: string, audience: Audience): Promise<boolean | undefined>;
}

export const SCOPE_LOOKUP = Symbol('SCOPE_LOOKUP');

/** The audience a principal is in when asking in `role`: every organisation they are a partner for, every area they commission for. */
export function audienceOf(principal: Principal, role: Role): Audience {
  return {
    role,
    organisationIds: principal.grants.flatMap((grant) => (grant.role === 'partner' ? [grant.organisationId] : [])),
    areaIds: principal.grants.flatMap((grant) => (grant.role === 'commissioner' ? [grant.areaId] : [])),
  };
}
