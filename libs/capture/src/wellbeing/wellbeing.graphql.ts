import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../shared/graphql-enums.js';
import { WELLBEING_SCALES } from './wellbeing.scales.js';

export const WellbeingScaleEnum = graphqlEnum(
  WELLBEING_SCALES,
  'WellbeingScale',
  'WEMWBS (14 items, score 14-70) or SWEMWBS (7 items, metric score 7.00-35.00).',
);

@InputType({ description: 'A wellbeing check-in the person chose to do.' })
export class CheckInWellbeingInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID, { nullable: true, description: 'A client-made UUID; made for you when left out.' })
  checkInId?: string | null;

  @Field(() => WellbeingScaleEnum)
  scale!: string;

  @Field(() => [Int], {
    nullable: 'items',
    description: 'One answer per item in the scale\'s order, each 1 (none of the time) to 5 (all of the time): 14 for WEMWBS, 7 for SWEMWBS.',
  })
  answers!: Array<number | null>;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  checkedInOn!: string;

  @Field(() => Boolean, { description: 'Required: a check-in is only recorded when the person chooses to do one.' })
  personChoseToCheckIn!: boolean;
}

@ObjectType({ description: 'One check-in: its date, scale and score (item answers are not shown here).' })
export class WellbeingCheckInView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  checkedInOn!: string;

  @Field(() => WellbeingScaleEnum)
  scale!: string;

  @Field(() => Int, { description: 'The plain total of the answers.' })
  rawScore!: number;

  @Field(() => Float, { description: 'WEMWBS: the total; SWEMWBS: the metric score from the published conversion table.' })
  score!: number;
}

@ObjectType({ description: 'First against latest on one scale (scores on different scales are not compared).' })
export class WellbeingChangeView {
  @Field(() => WellbeingScaleEnum)
  scale!: string;

  @Field(() => Int)
  checkIns!: number;

  @Field(() => WellbeingCheckInView)
  first!: WellbeingCheckInView;

  @Field(() => WellbeingCheckInView)
  latest!: WellbeingCheckInView;

  @Field(() => Float, { description: 'Latest score minus first score.' })
  change!: number;
}

@ObjectType()
export class WellbeingTrendView {
  @Field(() => [WellbeingCheckInView], { description: 'Oldest first.' })
  checkIns!: WellbeingCheckInView[];

  @Field(() => [WellbeingChangeView], { description: 'One per scale the person has used.' })
  changes!: WellbeingChangeView[];
}
