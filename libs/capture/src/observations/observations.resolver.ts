import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { commandContext, type CommandReceipt } from '../shared/command-context.js';
import { CommandArgs, CommandReceiptType } from '../shared/graphql.types.js';
import {
  AmendObservation,
  ApproveQuote,
  MatchObservationOrganisation,
  RecordObservation,
  RetractObservation,
  WithdrawQuoteApproval,
} from './observations.commands.js';
import {
  AmendObservationInput,
  ApproveQuoteInput,
  WithdrawQuoteApprovalInput,
  MatchObservationOrganisationInput,
  ObservationChangeView,
  ObservationConnection,
  ObservationFilter,
  ObservationView,
  RecordObservationInput,
  RetractObservationInput,
} from './observations.graphql.js';
import { ObservationsQueries } from './observations.queries.js';
import { Allow, CurrentActor, inOwnTeam } from '#libs/policy';

@Resolver(() => ObservationView)
export class ObservationsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: ObservationsQueries,
  ) {}

  @Allow({ coach: inOwnTeam.person('input.personId'), influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Record a barrier or a bright spot: something a coach saw a service do.' })
  recordObservation(@Args('input') input: RecordObservationInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new RecordObservation(input, commandContext({ actor, ...meta })));
  }

  @Allow({ coach: inOwnTeam.observation('input.observationId'), influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Correct an observation; the history keeps every amendment. A retracted one cannot be amended.' })
  amendObservation(@Args('input') input: AmendObservationInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new AmendObservation(input, commandContext({ actor, ...meta })));
  }

  @Allow({ coach: inOwnTeam.observation('input.observationId'), influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Withdraw an observation, with the reason.' })
  retractObservation(@Args('input') input: RetractObservationInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new RetractObservation(input, commandContext({ actor, ...meta })));
  }

  @Allow({ influencer: true, admin: true })
  @Mutation(() => CommandReceiptType, { description: 'Match an observation recorded against a service\'s name to the organisation it is.' })
  matchObservationOrganisation(
    @Args('input') input: MatchObservationOrganisationInput,
    @Args() meta: CommandArgs,
    @CurrentActor() actor: string,
  ): Promise<CommandReceipt> {
    return this.commands.execute(new MatchObservationOrganisation(input, commandContext({ actor, ...meta })));
  }

  @Allow({ influencer: true })
  @Mutation(() => CommandReceiptType, {
    description: 'Approves an observation\'s quote for sharing outside the organisation, as redacted in `text`. Needs the person\'s consent; lapses if the quote changes.',
  })
  approveQuote(@Args('input') input: ApproveQuoteInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new ApproveQuote(input, commandContext({ actor, ...meta })));
  }

  @Allow({ influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Withdraws the approval of a quote: it is no longer shared in new reports.' })
  withdrawQuoteApproval(@Args('input') input: WithdrawQuoteApprovalInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new WithdrawQuoteApproval(input, commandContext({ actor, ...meta })));
  }

  @Allow({ influencer: true })
  @Query(() => ObservationConnection, { description: 'Observations, newest first, a page at a time. Retracted ones are left out unless asked for.' })
  observations(
    @Args('filter', { type: () => ObservationFilter, nullable: true }) filter: ObservationFilter | null,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1 to 100 (20 when left out).' }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
  ): Promise<ObservationConnection> {
    return this.queries.list(filter, first, after);
  }

  @Allow({ coach: inOwnTeam.observation('id'), influencer: true })
  @Query(() => ObservationView, { description: 'One observation with its history of amendments.' })
  observation(@Args('id', { type: () => ID }) id: string): Promise<ObservationView> {
    return this.queries.one(id);
  }

  @ResolveField(() => [ObservationChangeView], { description: 'Every change, oldest first.' })
  history(@Parent() observation: ObservationView): Promise<ObservationChangeView[]> {
    return this.queries.history(observation.id);
  }
}
