import type { Sealed } from '#libs/kernel';

/**
 * What a coach saw a service do: a barrier (the service not working for the person) or a bright
 * spot (what worked). Stream `observation-<id>`. What happened, the impact on the person, the
 * quote and every reason given are sealed before they reach an event: with the person's key
 * when a person is linked, else with the observation's own key (see observationSubject).
 */
export const OBSERVATION_KINDS = ['barrier', 'bright_spot'] as const;
export type ObservationKind = (typeof OBSERVATION_KINDS)[number];

/** What the service's response did to the person: counted across observations, never a label on them. */
export const IMPACT_TAGS = [
  'lost_or_risked_housing',
  'crisis',
  'gave_up_on_the_service',
  'mental_health_worse',
  'financial_loss',
  'missed_opportunity',
  'retraumatised',
] as const;
export type ImpactTag = (typeof IMPACT_TAGS)[number];

export interface ObservationRecorded {
  readonly observationId: string;
  readonly kind: ObservationKind;
  /** The service, when it is a known organisation (the survivor, if the record chosen had been merged). */
  readonly organisationId?: string;
  /** The service as the coach named it when no organisation matched; not personal data. */
  readonly unmatchedOrganisationName?: string;
  readonly areaId: string;
  /** A taxonomy category slug whose polarity fits the kind. */
  readonly categoryId: string;
  readonly whatHappened: Sealed;
  readonly impact: Sealed;
  readonly impactTags: readonly ImpactTag[];
  /** In the person's own words, recorded only while they consent to share them anonymised. */
  readonly quote?: Sealed;
  /** 1 (a little) to 5 (a great deal): for internal use only. */
  readonly severity: number;
  readonly occurredOn: string;
  readonly personId?: string;
  /** An interaction in the person's coaching stream, where it came up. */
  readonly interactionId?: string;
}

/** What an amendment may correct. `quote: null` takes the quote out. */
export interface ObservationCorrections {
  readonly kind?: ObservationKind;
  readonly organisationId?: string;
  readonly areaId?: string;
  readonly categoryId?: string;
  readonly whatHappened?: Sealed;
  readonly impact?: Sealed;
  readonly impactTags?: readonly ImpactTag[];
  readonly quote?: Sealed | null;
  readonly severity?: number;
  readonly occurredOn?: string;
}

export const CORRECTABLE_FIELDS = [
  'kind',
  'organisationId',
  'areaId',
  'categoryId',
  'whatHappened',
  'impact',
  'impactTags',
  'quote',
  'severity',
  'occurredOn',
] as const satisfies readonly (keyof ObservationCorrections)[];

export type ObservationEvent =
  | { type: 'observation.recorded'; data: ObservationRecorded }
  | { type: 'observation.amended'; data: { observationId: string; corrections: ObservationCorrections; reason?: Sealed } }
  | { type: 'observation.retracted'; data: { observationId: string; reason: Sealed } }
  | {
      type: 'observation.organisation_matched';
      data: { observationId: string; organisationId: string; unmatchedOrganisationName: string };
    }
  | { type: 'observation.quote_approved'; data: QuoteApproved }
  | { type: 'observation.quote_approval_withdrawn'; data: { observationId: string; reason: Sealed } };

/**
 * A system influencer approved the quote for sharing outside the organisation, as `text`: the
 * person's words with names, places and other identifying details taken out (`redacted`), sealed
 * with the person's key like the quote itself, so forgetting the person erases it too. The
 * approval lapses when the quote is later changed or removed.
 */
export interface QuoteApproved {
  readonly observationId: string;
  readonly text: Sealed;
  readonly redacted: boolean;
}

export const OBSERVATION_EVENT_TYPES = [
  'observation.recorded',
  'observation.amended',
  'observation.retracted',
  'observation.organisation_matched',
  'observation.quote_approved',
  'observation.quote_approval_withdrawn',
] as const;

export function observationStream(observationId: string): string {
  return `observation-${observationId}`;
}

/**
 * The data subject an observation's words are sealed under when no person is linked: its own,
 * so they can be erased on their own. A valid subject id (letters, digits, "_").
 */
export function observationSubject(observationId: string): string {
  return `observation_${observationId.replace(/-/g, '').toLowerCase()}`;
}
