import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '#libs/capture';
import { TIMELINE_KINDS } from './timeline.projection.js';

export const LearningTimelineKindEnum = graphqlEnum(
  TIMELINE_KINDS,
  'LearningTimelineKind',
  'What an entry on the learning timeline is: a reflection, or one of the learning loop\'s key events.',
);

@ObjectType({ description: 'A theme a timeline entry names.' })
export class LearningThemeView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'Its name as of the moment asked about (for THEME_CONFIRMED, the name it was confirmed with); null when it had no name yet.' })
  name?: string | null;
}

@ObjectType({ description: 'A feedback report a timeline entry names.' })
export class LearningReportView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'Its title when it was shared; null when it had not been shared by the moment asked about.' })
  title?: string | null;

  @Field(() => ID, { nullable: true, description: 'The service it was shared with, when it was for one service.' })
  organisationId?: string | null;

  @Field(() => [ID], { description: 'The areas it covers, when it was for a commissioner.' })
  areaIds!: string[];
}

@ObjectType({ description: 'A reflection taken back, with why.' })
export class LearningReflectionWithdrawalView {
  @Field(() => String, { description: 'Why it was withdrawn, as given then.' })
  reason!: string;

  @Field(() => String, { description: 'When it was withdrawn (ISO 8601).' })
  withdrawnAt!: string;

  @Field(() => String, { description: 'Who withdrew it.' })
  withdrawnBy!: string;
}

@ObjectType({ description: 'What the organisation learned, decided, and will try next.' })
export class LearningReflectionView {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Its revision as of the moment asked about: send it as expectedRevision with the next change.' })
  revision!: number;

  @Field(() => String)
  learningQuestion!: string;

  @Field(() => String)
  whatHappened!: string;

  @Field(() => String)
  insight!: string;

  @Field(() => String, { nullable: true })
  decision?: string | null;

  @Field(() => String, { nullable: true, description: 'What we will try next.' })
  experiment?: string | null;

  @Field(() => [LearningThemeView])
  themes!: LearningThemeView[];

  @Field(() => [LearningReportView])
  reports!: LearningReportView[];

  @Field(() => String, { description: 'When the learning happened, YYYY-MM-DD.' })
  occurredOn!: string;

  @Field(() => String)
  recordedBy!: string;

  @Field(() => String, { nullable: true, description: 'When it was last revised (ISO 8601), as of the moment asked about.' })
  revisedAt?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was last revised, as given then; null when it has not been revised by the moment asked about, or no reason was given.' })
  revisionReason?: string | null;

  @Field(() => LearningReflectionWithdrawalView, {
    nullable: true,
    description: 'Its withdrawal, when it had been withdrawn by the moment asked about (only listed with includeWithdrawn); null otherwise.',
  })
  withdrawal?: LearningReflectionWithdrawalView | null;
}

@ObjectType({ description: 'A theme moving from one status to another.' })
export class LearningThemeStatusChangeView {
  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@ObjectType({ description: 'An action a service agreed after a feedback report.' })
export class LearningAgreedActionView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'What will change; null when the agreement is not known as of the moment asked about.' })
  what?: string | null;

  @Field(() => String, { nullable: true, description: 'Who at the service owns it.' })
  owner?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  dueOn?: string | null;
}

@ObjectType({ description: 'Whether the theme fell for the service after the agreed action.' })
export class LearningChangeCheckView {
  @Field(() => String, { description: 'closed, not_yet_clear or reopened.' })
  outcome!: string;

  @Field(() => Float, { nullable: true, description: 'The p-value of the before/after comparison, when one was made.' })
  pValue?: number | null;
}

@ObjectType({ description: 'One entry on the learning timeline. Which of the optional parts are there depends on the kind.' })
export class LearningTimelineEntryView {
  @Field(() => ID)
  id!: string;

  @Field(() => LearningTimelineKindEnum)
  kind!: string;

  @Field(() => String, { description: 'When it happened, YYYY-MM-DD.' })
  on!: string;

  @Field(() => String, { description: 'When it was first recorded (ISO 8601).' })
  recordedAt!: string;

  @Field(() => LearningReflectionView, { nullable: true, description: 'REFLECTION' })
  reflection?: LearningReflectionView | null;

  @Field(() => LearningThemeView, { nullable: true, description: 'THEME_CONFIRMED, THEME_STATUS_CHANGED, CHANGE_CHECKED' })
  theme?: LearningThemeView | null;

  @Field(() => LearningThemeStatusChangeView, { nullable: true, description: 'THEME_STATUS_CHANGED' })
  themeStatusChange?: LearningThemeStatusChangeView | null;

  @Field(() => LearningReportView, { nullable: true, description: 'REPORT_SHARED, ACTION_AGREED, CHANGE_CHECKED' })
  report?: LearningReportView | null;

  @Field(() => LearningAgreedActionView, { nullable: true, description: 'ACTION_AGREED, CHANGE_CHECKED' })
  action?: LearningAgreedActionView | null;

  @Field(() => LearningChangeCheckView, { nullable: true, description: 'CHANGE_CHECKED' })
  changeCheck?: LearningChangeCheckView | null;
}

@ObjectType()
export class LearningTimelineEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => LearningTimelineEntryView)
  node!: LearningTimelineEntryView;
}

@ObjectType()
export class LearningTimelinePageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor?: string | null;
}

@ObjectType({ description: 'The learning timeline, newest first, as it stood at `asOf`.' })
export class LearningTimelineConnection {
  @Field(() => [LearningTimelineEdge])
  edges!: LearningTimelineEdge[];

  @Field(() => LearningTimelinePageInfo)
  pageInfo!: LearningTimelinePageInfo;

  @Field(() => Int, { description: 'Entries in the whole range, as of `asOf`.' })
  totalCount!: number;

  @Field(() => GraphQLISODateTime, { description: 'The moment the answer is for: only what had been recorded by then.' })
  asOf!: Date;
}
