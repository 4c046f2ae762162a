import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { graphqlEnum } from '../shared/graphql-enums.js';
import { REQUEST_STATUSES } from './budget.events.js';
import { BUDGET_PURPOSE_CATEGORIES, type BudgetPurposeCategory, PURPOSE_CATEGORY_LABELS } from './budget.purposes.js';

export const BudgetRequestStatusEnum = graphqlEnum(
  REQUEST_STATUSES,
  'BudgetRequestStatus',
  'Where a personal budget request stands: requested, approved, declined, or closed (nothing more will be spent).',
);

/** GraphQL names are the upper-case slugs, values the stored slugs; each value is described by its plain label. */
export const BudgetPurposeCategoryEnum = Object.fromEntries(BUDGET_PURPOSE_CATEGORIES.map((c) => [c.toUpperCase(), c])) as Record<string, BudgetPurposeCategory>;
registerEnumType(BudgetPurposeCategoryEnum, {
  name: 'BudgetPurposeCategory',
  description: `What a personal budget is for, in broad terms (the person's own words are kept apart, sealed): ${BUDGET_PURPOSE_CATEGORIES.map(
    (c) => `${c.toUpperCase()} = ${PURPOSE_CATEGORY_LABELS[c]}`,
  ).join('; ')}.`,
  valuesMap: Object.fromEntries(BUDGET_PURPOSE_CATEGORIES.map((c) => [c.toUpperCase(), { description: PURPOSE_CATEGORY_LABELS[c] }])),
});

@InputType({ description: 'Money into a team\'s personal budget pot.' })
export class FundBudgetPotInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => Int, { description: 'Whole pence above zero.' })
  amountPence!: number;

  @Field(() => String, { description: 'Where the money came from, e.g. a grant (not personal; up to 200 characters).' })
  source!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  fundedOn!: string;
}

@InputType({ description: 'A personal budget request for a person, for what they decided to use it on.' })
export class RequestBudgetInput {
  @Field(() => ID, { description: 'The person\'s team: one pot per team.' })
  teamId!: string;

  @Field(() => ID)
  personId!: string;

  @Field(() => ID, { nullable: true, description: 'A client-made UUID; made for you when left out.' })
  requestId?: string | null;

  @Field(() => String, { description: 'What it is for, in the person\'s words (up to 500 characters).' })
  purpose!: string;

  @Field(() => BudgetPurposeCategoryEnum, {
    description: 'What kind of thing it is for, counted on the outcome dashboard (not personal). UNSPECIFIED is refused: it is only for requests recorded before categories existed; OTHER when none fits.',
  })
  purposeCategory!: string;

  @Field(() => Int, { description: 'Whole pence above zero; no more than the pot has available.' })
  amountPence!: number;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  requestedOn!: string;
}

@InputType()
export class ApproveBudgetRequestInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => ID)
  requestId!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  approvedOn!: string;
}

@InputType()
export class DeclineBudgetRequestInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => ID)
  requestId!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  declinedOn!: string;

  @Field(() => String, { description: 'Why, as explained to the person (up to 1000 characters).' })
  reason!: string;
}

@InputType()
export class RecordBudgetSpendInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => ID)
  requestId!: string;

  @Field(() => ID, { nullable: true })
  spendId?: string | null;

  @Field(() => Int, { description: 'Whole pence above zero; no more than is left of what was approved.' })
  amountPence!: number;

  @Field(() => String, { description: 'What it was spent on (up to 300 characters).' })
  onWhat!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  spentOn!: string;
}

@InputType({ description: 'Nothing more will be spent on this request: what is left of it goes back to the pot.' })
export class CloseBudgetRequestInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => ID)
  requestId!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  closedOn!: string;
}

@ObjectType()
export class BudgetSpendView {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  amountPence!: number;

  @Field(() => String, { nullable: true, description: 'Null once the person has been forgotten.' })
  onWhat?: string | null;

  @Field(() => String)
  spentOn!: string;
}

@ObjectType()
export class BudgetRequestView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  teamId!: string;

  @Field(() => ID)
  personId!: string;

  @Field(() => String, { nullable: true, description: 'In the person\'s words; null once they have been forgotten.' })
  purpose?: string | null;

  @Field(() => BudgetPurposeCategoryEnum, { description: 'What kind of thing it is for; UNSPECIFIED for requests recorded before categories existed. Kept after the person is forgotten.' })
  purposeCategory!: string;

  @Field(() => Int)
  amountPence!: number;

  @Field(() => BudgetRequestStatusEnum)
  status!: string;

  @Field(() => String)
  requestedOn!: string;

  @Field(() => String, { nullable: true, description: 'When it was approved or declined.' })
  decidedOn?: string | null;

  @Field(() => Int, { description: 'What was approved (0 until then).' })
  approvedPence!: number;

  @Field(() => String, { nullable: true })
  declineReason?: string | null;

  @Field(() => Int)
  spentPence!: number;

  @Field(() => Int, { description: 'Approved and not yet spent: still promised from the pot.' })
  committedPence!: number;

  @Field(() => String, { nullable: true })
  closedOn?: string | null;

  @Field(() => [BudgetSpendView], { description: 'Oldest first.' })
  spends!: BudgetSpendView[];
}

@ObjectType()
export class BudgetFundingView {
  @Field(() => Int)
  amountPence!: number;

  @Field(() => String)
  source!: string;

  @Field(() => String)
  fundedOn!: string;
}

@ObjectType({
  description:
    'A team\'s personal budget pot. balance = funded - spent; committed = approved and not yet spent; available = balance - committed (what new requests and approvals can draw on).',
})
export class BudgetPotView {
  @Field(() => ID)
  teamId!: string;

  @Field(() => Int)
  fundedPence!: number;

  @Field(() => Int)
  spentPence!: number;

  @Field(() => Int)
  committedPence!: number;

  @Field(() => Int)
  balancePence!: number;

  @Field(() => Int)
  availablePence!: number;

  @Field(() => Int, { description: 'The total asked for by requests still waiting for a decision: not yet taken from what is available, each is approved only while the pot has enough.' })
  awaitingDecisionPence!: number;

  @Field(() => Int, { description: 'How many requests are waiting for a decision.' })
  awaitingDecisionCount!: number;

  @Field(() => [BudgetFundingView], { description: 'Oldest first.' })
  fundings!: BudgetFundingView[];

  @Field(() => [BudgetRequestView], { description: 'Newest first.' })
  requests!: BudgetRequestView[];
}
