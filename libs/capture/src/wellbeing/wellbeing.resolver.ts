import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { commandContext, type CommandReceipt } from '../shared/command-context.js';
import { CommandArgs, CommandReceiptType } from '../shared/graphql.types.js';
import { CheckInWellbeing } from './wellbeing.commands.js';
import { CheckInWellbeingInput } from './wellbeing.graphql.js';
import { Allow, CurrentActor, inOwnTeam } from '#libs/policy';

@Resolver()
export class WellbeingResolver {
  constructor(private readonly commands: CommandBus) {}

  @Allow({ coach: inOwnTeam.person('input.personId') })
  @Mutation(() => CommandReceiptType, {
    description: 'Record a WEMWBS or SWEMWBS check-in the person chose to do; every item must be answered 1 to 5.',
  })
  checkInWellbeing(@Args('input') input: CheckInWellbeingInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new CheckInWellbeing(input, commandContext({ actor, ...meta })));
  }
}
