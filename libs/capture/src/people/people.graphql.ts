import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ChannelEnum, FrequencyEnum, graphqlEnum, InitiatorEnum, PlaceEnum, ReferralSourceEnum } from '../shared/graphql-enums.js';
import { FORGET_REASONS, type ForgetReason } from './person.events.js';
import { BudgetRequestView } from '../budgets/budget.graphql.js';
import { AspirationView, ConnectionView, StrengthView } from '../growth/growth.graphql.js';
import { WellbeingTrendView } from '../wellbeing/wellbeing.graphql.js';

@InputType({ description: 'A person joining, with the name they chose and their consent.' })
export class JoinPersonInput {
  @Field(() => ID, { nullable: true, description: 'A client-made UUID; made for you when left out.' })
  personId?: string | null;

  @Field(() => String, { description: 'The name the person chose to be known by here (up to 80 characters).' })
  displayName!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => ReferralSourceEnum)
  referralSource!: string;

  @Field(() => ID)
  areaId!: string;

  @Field(() => ID)
  teamId!: string;

  @Field(() => ID)
  coachId!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  joinedOn!: string;

  @Field(() => Boolean, { description: 'Required: nothing is recorded without it.' })
  consentToHoldInformation!: boolean;

  @Field(() => Boolean, { description: 'Whether their words may be shared, anonymised, with services.' })
  consentToShareWordsAnonymised!: boolean;
}

@InputType()
export class RecordConsentInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => Boolean)
  consentToHoldInformation!: boolean;

  @Field(() => Boolean)
  consentToShareWordsAnonymised!: boolean;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  recordedOn!: string;
}

@InputType()
export class ChangePersonDetailsInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Remove their phone number (they no longer want it held). Not together with `phone`.' })
  removePhone?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Remove their email address (they no longer want it held). Not together with `email`.' })
  removeEmail?: boolean | null;
}

@InputType({ description: 'The person moved area: their coaching relationship goes with them.' })
export class MovePersonInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  areaId!: string;

  @Field(() => ID)
  teamId!: string;

  @Field(() => ID)
  coachId!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  movedOn!: string;
}

@ObjectType()
export class ConsentView {
  @Field(() => Boolean)
  toHoldInformation!: boolean;

  @Field(() => Boolean)
  toShareWordsAnonymised!: boolean;
}

@ObjectType({ description: 'How often, and how, the person would like to meet, as last agreed when coaching was varied.' })
export class AgreedMeetingView {
  @Field(() => FrequencyEnum)
  frequency!: string;

  @Field(() => ChannelEnum, { description: 'How they would like to keep in touch.' })
  preferredChannel!: string;

  @Field(() => String, { description: 'When it was agreed, YYYY-MM-DD.' })
  agreedOn!: string;
}

@ObjectType()
export class RelationshipView {
  @Field(() => String, { description: 'not_started, active, paused or ended' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'Since when it has had this status.' })
  since?: string | null;

  @Field(() => AgreedMeetingView, {
    nullable: true,
    description: 'How often and how they would like to meet, as last agreed (kept through a pause, an ending and a re-opening); null until coaching is first varied.',
  })
  meeting?: AgreedMeetingView | null;
}

@ObjectType({ description: 'One step of the coaching relationship.' })
export class TimelineEntryView {
  @Field(() => String)
  occurredOn!: string;

  @Field(() => String, { description: 'The event, e.g. coaching.paused or interaction.recorded.' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'Words recorded with it (the person\'s or the coach\'s), when there are any.' })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'Who asked for a pause, how it ended, or the channel of a conversation.' })
  detail?: string | null;

  @Field(() => String)
  recordedBy!: string;
}

@ObjectType()
export class InteractionView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  occurredOn!: string;

  @Field(() => ChannelEnum)
  channel!: string;

  @Field(() => InitiatorEnum)
  initiatedBy!: string;

  @Field(() => PlaceEnum, { nullable: true })
  place?: string | null;

  @Field(() => Int)
  minutes!: number;

  @Field(() => String, { nullable: true, description: 'Null once the person has been forgotten.' })
  whatMattered?: string | null;

  @Field(() => [String])
  strengthsNoticed!: string[];

  @Field(() => [String])
  aspirationsMentioned!: string[];

  @Field(() => [String])
  connectionsMade!: string[];

  @Field(() => [ID])
  organisationsIntroduced!: string[];
}

@ObjectType({ description: 'Everything a coach sees on a person\'s page.' })
export class PersonPageView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => ReferralSourceEnum)
  referralSource!: string;

  @Field(() => ID)
  areaId!: string;

  @Field(() => ID)
  teamId!: string;

  @Field(() => ID)
  coachId!: string;

  @Field(() => String)
  joinedOn!: string;

  @Field(() => ConsentView)
  consent!: ConsentView;

  @Field(() => RelationshipView)
  relationship!: RelationshipView;

  @Field(() => String, { nullable: true })
  lastContactOn?: string | null;

  @Field(() => Int)
  interactionCount!: number;

  @Field(() => [TimelineEntryView], { description: 'Oldest first.' })
  timeline!: TimelineEntryView[];

  @Field(() => [InteractionView], { description: 'Newest first.' })
  interactions!: InteractionView[];

  @Field(() => [AspirationView], { description: 'Open aspirations first, each with its status and history.' })
  aspirations!: AspirationView[];

  @Field(() => [StrengthView], { description: 'Oldest first.' })
  strengths!: StrengthView[];

  @Field(() => [ConnectionView], { description: 'Current connections first, then those that ended.' })
  connections!: ConnectionView[];

  @Field(() => [BudgetRequestView], { description: 'Personal budget requests, newest first.' })
  budgets!: BudgetRequestView[];

  @Field(() => WellbeingTrendView, { description: 'Wellbeing check-ins the person chose to do: date, scale and score, first against latest.' })
  wellbeingTrend!: WellbeingTrendView;
}

@ObjectType({ description: 'One person on a coach\'s caseload.' })
export class CaseloadEntryView {
  @Field(() => ID)
  personId!: string;

  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => String)
  status!: string;

  @Field(() => String, { nullable: true })
  lastContactOn?: string | null;

  @Field(() => Int, { nullable: true, description: 'Days since the last contact, or since joining when there has been none.' })
  daysSinceContact?: number | null;
}

export const ForgetReasonEnum = graphqlEnum(FORGET_REASONS, 'ForgetReason', 'Why a person was forgotten.');

@InputType()
export class ForgetPersonInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ForgetReasonEnum)
  reason!: ForgetReason;
}

@ObjectType({ description: 'A subject access export: everything held about the person, as JSON, for them to see.' })
export class PersonRecordView {
  @Field(() => ID)
  personId!: string;

  @Field()
  exportedAt!: string;

  @Field({ description: 'The streams about the person with every event, their words opened (null once forgotten), as JSON.' })
  json!: string;
}
