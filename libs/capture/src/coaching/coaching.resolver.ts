import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { commandContext, type CommandReceipt } from '../shared/command-context.js';
import { CommandArgs, CommandReceiptType } from '../shared/graphql.types.js';
import { ChangeCoaching, type CoachingChange, RecordInteraction } from './coaching.commands.js';
import {
  EndCoachingInput,
  PauseCoachingInput,
  RecordInteractionInput,
  ReopenCoachingInput,
  ResumeCoachingInput,
  StartCoachingInput,
  VaryCoachingInput,
} from './coaching.graphql.js';
import { Allow, CurrentActor, inOwnTeam } from '#libs/policy';

@Resolver()
export class CoachingResolver {
  constructor(private readonly commands: CommandBus) {}

  private change(change: CoachingChange, meta: CommandArgs, actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new ChangeCoaching(change, commandContext({ actor, ...meta })));
  }

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType)
  startCoaching(@Args('input') input: StartCoachingInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.change({ kind: 'start', ...input }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType)
  pauseCoaching(@Args('input') input: PauseCoachingInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.change({ kind: 'pause', ...input }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType)
  resumeCoaching(@Args('input') input: ResumeCoachingInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.change({ kind: 'resume', ...input }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType)
  varyCoaching(@Args('input') input: VaryCoachingInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.change({ kind: 'vary', ...input }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType)
  endCoaching(@Args('input') input: EndCoachingInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.change({ kind: 'end', ...input }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType, { description: 'The person came back: the same relationship continues.' })
  reopenCoaching(@Args('input') input: ReopenCoachingInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.change({ kind: 'reopen', ...input }, meta, actor);
  }

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType)
  recordInteraction(@Args('input') input: RecordInteractionInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new RecordInteraction(input, commandContext({ actor, ...meta })));
  }
}
