import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '#libs/capture';
import type { ReportReader } from './report-audience.js';
import { AUDIENCES, CHANGE_OUTCOMES, REPORT_TRENDS, type ReportScope } from './report.events.js';

export const REPORT_STATUSES = ['draft', 'shared', 'discarded'] as const;
export const ACTION_STATUSES = ['agreed', 'done'] as const;

export const ReportAudienceEnum = graphqlEnum(AUDIENCES, 'ReportAudience', 'Whom a feedback report is for: a partner service (organisation) or a commissioner.');
export const ReportStatusEnum = graphqlEnum(REPORT_STATUSES, 'ReportStatus', 'A draft (influencers only), shared (frozen), or a discarded draft.');
export const ReportChangeOutcomeEnum = graphqlEnum(
  CHANGE_OUTCOMES,
  'ReportChangeOutcome',
  'After an agreed action: the theme fell significantly (closed), rose significantly (reopened), or neither yet (not_yet_clear).',
);
export const ReportTrendEnum = graphqlEnum(REPORT_TRENDS, 'ReportTrend', 'A theme in the report\'s period against the period of the same length before it.');
export const ReportActionStatusEnum = graphqlEnum(ACTION_STATUSES, 'ReportActionStatus', 'An agreed action, or one the service has done.');

@ObjectType({ description: 'A count as it leaves the organisation: hidden when below the suppression threshold K, or withheld so that a small one cannot be worked out.' })
export class ReportCountView {
  @Field(() => Int, { nullable: true, description: 'Null when suppressed.' })
  value!: number | null;
  @Field(() => Boolean)
  suppressed!: boolean;
}

@ObjectType()
export class ReportThemeView {
  @Field(() => ID)
  themeId!: string;
  @Field(() => String)
  name!: string;
  @Field(() => ReportCountView, { description: 'Observations evidencing the theme in the period.' })
  count!: ReportCountView;
  @Field(() => ReportCountView, { description: 'In the period of the same length just before.' })
  previousCount!: ReportCountView;
  @Field(() => ReportTrendEnum, { nullable: true, description: 'A direction, never a number: only where this period\'s count is shown.' })
  trend!: string | null;
}

@ObjectType()
export class ReportKeyedCountView {
  @Field(() => String)
  key!: string;
  @Field(() => String)
  label!: string;
  @Field(() => ReportCountView)
  count!: ReportCountView;
}

@ObjectType({ description: 'A person\'s words, anonymised and approved for sharing, shown only while they consent.' })
export class ReportQuoteView {
  @Field(() => ID, { nullable: true, description: 'The observation it comes from: for staff of the organisation only.' })
  observationId!: string | null;
  @Field(() => String, { nullable: true, description: 'Null when removed.' })
  text!: string | null;
  @Field(() => Boolean, { description: 'Removed at the person\'s request (consent withdrawn, or forgotten).' })
  removed!: boolean;
}

@ObjectType({ description: 'What a report says: frozen once shared; for a draft, a preview from the read models now, as it would be shared.' })
export class ReportContentView {
  @Field(() => Boolean, { description: 'True once shared: the content no longer changes.' })
  frozen!: boolean;
  @Field(() => Int, { description: 'K: counts from 1 to K − 1 are hidden.' })
  threshold!: number;
  @Field(() => String)
  from!: string;
  @Field(() => String)
  to!: string;
  @Field(() => String)
  previousFrom!: string;
  @Field(() => String)
  previousTo!: string;
  @Field(() => [ReportThemeView])
  themes!: ReportThemeView[];
  @Field(() => [ReportKeyedCountView], { description: 'What the barriers did to people, by impact.' })
  impacts!: ReportKeyedCountView[];
  @Field(() => [ReportKeyedCountView], { description: 'What worked: bright spots by category.' })
  brightSpots!: ReportKeyedCountView[];
  @Field(() => ReportCountView)
  brightSpotsTotal!: ReportCountView;
  @Field(() => [ReportQuoteView])
  quotes!: ReportQuoteView[];
  @Field(() => String)
  whatMightHelp!: string;
}

@ObjectType({ description: 'An approved quote a draft may include.' })
export class ReportQuoteCandidateView {
  @Field(() => ID)
  observationId!: string;
  @Field(() => String, { nullable: true })
  text!: string | null;
  @Field(() => String)
  occurredOn!: string;
  @Field(() => String)
  categoryId!: string;
  @Field(() => [String])
  themeNames!: string[];
  @Field(() => Boolean)
  chosen!: boolean;
}

@ObjectType({ description: 'Did the theme fall for this service after the action? Its rate in the N weeks before the action was agreed against the N weeks after it was done.' })
export class ReportChangeCheckView {
  @Field(() => ReportChangeOutcomeEnum)
  outcome!: string;
  @Field(() => Float, { nullable: true, description: 'Of the one-sided exact Poisson rate-ratio test that decided; null outside the organisation when a count is suppressed.' })
  pValue!: number | null;
  @Field(() => Float)
  alpha!: number;
  @Field(() => ID)
  themeId!: string;
  @Field(() => ID, { description: 'The theme counted: the action\'s, or the one it was merged into.' })
  countedThemeId!: string;
  @Field(() => Int)
  weeks!: number;
  @Field(() => String)
  beforeFrom!: string;
  @Field(() => String)
  beforeTo!: string;
  @Field(() => ReportCountView)
  beforeCount!: ReportCountView;
  @Field(() => String)
  afterFrom!: string;
  @Field(() => String)
  afterTo!: string;
  @Field(() => ReportCountView)
  afterCount!: ReportCountView;
  @Field(() => String)
  checkedAt!: string;
}

@ObjectType()
export class ReportActionView {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  what!: string;
  @Field(() => String)
  owner!: string;
  @Field(() => String)
  dueOn!: string;
  @Field(() => ID, { nullable: true })
  themeId!: string | null;
  @Field(() => String)
  agreedOn!: string;
  @Field(() => ReportActionStatusEnum)
  status!: string;
  @Field(() => String, { nullable: true })
  doneOn!: string | null;
  @Field(() => Boolean, { description: 'Not done and past its due date.' })
  overdue!: boolean;
  @Field(() => ReportChangeCheckView, { nullable: true, description: 'The latest change check.' })
  lastCheck!: ReportChangeCheckView | null;
  @Field(() => [ReportChangeCheckView], { description: 'Every change check, oldest first.' })
  checks!: ReportChangeCheckView[];
}

@ObjectType({ description: 'A feedback report to a partner service or a commissioner.' })
export class ReportView {
  @Field(() => ID)
  id!: string;
  @Field(() => Int, { description: 'Send it as expectedRevision with the next change.' })
  revision!: number;
  @Field(() => ReportStatusEnum)
  status!: string;
  @Field(() => ReportAudienceEnum)
  audience!: string;
  @Field(() => String)
  title!: string;
  @Field(() => ID, { nullable: true, description: 'The service a partner report is for (with the services below it).' })
  organisationId!: string | null;
  @Field(() => [ID], { description: 'A commissioner report\'s services, when it covers a set of them rather than whole areas.' })
  organisationIds!: string[];
  @Field(() => [ID], { description: 'A commissioner report\'s areas; for a partner report, its service\'s area.' })
  areaIds!: string[];
  @Field(() => String)
  from!: string;
  @Field(() => String)
  to!: string;
  @Field(() => String)
  whatMightHelp!: string;
  @Field(() => [ID], { description: 'Quotes chosen for the draft (influencers only; empty for others).' })
  quoteObservationIds!: string[];
  @Field(() => String)
  draftedAt!: string;
  @Field(() => String, { nullable: true })
  sharedOn!: string | null;
  @Field(() => String, { nullable: true })
  sharedAt!: string | null;
  @Field(() => String, { nullable: true, description: 'The service is asked to respond by this date.' })
  responseDueOn!: string | null;
  @Field(() => Boolean, { description: 'Shared, not responded to, and past the response date.' })
  overdue!: boolean;
  @Field(() => String, { nullable: true })
  acknowledgedAt!: string | null;
  @Field(() => String, { nullable: true })
  respondedAt!: string | null;
  @Field(() => String, { nullable: true, description: 'The service\'s response.' })
  response!: string | null;
  @Field(() => [ReportActionView])
  actions!: ReportActionView[];

  /** Not fields: what the resolver needs to open the content for this reader. */
  reader!: ReportReader;
  scope!: ReportScope;
  frozenContent!: unknown;
}

@ObjectType({ description: 'How services answer feedback: all rates are fractions from 0 to 1, null when there is nothing to divide by.' })
export class ReportMetricsRowView {
  @Field(() => ID, { nullable: true, description: 'The service; null for the overall row and for commissioner reports.' })
  organisationId!: string | null;
  @Field(() => ReportAudienceEnum, { nullable: true, description: 'Null for the overall row.' })
  audience!: string | null;
  @Field(() => Int)
  reportsShared!: number;
  @Field(() => Int)
  responded!: number;
  @Field(() => Float, { nullable: true })
  responseRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Calendar days from sharing to the response, median over the reports responded to.' })
  medianDaysToRespond!: number | null;
  @Field(() => Float, { nullable: true })
  medianWorkingDaysToRespond!: number | null;
  @Field(() => Int, { description: 'Reports with at least one agreed action.' })
  withAgreedChange!: number;
  @Field(() => Float, { nullable: true })
  agreedChangeRate!: number | null;
  @Field(() => Int, { description: 'Actions whose change has been checked.' })
  changesChecked!: number;
  @Field(() => Int, { description: 'Of those, actions whose latest check found a significant fall (closed).' })
  changesFollowedByFall!: number;
  @Field(() => Float, { nullable: true })
  fallRate!: number | null;
}

@ObjectType()
export class ReportMetricsView {
  @Field(() => String, { nullable: true, description: 'Reports shared from this date.' })
  from!: string | null;
  @Field(() => String, { nullable: true, description: 'Reports shared up to this date.' })
  to!: string | null;
  @Field(() => ReportMetricsRowView)
  overall!: ReportMetricsRowView;
  @Field(() => [ReportMetricsRowView])
  byService!: ReportMetricsRowView[];
}

@InputType({ description: 'A report for one service (with the services below it), or for a commissioner (areas, or a set of services in them), over a period.' })
export class DraftReportInput {
  @Field(() => ID, { nullable: true, description: 'A client-made UUID; made for you when left out.' })
  reportId?: string | null;
  @Field(() => String, { description: '3 to 160 characters.' })
  title!: string;
  @Field(() => ReportAudienceEnum)
  audience!: string;
  @Field(() => ID, { nullable: true, description: 'For a report to a service.' })
  organisationId?: string | null;
  @Field(() => [ID], { nullable: true, description: 'For a commissioner report covering a set of services (each in one of its areas).' })
  organisationIds?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'For a commissioner report: the commissioner\'s areas.' })
  areaIds?: string[] | null;
  @Field(() => String, { description: 'First day of the period (YYYY-MM-DD).' })
  from!: string;
  @Field(() => String, { description: 'Last day of the period (YYYY-MM-DD), not in the future.' })
  to!: string;
  @Field(() => String, { nullable: true, description: 'What might help, in constructive words (up to 4000 characters).' })
  whatMightHelp?: string | null;
}

@InputType({ description: 'Only the fields given change; only a draft can be edited.' })
export class EditReportInput {
  @Field(() => ID)
  reportId!: string;
  @Field(() => String, { nullable: true })
  title?: string | null;
  @Field(() => String, { nullable: true })
  from?: string | null;
  @Field(() => String, { nullable: true })
  to?: string | null;
  @Field(() => String, { nullable: true })
  whatMightHelp?: string | null;
  @Field(() => [ID], { nullable: true, description: 'The approved quotes to include, in order (replaces the choice; up to 20).' })
  quoteObservationIds?: string[] | null;
}

@InputType()
export class RespondToReportInput {
  @Field(() => ID)
  reportId!: string;
  @Field(() => String, { description: 'The service\'s response (up to 4000 characters).' })
  response!: string;
}

@InputType({ description: 'A change the service agrees to make in answer to the report.' })
export class AgreeReportActionInput {
  @Field(() => ID)
  reportId!: string;
  @Field(() => ID, { nullable: true, description: 'A client-made UUID; made for you when left out.' })
  actionId?: string | null;
  @Field(() => String, { description: 'What will change (3 to 500 characters).' })
  what!: string;
  @Field(() => String, { description: 'Who at the service will do it: a role or team (up to 200 characters).' })
  owner!: string;
  @Field(() => String, { description: 'By when (YYYY-MM-DD).' })
  dueOn!: string;
  @Field(() => ID, { nullable: true, description: 'The theme it answers, so that the change can be checked later.' })
  themeId?: string | null;
  @Field(() => String, { nullable: true, description: 'When it was agreed (today when left out); not before the report\'s period ended.' })
  agreedOn?: string | null;
}

@InputType()
export class MarkReportActionDoneInput {
  @Field(() => ID)
  reportId!: string;
  @Field(() => ID)
  actionId!: string;
  @Field(() => String, { nullable: true, description: 'When it was done (today when left out).' })
  doneOn?: string | null;
}

@InputType()
export class CheckReportChangeInput {
  @Field(() => ID)
  reportId!: string;
  @Field(() => ID)
  actionId!: string;
  @Field(() => Int, { nullable: true, description: 'Weeks compared on each side, 4 to 52 (12 when left out).' })
  weeks?: number | null;
}

@InputType()
export class ReportFilter {
  @Field(() => ReportStatusEnum, { nullable: true, description: 'Discarded drafts are left out unless asked for.' })
  status?: string | null;
  @Field(() => ID, { nullable: true })
  organisationId?: string | null;
  @Field(() => ID, { nullable: true })
  areaId?: string | null;
}
