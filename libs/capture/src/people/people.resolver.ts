import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { commandContext, type CommandReceipt } from '../shared/command-context.js';
import { CommandArgs, CommandReceiptType } from '../shared/graphql.types.js';
import { ChangePersonDetails, JoinPerson, MovePerson, RecordConsent } from './people.commands.js';
import {
  CaseloadEntryView,
  ChangePersonDetailsInput,
  JoinPersonInput,
  MovePersonInput,
  PersonPageView,
  RecordConsentInput,
} from './people.graphql.js';
import { PeopleQueries } from './people.queries.js';
import { Allow, CurrentActor, inOwnTeam } from '#libs/policy';

@Resolver()
export class PeopleResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: PeopleQueries,
  ) {}

  @Allow({ coach: inOwnTeam.team('input.teamId') })
  @Mutation(() => CommandReceiptType, { description: 'Record a person joining, with their consent to hold their information.' })
  joinPerson(@Args('input') input: JoinPersonInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new JoinPerson(input, commandContext({ actor, ...meta })));
  }

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType, { description: 'Record the person\'s consent as it now stands.' })
  recordConsent(@Args('input') input: RecordConsentInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new RecordConsent(input, commandContext({ actor, ...meta })));
  }

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType)
  changePersonDetails(
    @Args('input') input: ChangePersonDetailsInput,
    @Args() meta: CommandArgs,
    @CurrentActor() actor: string,
  ): Promise<CommandReceipt> {
    return this.commands.execute(new ChangePersonDetails(input, commandContext({ actor, ...meta })));
  }

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType, { description: 'The person moved area; nothing ends because of it.' })
  movePerson(@Args('input') input: MovePersonInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new MovePerson(input, commandContext({ actor, ...meta })));
  }

  @Allow({ coach: inOwnTeam.person('id') })
  @Query(() => PersonPageView, { description: 'A person\'s page: relationship timeline and interactions.' })
  person(@Args('id', { type: () => ID }) id: string): Promise<PersonPageView> {
    return this.queries.personPage(id);
  }

  @Allow({ coach: inOwnTeam.coach('coachId') })
  @Query(() => [CaseloadEntryView], { description: 'A coach\'s people who are not ended, longest without contact first.' })
  caseload(@Args('coachId', { type: () => ID }) coachId: string): Promise<CaseloadEntryView[]> {
    return this.queries.caseload(coachId);
  }
}
