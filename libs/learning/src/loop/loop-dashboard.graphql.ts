import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { DashboardPeriodEnum } from '../outcomes/outcomes.graphql.js';

@ObjectType({ description: 'What the learning loop did in one month or quarter.' })
export class LoopPeriodView {
  @Field(() => String, { description: 'e.g. 2026-03 or 2026-Q1' })
  label!: string;
  @Field(() => String, { description: 'First day counted, YYYY-MM-DD.' })
  start!: string;
  @Field(() => String, { description: 'Last day counted, YYYY-MM-DD.' })
  end!: string;
  @Field(() => [String], { description: 'Themes significantly rising over this period against the year before it (the themeTrends test).' })
  themesRising!: string[];
  @Field(() => [String], { description: 'Themes significantly falling over this period.' })
  themesFalling!: string[];
  @Field(() => Int)
  themesConfirmed!: number;
  @Field(() => Int, { description: 'Themes raised with services.' })
  themesRaised!: number;
  @Field(() => Int)
  themesResolved!: number;
  @Field(() => Int)
  themesReopened!: number;
  @Field(() => Int)
  reportsShared!: number;
  @Field(() => Int, { description: 'Services that responded to a report.' })
  responses!: number;
  @Field(() => Int, { description: 'Changes (actions) services agreed.' })
  changesAgreed!: number;
  @Field(() => Int)
  changesChecked!: number;
  @Field(() => Int, { description: 'Checked changes followed by a significant fall: the loop closed.' })
  changesClosed!: number;
}

@ObjectType({ description: 'The learning loop by month or quarter, as known at a moment.' })
export class LoopDashboardView {
  @Field(() => DashboardPeriodEnum)
  period!: string;
  @Field(() => GraphQLISODateTime)
  asOf!: Date;
  @Field(() => [LoopPeriodView])
  periods!: LoopPeriodView[];
}
