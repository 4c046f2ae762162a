import { SetMetadata } from '@nestjs/common';
import type { Role } from './principal.js';

/**
 * Every GraphQL operation states who may call it; an operation without a policy is refused
 * (deny by default). A role is allowed outright (`true`) or within a scope: a coach only for
 * people, coaches, teams and observations of their own team; a partner, commissioner, coach or
 * leader only for a report shared with them (its audience).
 */
export type CoachScopeKind = 'person' | 'team' | 'coach' | 'observation';
/** Things shared with an audience outside the coaching teams: a partner's organisation, a commissioner's areas. */
export type AudienceScopeKind = 'report';
export type ScopeKind = CoachScopeKind | AudienceScopeKind;

export interface ScopeRule {
  readonly scope: ScopeKind;
  /** Where the id is in the operation's arguments, e.g. `input.personId` or `id`. */
  readonly path: string;
}

export type RoleRule = true | ScopeRule;

export type OperationPolicy =
  | { readonly kind: 'public' }
  | { readonly kind: 'signed_in' }
  | { readonly kind: 'roles'; readonly roles: Partial<Record<Role, RoleRule>> };

export const POLICY_KEY = 'learning-loop:policy';

/** Anyone, signed in or not (signing in, health). */
export const Public = () => SetMetadata(POLICY_KEY, { kind: 'public' } satisfies OperationPolicy);

/** Any signed-in user, whatever their roles (their own account). */
export const SignedIn = () => SetMetadata(POLICY_KEY, { kind: 'signed_in' } satisfies OperationPolicy);

/** Only these roles, each outright or within a scope. */
export const Allow = (roles: Partial<Record<Role, RoleRule>>) => SetMetadata(POLICY_KEY, { kind: 'roles', roles } satisfies OperationPolicy);

/** Scope rules: the thing named at `path` in the arguments belongs to one of the coach's teams. */
export const inOwnTeam = {
  person: (path: string): ScopeRule => ({ scope: 'person', path }),
  team: (path: string): ScopeRule => ({ scope: 'team', path }),
  coach: (path: string): ScopeRule => ({ scope: 'coach', path }),
  observation: (path: string): ScopeRule => ({ scope: 'observation', path }),
};

/**
 * Scope rules for a report's audience: the report named at `path` has been shared, and, for a
 * partner, with their organisation or one above it; for a commissioner, for one of their areas.
 * Coaches and leaders may read any shared report; drafts are for influencers only.
 */
export const sharedWith = {
  report: (path: string): ScopeRule => ({ scope: 'report', path }),
};

export function isAudienceScope(kind: ScopeKind): kind is AudienceScopeKind {
  return kind === 'report';
}
