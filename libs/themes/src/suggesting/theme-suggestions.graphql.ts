import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'An existing theme an unthemed observation looks like.' })
export class ThemeSuggestionView {
  @Field(() => ID)
  observationId!: string;
  @Field(() => ID)
  themeId!: string;
  @Field(() => String)
  themeName!: string;
  @Field(() => Float, { description: 'Cosine similarity of the observation to the theme, 0 to 1.' })
  score!: number;
  @Field(() => [String], { description: 'The words (lemmas) that weigh most in the likeness.' })
  sharedTerms!: string[];
}

@ObjectType({ description: 'Unthemed observations alike enough to be a theme of their own.' })
export class ClusterProposalView {
  @Field(() => String, { description: 'Stable for the same observations.' })
  key!: string;
  @Field(() => [ID])
  observationIds!: string[];
  @Field(() => [String], { description: 'Representative words, heaviest first.' })
  terms!: string[];
  @Field(() => Float, { description: 'How alike the observations are, 0 to 1.' })
  cohesion!: number;
}

@ObjectType()
export class ThemeSuggestionsView {
  @Field(() => Int, { description: 'Unthemed observations considered (the most recent first).' })
  considered!: number;
  @Field(() => [ThemeSuggestionView])
  suggestions!: ThemeSuggestionView[];
  @Field(() => [ClusterProposalView], { description: 'Accept one by proposing a theme with its observations.' })
  clusters!: ClusterProposalView[];
}

@InputType()
export class DismissClusterProposalInput {
  @Field(() => [ID], { description: 'The proposal\'s observations, as offered.' })
  observationIds!: string[];
}
