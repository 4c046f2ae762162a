import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../shared/graphql-enums.js';
import { IMPACT_TAGS, OBSERVATION_KINDS } from './observation.events.js';

export const OBSERVATION_STATUSES = ['recorded', 'amended', 'retracted'] as const;
export const QUOTE_APPROVAL_FILTERS = ['pending', 'approved'] as const;
export const OBSERVATION_CHANGES = ['recorded', 'amended', 'retracted', 'organisation_matched', 'quote_approved', 'quote_approval_withdrawn'] as const;

export const ObservationKindEnum = graphqlEnum(
  OBSERVATION_KINDS,
  'ObservationKind',
  'A barrier (a service not working for the person) or a bright spot (what worked).',
);
export const ImpactTagEnum = graphqlEnum(IMPACT_TAGS, 'ImpactTag', 'What the service\'s response did to the person.');
export const ObservationStatusEnum = graphqlEnum(OBSERVATION_STATUSES, 'ObservationStatus', 'Recorded, corrected by an amendment, or retracted.');
export const QuoteApprovalFilterEnum = graphqlEnum(QUOTE_APPROVAL_FILTERS, 'QuoteApprovalFilter', 'Where a shareable quote is in its approval.');
export const ObservationChangeEnum = graphqlEnum(OBSERVATION_CHANGES, 'ObservationChange', 'One step in an observation\'s history.');

@InputType({ description: 'Something a coach saw a service do. Words are sealed with the person\'s key before they are stored.' })
export class RecordObservationInput {
  @Field(() => ID, { nullable: true, description: 'A client-made UUID; made for you when left out.' })
  observationId?: string | null;

  @Field(() => ObservationKindEnum)
  kind!: string;

  @Field(() => ID, { nullable: true, description: 'The service, when it is listed. Otherwise give unmatchedOrganisationName.' })
  organisationId?: string | null;

  @Field(() => String, { nullable: true, description: 'The service\'s name as you know it, when it is not listed yet (up to 200 characters).' })
  unmatchedOrganisationName?: string | null;

  @Field(() => ID)
  areaId!: string;

  @Field(() => ID, { description: 'A current category from the taxonomy that fits the kind.' })
  categoryId!: string;

  @Field(() => String, { description: 'What happened (up to 4000 characters).' })
  whatHappened!: string;

  @Field(() => String, { description: 'The impact on the person (up to 2000 characters).' })
  impact!: string;

  @Field(() => [ImpactTagEnum], { nullable: true })
  impactTags?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'In the person\'s own words (up to 1000 characters): only when they consent to their words being shared anonymised.',
  })
  quote?: string | null;

  @Field(() => Int, { description: '1 (a little) to 5 (a great deal). Internal only: never shared outside the organisation.' })
  severity!: number;

  @Field(() => String, { description: 'When it happened, YYYY-MM-DD (not in the future).' })
  occurredOn!: string;

  @Field(() => ID, { nullable: true, description: 'The person it happened to, when they are being coached here.' })
  personId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The interaction with that person where it came up.' })
  interactionId?: string | null;
}

@InputType({ description: 'A correction: only the fields given change, and the history keeps each amendment.' })
export class AmendObservationInput {
  @Field(() => ID)
  observationId!: string;

  @Field(() => ObservationKindEnum, { nullable: true, description: 'Changing the kind needs a category that fits it.' })
  kind?: string | null;

  @Field(() => ID, { nullable: true })
  organisationId?: string | null;

  @Field(() => ID, { nullable: true })
  areaId?: string | null;

  @Field(() => ID, { nullable: true })
  categoryId?: string | null;

  @Field(() => String, { nullable: true })
  whatHappened?: string | null;

  @Field(() => String, { nullable: true })
  impact?: string | null;

  @Field(() => [ImpactTagEnum], { nullable: true, description: 'Replaces the tags.' })
  impactTags?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Only while the person consents to their words being shared anonymised.' })
  quote?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Takes the quote out.' })
  removeQuote?: boolean | null;

  @Field(() => Int, { nullable: true })
  severity?: number | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  occurredOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it is corrected (up to 500 characters).' })
  reason?: string | null;
}

@InputType({ description: 'Withdraws an observation, with the reason. It stays in the history and takes no further change.' })
export class RetractObservationInput {
  @Field(() => ID)
  observationId!: string;

  @Field(() => String, { description: 'Why it is retracted (up to 500 characters).' })
  reason!: string;
}

@InputType({ description: 'The quote as it may leave the organisation.' })
export class ApproveQuoteInput {
  @Field(() => ID)
  observationId!: string;

  @Field(() => String, {
    description: 'The quote with names, places and other identifying details taken out: words may only be removed, or replaced by a short placeholder such as [name].',
  })
  text!: string;
}

@InputType()
export class WithdrawQuoteApprovalInput {
  @Field(() => ID)
  observationId!: string;

  @Field(() => String, { description: 'Why the approval is withdrawn (up to 500 characters).' })
  reason!: string;
}

@InputType({ description: 'Matches an observation recorded against a service\'s name to the organisation it is.' })
export class MatchObservationOrganisationInput {
  @Field(() => ID)
  observationId!: string;

  @Field(() => ID)
  organisationId!: string;
}

@InputType()
export class ObservationFilter {
  @Field(() => ID, { nullable: true, description: 'The organisation and every organisation below it.' })
  organisationId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True: only those not matched to an organisation yet; false: only matched ones.' })
  unmatched?: boolean | null;

  @Field(() => ID, { nullable: true })
  areaId?: string | null;

  @Field(() => ID, { nullable: true })
  categoryId?: string | null;

  @Field(() => ObservationKindEnum, { nullable: true })
  kind?: string | null;

  @Field(() => String, { nullable: true, description: 'Happened on or after, YYYY-MM-DD.' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Happened on or before, YYYY-MM-DD.' })
  to?: string | null;

  @Field(() => String, { nullable: true, description: 'Words that must all appear in what happened, the impact, a shareable quote or the service\'s name.' })
  search?: string | null;

  @Field(() => QuoteApprovalFilterEnum, { nullable: true, description: 'Only observations with a quote the person consents to share: waiting for approval, or approved.' })
  quoteApproval?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Retracted observations are left out unless this is true.' })
  includeRetracted?: boolean | null;
}

@ObjectType({ description: 'One step in an observation\'s history, oldest first.' })
export class ObservationChangeView {
  @Field(() => Int)
  revision!: number;

  @Field(() => ObservationChangeEnum)
  change!: string;

  @Field(() => [String], { description: 'The fields an amendment corrected.' })
  fields!: string[];

  @Field(() => String, { nullable: true, description: 'Why it was amended or retracted; null once the person has been forgotten.' })
  reason?: string | null;

  @Field(() => String)
  by!: string;

  @Field(() => String, { description: 'When it was recorded (ISO 8601).' })
  at!: string;
}

@ObjectType({ description: 'An observation as it stands now.' })
export class ObservationView {
  @Field(() => ID)
  id!: string;

  @Field(() => ObservationKindEnum)
  kind!: string;

  @Field(() => ObservationStatusEnum)
  status!: string;

  @Field(() => ID, { nullable: true, description: 'The organisation it counts for now (the survivor, when records were merged); null while unmatched.' })
  organisationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The organisation record it was made or matched against.' })
  namedOrganisationId?: string | null;

  @Field(() => String, { nullable: true, description: 'The service\'s name as the coach wrote it, when it was not listed.' })
  unmatchedOrganisationName?: string | null;

  @Field(() => ID)
  areaId!: string;

  @Field(() => ID)
  categoryId!: string;

  @Field(() => String, { nullable: true, description: 'Null once the person has been forgotten.' })
  whatHappened?: string | null;

  @Field(() => String, { nullable: true, description: 'Null once the person has been forgotten.' })
  impact?: string | null;

  @Field(() => [ImpactTagEnum])
  impactTags!: string[];

  @Field(() => String, { nullable: true, description: 'Shown only while the person consents to their words being shared anonymised.' })
  quote?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The quote as a system influencer approved it for sharing, names and places taken out; only while the person consents and the quote is unchanged since.',
  })
  approvedQuote?: string | null;

  @Field(() => Int, { description: 'Internal only: never shared outside the organisation.' })
  severity!: number;

  @Field(() => String)
  occurredOn!: string;

  @Field(() => ID, { nullable: true })
  personId?: string | null;

  @Field(() => ID, { nullable: true })
  interactionId?: string | null;

  @Field(() => String)
  recordedBy!: string;

  @Field(() => String, { description: 'ISO 8601' })
  recordedAt!: string;

  @Field(() => String, { description: 'When it last changed (ISO 8601).' })
  changedAt!: string;

  @Field(() => Int, { description: 'Send it as expectedRevision with the next change.' })
  revision!: number;

  @Field(() => String, { nullable: true })
  retractionReason?: string | null;
}

@ObjectType()
export class ObservationEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => ObservationView)
  node!: ObservationView;
}

@ObjectType()
export class ObservationPageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor?: string | null;
}

@ObjectType({ description: 'Observations newest first (by the date they happened, then when recorded), a page at a time.' })
export class ObservationConnection {
  @Field(() => [ObservationEdge])
  edges!: ObservationEdge[];

  @Field(() => ObservationPageInfo)
  pageInfo!: ObservationPageInfo;

  @Field(() => Int, { description: 'How many match the filter in all.' })
  totalCount!: number;
}
