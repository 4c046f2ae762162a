import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ValidationError, isUuid } from '#libs/kernel';
import { commandContext, type CommandReceipt } from '../shared/command-context.js';
import { CommandArgs, CommandReceiptType } from '../shared/graphql.types.js';
import { type BudgetChange, ChangeBudget } from './budget.commands.js';
import {
  ApproveBudgetRequestInput,
  BudgetPotView,
  CloseBudgetRequestInput,
  DeclineBudgetRequestInput,
  FundBudgetPotInput,
  RecordBudgetSpendInput,
  RequestBudgetInput,
} from './budget.graphql.js';
import { BudgetQueries } from './budget.queries.js';
import { Allow, CurrentActor, inOwnTeam } from '#libs/policy';

@Resolver()
export class BudgetResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: BudgetQueries,
  ) {}

  private change(change: BudgetChange, meta: CommandArgs, actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new ChangeBudget(change, commandContext({ actor, ...meta })));
  }

  @Allow({ coach: inOwnTeam.team('input.teamId') })
  @Mutation(() => CommandReceiptType, { description: 'Money into a team\'s personal budget pot. The receipt id is the team\'s.' })
  fundBudgetPot(@Args('input') input: FundBudgetPotInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.change({ kind: 'fund', ...input }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.team('input.teamId') })
  @Mutation(() => CommandReceiptType, {
    description: 'A personal budget request; refused (CONFLICT) when it is more than the pot has available. The receipt id is the request\'s.',
  })
  requestBudget(@Args('input') input: RequestBudgetInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.change({ kind: 'request', ...input }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.team('input.teamId') })
  @Mutation(() => CommandReceiptType, { description: 'Approves a request; refused (CONFLICT) when the pot cannot cover it.' })
  approveBudgetRequest(@Args('input') input: ApproveBudgetRequestInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.change({ kind: 'approve', ...input }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.team('input.teamId') })
  @Mutation(() => CommandReceiptType)
  declineBudgetRequest(@Args('input') input: DeclineBudgetRequestInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.change({ kind: 'decline', ...input }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.team('input.teamId') })
  @Mutation(() => CommandReceiptType, { description: 'Money spent on an approved request; never more than is left of what was approved.' })
  recordBudgetSpend(@Args('input') input: RecordBudgetSpendInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.change({ kind: 'spend', ...input }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.team('input.teamId') })
  @Mutation(() => CommandReceiptType, { description: 'Nothing more will be spent on this request; the rest goes back to the pot.' })
  closeBudgetRequest(@Args('input') input: CloseBudgetRequestInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.change({ kind: 'close', ...input }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.team('teamId') })
  @Query(() => BudgetPotView, { description: 'A team\'s personal budget pot: balance, committed, spent, and its requests.' })
  budgetPot(@Args('teamId', { type: () => ID }) teamId: string): Promise<BudgetPotView> {
    if (!isUuid(teamId)) throw new ValidationError('must be an id (UUID)', 'teamId');
    return this.queries.pot(teamId);
  }
}
