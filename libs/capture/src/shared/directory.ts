/**
 * Look-ups across capture's reference data (areas, teams, coaches, organisations, categories),
 * for checks that span aggregates, e.g. "this observation's category exists and is not
 * retired". Implemented over the directory read models; injected with DIRECTORY.
 */
export interface AreaRef {
  readonly id: string;
  readonly name: string;
}

export interface TeamRef {
  readonly id: string;
  readonly name: string;
  readonly areaId: string;
}

export interface CoachRef {
  readonly id: string;
  readonly teamId: string;
  readonly active: boolean;
}

export const ORGANISATION_KINDS = [
  'council',
  'nhs',
  'gp_practice',
  'mental_health',
  'dwp_jobcentre',
  'housing_provider',
  'voluntary_sector',
  'employer_or_agency',
  'police_justice',
  'education',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface OrganisationRef {
  readonly id: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly areaId: string;
  readonly parentId: string | null;
  /** Set when this record was merged into another record of the same service. */
  readonly mergedInto: string | null;
}

export const POLARITIES = ['barrier', 'bright_spot'] as const;
export type Polarity = (typeof POLARITIES)[number];

export interface CategoryRef {
  /** A stable slug such as `eligibility_criteria`; renames keep it. */
  readonly id: string;
  readonly name: string;
  readonly polarity: Polarity;
  readonly retired: boolean;
}

export interface Directory {
  area(id: string): Promise<AreaRef | undefined>;
  team(id: string): Promise<TeamRef | undefined>;
  coach(id: string): Promise<CoachRef | undefined>;
  organisation(id: string): Promise<OrganisationRef | undefined>;
  /** The organisation and every organisation below it in the hierarchy (merged records follow). */
  organisationAndDescendants(id: string): Promise<string[]>;
  category(id: string): Promise<CategoryRef | undefined>;
}

export const DIRECTORY = Symbol.for('learning-loop.capture-directory');
