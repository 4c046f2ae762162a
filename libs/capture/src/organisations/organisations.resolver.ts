import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { commandContext, type CommandReceipt } from '../shared/command-context.js';
import { CommandArgs, CommandReceiptType } from '../shared/graphql.types.js';
import { MergeOrganisations, MoveOrganisation, RegisterOrganisation, RenameOrganisation } from './organisations.commands.js';
import {
  MergeOrganisationsInput,
  MoveOrganisationInput,
  OrganisationConnection,
  OrganisationsArgs,
  OrganisationTreeNode,
  OrganisationView,
  RegisterOrganisationInput,
  RenameOrganisationInput,
} from './organisations.graphql.js';
import { OrganisationQueries } from './organisations.queries.js';
import { Allow, CurrentActor } from '#libs/policy';

@Resolver()
export class OrganisationsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: OrganisationQueries,
  ) {}

  @Allow({ admin: true, influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Register a partner service, optionally as part of another organisation.' })
  registerOrganisation(
    @Args('input') input: RegisterOrganisationInput,
    @Args() meta: CommandArgs,
    @CurrentActor() actor: string,
  ): Promise<CommandReceipt> {
    return this.commands.execute(new RegisterOrganisation(input, commandContext({ actor, ...meta })));
  }

  @Allow({ admin: true })
  @Mutation(() => CommandReceiptType)
  renameOrganisation(
    @Args('input') input: RenameOrganisationInput,
    @Args() meta: CommandArgs,
    @CurrentActor() actor: string,
  ): Promise<CommandReceipt> {
    return this.commands.execute(new RenameOrganisation(input, commandContext({ actor, ...meta })));
  }

  @Allow({ admin: true })
  @Mutation(() => CommandReceiptType, { description: 'Move an organisation (and everything below it) in the hierarchy.' })
  moveOrganisation(@Args('input') input: MoveOrganisationInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new MoveOrganisation(input, commandContext({ actor, ...meta })));
  }

  @Allow({ admin: true, influencer: true })
  @Mutation(() => CommandReceiptType, {
    description: 'Merge a duplicate record into the record of the same service that stays; what referred to it follows the survivor.',
  })
  mergeOrganisations(
    @Args('input') input: MergeOrganisationsInput,
    @Args() meta: CommandArgs,
    @CurrentActor() actor: string,
  ): Promise<CommandReceipt> {
    return this.commands.execute(new MergeOrganisations(input, commandContext({ actor, ...meta })));
  }

  @Allow({ coach: true, influencer: true, leader: true, commissioner: true, admin: true })
  @Query(() => OrganisationConnection, { description: 'Organisations by name, a page at a time.' })
  organisations(@Args() args: OrganisationsArgs): Promise<OrganisationConnection> {
    return this.queries.organisations(args);
  }

  @Allow({ coach: true, influencer: true, leader: true, commissioner: true, admin: true })
  @Query(() => [OrganisationTreeNode], { description: 'The hierarchy below one organisation, or all of it from the top.' })
  organisationTree(@Args('rootId', { type: () => ID, nullable: true }) rootId?: string | null): Promise<OrganisationTreeNode[]> {
    return this.queries.tree(rootId);
  }

  @Allow({ coach: true, influencer: true, leader: true, commissioner: true, admin: true })
  @Query(() => OrganisationView)
  organisation(@Args('id', { type: () => ID }) id: string): Promise<OrganisationView> {
    return this.queries.organisation(id);
  }
}
