import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { BudgetPurposeCategoryEnum, graphqlEnum } from '#libs/capture';
import { DASHBOARD_PERIODS } from './outcomes.calculations.js';

export const DashboardPeriodEnum = graphqlEnum(DASHBOARD_PERIODS, 'DashboardPeriod', 'How an outcome dashboard buckets what happened: calendar months or quarters.');

const SMALL = 'True for 1 to 4: not suppressed in this internal view, but too few to read much into or to share outside the organisation.';

@ObjectType({ description: 'A count, marked when it is small.' })
export class OutcomeCountView {
  @Field(() => Int)
  count!: number;

  @Field(() => Boolean, { description: SMALL })
  small!: boolean;
}

@ObjectType({ description: 'Coaching relationships that ended one way.' })
export class OutcomeEndingCountView {
  @Field(() => String, { description: 'How it ended, as recorded (planned_with_person, person_chose_to_end, moved_on, lost_contact, other).' })
  ending!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Boolean, { description: SMALL })
  small!: boolean;
}

@ObjectType({ description: 'How long the coaching relationships that ended had lasted, from their latest start (or reopening) to the end.' })
export class OutcomeRelationshipLengthView {
  @Field(() => Int, { description: 'Ended relationships whose start is known.' })
  ended!: number;

  @Field(() => Float, { nullable: true, description: 'Median length in days; null when none ended.' })
  medianDays?: number | null;

  @Field(() => Boolean, { description: SMALL })
  small!: boolean;
}

@ObjectType({ description: 'Connections people made with people, groups and activities.' })
export class OutcomeConnectionsView {
  @Field(() => Int)
  made!: number;

  @Field(() => Int, { description: 'Different people who made them.' })
  people!: number;

  @Field(() => Boolean, { description: `Marks \`people\`. ${SMALL}` })
  small!: boolean;
}

@ObjectType({
  description: 'Personal budget money spent. The person\'s own words about what it was for are never counted or shown here; see budgetSpendByCategory for the split by purpose category.',
})
export class OutcomeBudgetSpendView {
  @Field(() => Int)
  spentPence!: number;

  @Field(() => Int, { description: 'Payments made.' })
  spends!: number;

  @Field(() => Int, { description: 'Different people the money was spent for.' })
  people!: number;

  @Field(() => Boolean, { description: `Marks \`people\`. ${SMALL}` })
  small!: boolean;
}

@ObjectType({ description: 'Personal budget money spent for one purpose category (the category chosen when it was requested).' })
export class OutcomeBudgetCategorySpendView extends OutcomeBudgetSpendView {
  @Field(() => BudgetPurposeCategoryEnum, { description: 'UNSPECIFIED: spent on requests recorded before categories existed.' })
  category!: string;
}

@ObjectType({
  description:
    'Wellbeing change on one scale: for each person whose latest check-in up to the end of the period falls within it, that score against their first on the same scale (people with one check-in are not counted).',
})
export class OutcomeWellbeingChangeView {
  @Field(() => String, { description: 'wemwbs (totals 14-70) or swemwbs (metric scores 7-35): scales are never mixed.' })
  scale!: string;

  @Field(() => Int)
  people!: number;

  @Field(() => Float)
  meanFirst!: number;

  @Field(() => Float)
  meanLatest!: number;

  @Field(() => Float, { description: 'Mean of latest minus first.' })
  meanChange!: number;

  @Field(() => Float, { nullable: true, description: 'Lower end of the confidence interval of the mean change (t distribution); null with fewer than two people.' })
  lower?: number | null;

  @Field(() => Float, { nullable: true })
  upper?: number | null;

  @Field(() => Float, { description: 'The confidence level, 0.95.' })
  level!: number;

  @Field(() => Float, { description: 'The population median the scores are compared with (WEMWBS 51: Tennant et al. 2007; SWEMWBS 23.2: Health Survey for England 2010-2013).' })
  nationalAverage!: number;

  @Field(() => Int, { description: 'People whose latest score is nearer the national average than their first.' })
  movingTowardsNationalAverage!: number;

  @Field(() => Float, { description: 'movingTowardsNationalAverage / people.' })
  shareMovingTowardsNationalAverage!: number;

  @Field(() => Boolean, { description: `Marks \`people\`. ${SMALL}` })
  small!: boolean;
}

@ObjectType({ description: 'What happened in one period (or the whole range), counted by when it happened.' })
export class OutcomePeriodView {
  @Field(() => String, { description: '2026-03 for a month, 2026-Q1 for a quarter, from/to for the whole range.' })
  label!: string;

  @Field(() => String, { description: 'First day counted, YYYY-MM-DD (a calendar period, clipped to the range asked for).' })
  start!: string;

  @Field(() => String, { description: 'Last day counted, YYYY-MM-DD.' })
  end!: string;

  @Field(() => OutcomeCountView)
  peopleJoined!: OutcomeCountView;

  @Field(() => OutcomeCountView, { description: 'Coaching relationships started, reopenings included.' })
  relationshipsStarted!: OutcomeCountView;

  @Field(() => OutcomeCountView)
  relationshipsEnded!: OutcomeCountView;

  @Field(() => [OutcomeEndingCountView], { description: 'How they ended, most frequent first.' })
  endings!: OutcomeEndingCountView[];

  @Field(() => OutcomeRelationshipLengthView)
  relationshipLength!: OutcomeRelationshipLengthView;

  @Field(() => OutcomeConnectionsView)
  connections!: OutcomeConnectionsView;

  @Field(() => OutcomeBudgetSpendView)
  budgetSpend!: OutcomeBudgetSpendView;

  @Field(() => [OutcomeBudgetCategorySpendView], {
    description: 'budgetSpend split by purpose category, most spent first; only categories with spend. Their spentPence and spends add up to those of budgetSpend; a person helped in two categories counts in each.',
  })
  budgetSpendByCategory!: OutcomeBudgetCategorySpendView[];

  @Field(() => [OutcomeWellbeingChangeView], { description: 'One per scale with people to count.' })
  wellbeing!: OutcomeWellbeingChangeView[];
}

@ObjectType({ description: 'Outcomes over time, aggregates only (no names, no person ids), as they stood at `asOf`.' })
export class OutcomeDashboardView {
  @Field(() => DashboardPeriodEnum)
  period!: string;

  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => GraphQLISODateTime, { description: 'The moment the answer is for: only what had been recorded by then.' })
  asOf!: Date;

  @Field(() => ID, { nullable: true, description: 'The team asked about: where each person was when each thing happened (a budget\'s spend counts for its pot\'s team).' })
  teamId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The area asked about: where each person was when each thing happened.' })
  areaId?: string | null;

  @Field(() => [OutcomePeriodView], { description: 'Oldest first.' })
  periods!: OutcomePeriodView[];

  @Field(() => OutcomePeriodView, { description: 'The whole range from..to.' })
  total!: OutcomePeriodView;
}
