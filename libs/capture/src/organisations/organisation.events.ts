import type { OrganisationKind } from '../shared/directory.js';

/**
 * Partner services (organisations) that coaches see working or not working for people. Records
 * form a hierarchy (a council and its housing options team); two records of the same service
 * are merged, and the merged one stays as an alias of the survivor.
 *
 * `organisation.merged` is read by other slices (observations follow the survivor): its type
 * and shape are fixed.
 */
export type OrganisationEvent =
  | {
      type: 'organisation.registered';
      data: {
        organisationId: string;
        name: string;
        kind: OrganisationKind;
        areaId: string;
        parentId: string | null;
        odsCode: string | null;
      };
    }
  | { type: 'organisation.renamed'; data: { organisationId: string; name: string } }
  | { type: 'organisation.moved'; data: { organisationId: string; fromParentId: string | null; toParentId: string | null } }
  | { type: 'organisation.merged'; data: { organisationId: string; intoOrganisationId: string } };

export const ORGANISATION_EVENT_TYPES = ['organisation.registered', 'organisation.renamed', 'organisation.moved', 'organisation.merged'] as const;

export function organisationStream(organisationId: string): string {
  return `organisation-${organisationId}`;
}
