import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CaptureCommand, Check, CommandArgs, CommandExecutor, CommandReceiptType, commandContext, type CommandReceipt } from '#libs/capture';
import { Allow, CurrentActor } from '#libs/policy';
import { clusterKey } from '../suggestions/index.js';
import { clusterDismissalStream } from '../themes/theme.events.js';
import { clusterDismissalDecider } from './cluster-dismissal.decider.js';
import { DismissClusterProposalInput, ThemeSuggestionsView } from './theme-suggestions.graphql.js';
import { ThemeSuggestionsService } from './theme-suggestions.service.js';

export class DismissClusterProposal extends CaptureCommand<DismissClusterProposalInput> {}

const CLUSTER_DISMISSAL = { stream: clusterDismissalStream, decider: clusterDismissalDecider, readModels: ['themes'] };

@CommandHandler(DismissClusterProposal)
export class DismissClusterProposalHandler implements ICommandHandler<DismissClusterProposal> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: DismissClusterProposal): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const ids = check.list('observationIds', input.observationIds, { min: 2, max: 2000 });
    ids.forEach((id, i) => check.id(`observationIds[${i}]`, id));
    check.done();
    const observationIds = [...new Set(ids.map((id) => id.toLowerCase()))].sort();
    const key = clusterKey(observationIds);
    return this.executor.on(CLUSTER_DISMISSAL).record(key, context, { key, observationIds });
  }
}

@Resolver()
export class ThemeSuggestionsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly suggestions: ThemeSuggestionsService,
  ) {}

  @Allow({ influencer: true })
  @Query(() => ThemeSuggestionsView, {
    description: 'For observations not yet in a theme: the existing themes they look like, and clusters that could be new themes. Worked out offline, on this server.',
  })
  themeSuggestions(@Args('limit', { type: () => Int, nullable: true, description: 'Unthemed observations to consider, most recent first (1 to 2000; 2000 when left out).' }) limit: number | null) {
    return this.suggestions.suggest({ limit });
  }

  @Allow({ influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Dismisses a proposed cluster: it (and any much like it) is not offered again.' })
  dismissClusterProposal(@Args('input') input: DismissClusterProposalInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new DismissClusterProposal(input, commandContext({ actor, ...meta })));
  }
}
