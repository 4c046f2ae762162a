import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { commandContext, type CommandReceipt } from '../shared/command-context.js';
import { CommandArgs, CommandReceiptType } from '../shared/graphql.types.js';
import { type GrowthChange, RecordGrowth } from './growth.commands.js';
import {
  AchieveAspirationInput,
  ChangeAspirationInput,
  EndConnectionInput,
  LetGoOfAspirationInput,
  MakeConnectionInput,
  NoteAspirationProgressInput,
  NoticeStrengthInput,
  SetAspirationInput,
} from './growth.graphql.js';
import { Allow, CurrentActor, inOwnTeam } from '#libs/policy';

@Resolver()
export class GrowthResolver {
  constructor(private readonly commands: CommandBus) {}

  private record(change: GrowthChange, meta: CommandArgs, actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new RecordGrowth(change, commandContext({ actor, ...meta })));
  }

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType, { description: 'The person sets an aspiration, in their words. The receipt id is the aspiration\'s.' })
  setAspiration(@Args('input') input: SetAspirationInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.record({ kind: 'set_aspiration', ...input }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType)
  noteAspirationProgress(@Args('input') input: NoteAspirationProgressInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.record({ kind: 'note_progress', ...input }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType)
  achieveAspiration(@Args('input') input: AchieveAspirationInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.record({ kind: 'achieve_aspiration', ...input }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType, { description: 'The person reshapes an aspiration. The receipt id is the new aspiration\'s.' })
  changeAspiration(@Args('input') input: ChangeAspirationInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.record({ kind: 'change_aspiration', ...input }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType)
  letGoOfAspiration(@Args('input') input: LetGoOfAspirationInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.record({ kind: 'let_go_of_aspiration', ...input }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType, { description: 'A strength noticed, in the person\'s words. The receipt id is the strength\'s.' })
  noticeStrength(@Args('input') input: NoticeStrengthInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.record({ kind: 'notice_strength', ...input }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType, { description: 'A connection made. The receipt id is the connection\'s.' })
  makeConnection(@Args('input') input: MakeConnectionInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    const { kind, ...rest } = input;
    return this.record({ kind: 'make_connection', connectionKind: kind, ...rest }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType)
  endConnection(@Args('input') input: EndConnectionInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.record({ kind: 'end_connection', ...input }, meta, actor);
  }
}
