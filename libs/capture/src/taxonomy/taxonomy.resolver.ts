import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { commandContext, type CommandReceipt } from '../shared/command-context.js';
import { CommandArgs, CommandReceiptType } from '../shared/graphql.types.js';
import { AddCategory, RenameCategory, RetireCategory } from './taxonomy.commands.js';
import { AddCategoryInput, CategoryView, RenameCategoryInput, RetireCategoryInput } from './taxonomy.graphql.js';
import { TaxonomyQueries } from './taxonomy.queries.js';
import { Allow, CurrentActor } from '#libs/policy';

/**
 * The categories live in one stream: expectedRevision, when sent, is the revision of the whole
 * set of categories (as in the receipt of the last change).
 */
@Resolver()
export class TaxonomyResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: TaxonomyQueries,
  ) {}

  @Allow({ admin: true })
  @Mutation(() => CommandReceiptType, { description: 'Add a category for observations.' })
  addCategory(@Args('input') input: AddCategoryInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new AddCategory(input, commandContext({ actor, ...meta })));
  }

  @Allow({ admin: true })
  @Mutation(() => CommandReceiptType)
  renameCategory(@Args('input') input: RenameCategoryInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new RenameCategory(input, commandContext({ actor, ...meta })));
  }

  @Allow({ admin: true })
  @Mutation(() => CommandReceiptType, { description: 'Retire a category: it is no longer offered for new observations.' })
  retireCategory(@Args('input') input: RetireCategoryInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new RetireCategory(input, commandContext({ actor, ...meta })));
  }

  @Allow({ coach: true, influencer: true, leader: true, commissioner: true, admin: true })
  @Query(() => [CategoryView], { description: 'The categories for observations, in display order.' })
  categories(
    @Args('includeRetired', { type: () => Boolean, defaultValue: false, description: 'Also list retired categories.' }) includeRetired = false,
  ): Promise<CategoryView[]> {
    return this.queries.categories(includeRetired);
  }
}
