import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '#libs/capture';
import { CHANGEABLE_STATUSES, THEME_STATUSES } from './theme.events.js';

export const ThemeStatusEnum = graphqlEnum(THEME_STATUSES, 'ThemeStatus', 'Where a theme is in the learning loop.');
export const ChangeableThemeStatusEnum = graphqlEnum(CHANGEABLE_STATUSES, 'ChangeableThemeStatus', 'The statuses a theme can be moved to with a note.');
export const TREND_DIRECTIONS = ['rising', 'falling', 'steady', 'too_few'] as const;
export const TrendDirectionEnum = graphqlEnum(TREND_DIRECTIONS, 'TrendDirection', 'What the rate test says of the recent window against the baseline.');
export const TREND_PERIODS = ['week', 'month'] as const;
export const TrendPeriodEnum = graphqlEnum(TREND_PERIODS, 'TrendPeriod', 'How counts are grouped in time.');

@InputType({ description: 'A theme: a pattern across many observations, named about services, never about a person.' })
export class ProposeThemeInput {
  @Field(() => ID, { nullable: true, description: 'A client-made UUID; made for you when left out.' })
  themeId?: string | null;
  @Field(() => String, { description: '3 to 80 characters, unlike any other theme in use.' })
  name!: string;
  @Field(() => String, { nullable: true, description: 'Up to 1000 characters.' })
  description?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Taxonomy categories it covers.' })
  categoryIds?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Up to 20 words that mark its observations.' })
  keyTerms?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Observations that evidence it from the start (up to 500).' })
  observationIds?: string[] | null;
}

@InputType({ description: 'Only the fields given change.' })
export class RedefineThemeInput {
  @Field(() => ID)
  themeId!: string;
  @Field(() => String, { nullable: true })
  name?: string | null;
  @Field(() => String, { nullable: true })
  description?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Replaces the categories.' })
  categoryIds?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Replaces the key terms.' })
  keyTerms?: string[] | null;
}

@InputType()
export class ThemeObservationsInput {
  @Field(() => ID)
  themeId!: string;
  @Field(() => [ID], { description: '1 to 500 observations.' })
  observationIds!: string[];
}

@InputType()
export class ChangeThemeStatusInput {
  @Field(() => ID)
  themeId!: string;
  @Field(() => ChangeableThemeStatusEnum)
  status!: string;
  @Field(() => String, { description: 'What happened, for the learning timeline (up to 1000 characters).' })
  note!: string;
}

@InputType({ description: 'Folds one theme into another: its observations follow.' })
export class MergeThemesInput {
  @Field(() => ID, { description: 'The theme that goes.' })
  themeId!: string;
  @Field(() => ID, { description: 'The theme that stays.' })
  intoThemeId!: string;
}

@InputType({ description: 'Moves the chosen observations to a new theme.' })
export class SplitThemeInput {
  @Field(() => ID)
  themeId!: string;
  @Field(() => ID, { nullable: true, description: 'A client-made UUID for the new theme; made for you when left out.' })
  newThemeId?: string | null;
  @Field(() => String, { description: 'The new theme\'s name.' })
  name!: string;
  @Field(() => String, { nullable: true })
  description?: string | null;
  @Field(() => [ID], { nullable: true })
  categoryIds?: string[] | null;
  @Field(() => [String], { nullable: true })
  keyTerms?: string[] | null;
  @Field(() => [ID], { description: 'The observations that move; at least one stays.' })
  observationIds!: string[];
}

@ObjectType({ description: 'A theme as it stood at the moment asked about (now, unless asOf was given).' })
export class ThemeView {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String)
  description!: string;
  @Field(() => ThemeStatusEnum)
  status!: string;
  @Field(() => [ID])
  categoryIds!: string[];
  @Field(() => [String])
  keyTerms!: string[];
  @Field(() => Int, { description: 'Observations evidencing it (retracted ones left out).' })
  observationCount!: number;
  @Field(() => ID, { nullable: true })
  mergedInto?: string | null;
  @Field(() => ID, { nullable: true })
  splitFrom?: string | null;
  @Field(() => String, { description: 'ISO 8601' })
  proposedAt!: string;
  /** The moment the view answers for (internal, for field resolvers). */
  asOf!: string;
}

@ObjectType()
export class ThemeChangeView {
  @Field(() => String, { description: 'proposed, confirmed, redefined, linked, unlinked, status_changed, merged, absorbed, split, split_off' })
  change!: string;
  @Field(() => ThemeStatusEnum)
  status!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String, { nullable: true })
  note?: string | null;
  @Field(() => ID, { nullable: true, description: 'The theme merged into or from, split to or from.' })
  otherThemeId?: string | null;
  @Field(() => Int, { description: 'Observations linked, unlinked or moved by this step.' })
  observations!: number;
  @Field(() => String)
  by!: string;
  @Field(() => String, { description: 'ISO 8601' })
  at!: string;
}

@ObjectType()
export class TrendPoint {
  @Field(() => String, { description: 'First day of the week (Monday) or month, YYYY-MM-DD.' })
  period!: string;
  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'A rate test of a theme\'s recent window against its baseline, with the numbers behind it.' })
export class ThemeTrendView {
  @Field(() => ID)
  themeId!: string;
  @Field(() => String)
  name!: string;
  @Field(() => ID, { nullable: true, description: 'The service, when tested per service.' })
  organisationId?: string | null;
  @Field(() => TrendDirectionEnum)
  direction!: string;
  @Field(() => Int)
  recentCount!: number;
  @Field(() => Float, { description: 'Recent count expected at the baseline rate.' })
  expected!: number;
  @Field(() => Int)
  baselineCount!: number;
  @Field(() => Float, { nullable: true, description: 'Recent rate over baseline rate; null when the baseline is zero.' })
  ratio?: number | null;
  @Field(() => Float, { description: 'One-sided exact Poisson rate-ratio test (conditional binomial).' })
  pValue!: number;
  @Field(() => Float, { description: 'Benjamini–Hochberg adjusted across every theme (or theme and service) tested together.' })
  adjustedPValue!: number;
}

@ObjectType({ description: 'How themes were tested: the windows and the rule.' })
export class ThemeTrendsView {
  @Field(() => String, { description: 'Recent window, from (YYYY-MM-DD, inclusive).' })
  recentFrom!: string;
  @Field(() => String, { description: 'Recent window, to (inclusive).' })
  recentTo!: string;
  @Field(() => String)
  baselineFrom!: string;
  @Field(() => String)
  baselineTo!: string;
  @Field(() => Float)
  alpha!: number;
  @Field(() => Int, { description: 'Fewest observations for a theme to be called rising (or expected, for falling).' })
  minCount!: number;
  @Field(() => [ThemeTrendView], { description: 'Significantly rising, strongest evidence first.' })
  rising!: ThemeTrendView[];
  @Field(() => [ThemeTrendView], { description: 'Significantly falling, strongest evidence first.' })
  falling!: ThemeTrendView[];
  @Field(() => Int, { description: 'How many themes (or theme and service pairs) were tested.' })
  tested!: number;
}
