/**
 * Who is asking. Every signed-in user carries role grants; some roles are scoped: a coach to a
 * team, a partner to one organisation, a commissioner to an area. Nothing here knows how a user
 * signed in (local password or single sign-on): that is the access library's business.
 */
export const ROLES = ['coach', 'influencer', 'leader', 'partner', 'commissioner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Grant =
  | { readonly role: 'coach'; readonly teamId: string }
  | { readonly role: 'influencer' }
  | { readonly role: 'leader' }
  | { readonly role: 'partner'; readonly organisationId: string }
  | { readonly role: 'commissioner'; readonly areaId: string }
  | { readonly role: 'admin' };

export interface Principal {
  readonly userId: string;
  readonly grants: readonly Grant[];
}

/** The actor recorded on events a principal causes. */
export function actorOf(principal: Principal | undefined): string {
  return principal ? `user:${principal.userId}` : 'anonymous';
}

/** The teams a principal coaches in. */
export function coachTeams(principal: Principal): string[] {
  return principal.grants.flatMap((grant) => (grant.role === 'coach' ? [grant.teamId] : []));
}

/** Two grants are the same grant (same role and scope). */
export function sameGrant(a: Grant, b: Grant): boolean {
  return grantKey(a) === grantKey(b);
}

export function grantKey(grant: Grant): string {
  switch (grant.role) {
    case 'coach':
      return `coach:${grant.teamId}`;
    case 'partner':
      return `partner:${grant.organisationId}`;
    case 'commissioner':
      return `commissioner:${grant.areaId}`;
    default:
      return grant.role;
  }
}
