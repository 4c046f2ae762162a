import { CommandBus } from '@nestjs/cqrs';
import { NotFoundError } from '#libs/kernel';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { commandContext, type CommandReceipt } from '../shared/command-context.js';
import { CommandArgs, CommandReceiptType } from '../shared/graphql.types.js';
import { ChangePersonDetails, ForgetPerson, JoinPerson, MovePerson, RecordConsent } from './people.commands.js';
import { PersonRecordService } from './person-record.js';
import {
  CaseloadEntryView,
  ChangePersonDetailsInput,
  ForgetPersonInput,
  JoinPersonInput,
  MovePersonInput,
  PersonPageView,
  PersonRecordView,
  RecordConsentInput,
} from './people.graphql.js';
import { PeopleQueries } from './people.queries.js';
import { Allow, CurrentActor, inOwnTeam } from '#libs/policy';

@Resolver()
export class PeopleResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: PeopleQueries,
    private readonly records: PersonRecordService,
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
  async person(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: string): Promise<PersonPageView> {
    const page = await this.queries.personPage(id);
    await this.records.recordRead(id, 'person_page', actor);
    return page;
  }

  @Allow({ coach: inOwnTeam.person('personId'), admin: true })
  @Query(() => PersonRecordView, { description: 'Everything held about a person, for a subject access request. Recorded in the audit log.' })
  async personRecord(@Args('personId', { type: () => ID }) personId: string, @CurrentActor() actor: string): Promise<PersonRecordView> {
    const record = await this.records.export(personId);
    if (record.streams.length === 0) throw new NotFoundError('No person with this id has joined.');
    await this.records.recordRead(personId, 'subject_access_export', actor);
    return { personId, exportedAt: record.exportedAt, json: JSON.stringify(record) };
  }

  @Allow({ influencer: true, admin: true })
  @Mutation(() => CommandReceiptType, {
    description: 'Forgets a person for good: their key is destroyed, so their name, contact details and words can never be read again; anonymous counts stay.',
  })
  forgetPerson(@Args('input') input: ForgetPersonInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new ForgetPerson(input, commandContext({ actor, ...meta })));
  }

  @Allow({ coach: inOwnTeam.coach('coachId') })
  @Query(() => [CaseloadEntryView], {
    description: 'A coach\'s people whose coaching has not ended, longest without contact first; then, when asked for, those whose coaching ended, latest first.',
  })
  caseload(
    @Args('coachId', { type: () => ID }) coachId: string,
    @Args('includeEnded', { type: () => Boolean, defaultValue: false, description: 'Also list people whose coaching has ended (to re-open it).' }) includeEnded = false,
  ): Promise<CaseloadEntryView[]> {
    return this.queries.caseload(coachId, { includeEnded });
  }
}
