import { isUuid } from '#libs/kernel';
import type { Principal } from '#libs/policy';

/**
 * Who is reading reports, from their grants: lists and single reports are filtered by this as
 * well as guarded by the policy (sharedWith.report), so nobody sees a report by listing that
 * they could not open.
 */
export interface ReportReader {
  /** Influencers see every report, drafts included, and everything inside them. */
  readonly influencer: boolean;
  /** Coaches and leaders read any shared report. */
  readonly anyShared: boolean;
  /** A partner reads reports shared with these organisations or one above them. */
  readonly partnerOf: readonly string[];
  /** A commissioner reads reports for these areas. */
  readonly commissionerFor: readonly string[];
  /** Staff of the organisation (influencer, leader, coach): may see a change check's counts unsuppressed. */
  readonly internal: boolean;
}

export function readerOf(principal: Principal | undefined): ReportReader {
  const grants = principal?.grants ?? [];
  const has = (role: string) => grants.some((grant) => grant.role === role);
  return {
    influencer: has('influencer'),
    anyShared: has('coach') || has('leader'),
    partnerOf: grants.flatMap((grant) => (grant.role === 'partner' && isUuid(grant.organisationId) ? [grant.organisationId] : [])),
    commissionerFor: grants.flatMap((grant) => (grant.role === 'commissioner' && isUuid(grant.areaId) ? [grant.areaId] : [])),
    internal: has('influencer') || has('coach') || has('leader'),
  };
}

/** Everyone inside: the influencer's view of every report. */
export const INFLUENCER_READER: ReportReader = { influencer: true, anyShared: true, partnerOf: [], commissionerFor: [], internal: true };

/**
 * SQL condition on `reports_reports` aliased `r`: the reports this reader may see. The same
 * rule answers the policy guard (libs/capture sql-scope-lookup.ts, inAudienceScope): change
 * both together. A partner's organisation counts as its survivor when it was merged.
 */
export function visibleTo(reader: ReportReader, param: (value: unknown) => string): string {
  if (reader.influencer) return 'true';
  const any: string[] = [];
  if (reader.anyShared) any.push('true');
  if (reader.partnerOf.length > 0) {
    const partners = param([...reader.partnerOf]);
    any.push(`(r.audience = 'organisation' AND (r.organisation_id = ANY(${partners}::uuid[]) OR r.organisation_id IN (
      SELECT unnest(n.ancestors) FROM organisations_nodes n
       WHERE n.organisation_id IN (SELECT coalesce(s.merged_into, s.organisation_id) FROM organisations_nodes s WHERE s.organisation_id = ANY(${partners}::uuid[])))))`);
  }
  if (reader.commissionerFor.length > 0) any.push(`r.area_ids && ${param([...reader.commissionerFor])}::uuid[]`);
  return any.length === 0 ? 'false' : `(r.status = 'shared' AND (${any.join(' OR ')}))`;
}
