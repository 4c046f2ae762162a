import { Field, ID, InputType } from '@nestjs/graphql';

@InputType({ description: 'What the organisation learned: organisational learning, never about one person (no names, no person ids).' })
export class RecordReflectionInput {
  @Field(() => ID, { nullable: true, description: 'A client-made UUID; made for you when left out.' })
  reflectionId?: string | null;

  @Field(() => String, { description: 'The learning question it answers (up to 500 characters).' })
  learningQuestion!: string;

  @Field(() => String, { description: 'What happened (up to 4000 characters).' })
  whatHappened!: string;

  @Field(() => String, { description: 'What we learned from it (up to 4000 characters).' })
  insight!: string;

  @Field(() => String, { nullable: true, description: 'What we decided, if anything (up to 2000 characters).' })
  decision?: string | null;

  @Field(() => String, { nullable: true, description: '"We will try…": the experiment we will run next (up to 2000 characters).' })
  experiment?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The themes it draws on (up to 50).' })
  themeIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The feedback reports it draws on (up to 50).' })
  reportIds?: string[] | null;

  @Field(() => String, { description: 'When the learning happened, YYYY-MM-DD (not in the future).' })
  occurredOn!: string;
}

@InputType({ description: 'A correction: only the fields given change; the timeline keeps each version, so earlier dates still show what was known then.' })
export class ReviseReflectionInput {
  @Field(() => ID)
  reflectionId!: string;

  @Field(() => String, { nullable: true })
  learningQuestion?: string | null;

  @Field(() => String, { nullable: true })
  whatHappened?: string | null;

  @Field(() => String, { nullable: true })
  insight?: string | null;

  @Field(() => String, { nullable: true })
  decision?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Takes the decision out.' })
  removeDecision?: boolean | null;

  @Field(() => String, { nullable: true })
  experiment?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Takes the experiment out.' })
  removeExperiment?: boolean | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the themes.' })
  themeIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the reports.' })
  reportIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  occurredOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it is revised (up to 500 characters).' })
  reason?: string | null;
}

@InputType({ description: 'Withdraws a reflection, with the reason: it leaves the timeline from now on, and stays in it as of earlier dates.' })
export class WithdrawReflectionInput {
  @Field(() => ID)
  reflectionId!: string;

  @Field(() => String, { description: 'Why it is withdrawn (up to 500 characters).' })
  reason!: string;
}
