import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CommandArgs, commandContext, type CommandReceipt, CommandReceiptType } from '#libs/capture';
import { Allow, CurrentActor } from '#libs/policy';
import { RecordReflection, ReviseReflection, WithdrawReflection } from './reflection.commands.js';
import { RecordReflectionInput, ReviseReflectionInput, WithdrawReflectionInput } from './reflections.graphql.js';

@Resolver()
export class ReflectionsResolver {
  constructor(private readonly commands: CommandBus) {}

  @Allow({ leader: true, influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Record what the organisation learned, decided, and will try next.' })
  recordReflection(@Args('input') input: RecordReflectionInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new RecordReflection(input, commandContext({ actor, ...meta })));
  }

  @Allow({ leader: true, influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Correct a reflection; the timeline keeps every version. A withdrawn one cannot be revised.' })
  reviseReflection(@Args('input') input: ReviseReflectionInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new ReviseReflection(input, commandContext({ actor, ...meta })));
  }

  @Allow({ leader: true, influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Withdraw a reflection, with the reason.' })
  withdrawReflection(@Args('input') input: WithdrawReflectionInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new WithdrawReflection(input, commandContext({ actor, ...meta })));
  }
}
