import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { isUuid, ValidationError } from '#libs/kernel';
import { commandContext, type CommandReceipt } from '../shared/command-context.js';
import { CommandArgs, CommandReceiptType } from '../shared/graphql.types.js';
import { AddCoach, CoachLeft, FormTeam, MoveCoach, RegisterArea, RenameArea, RenameTeam } from './directory.commands.js';
import {
  AddCoachInput,
  AreaView,
  CoachLeftInput,
  CoachView,
  FormTeamInput,
  MoveCoachInput,
  RegisterAreaInput,
  RenameAreaInput,
  RenameTeamInput,
  TeamView,
} from './directory.graphql.js';
import { DirectoryQueries } from './directory.queries.js';
import { Allow, CurrentActor } from '#libs/policy';

/** An optional id argument of a query: a UUID or nothing. */
function optionalId(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (!isUuid(value)) throw new ValidationError('must be an id (UUID)', field);
  return value;
}

@Resolver()
export class DirectoryResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: DirectoryQueries,
  ) {}

  @Allow({ admin: true })
  @Mutation(() => CommandReceiptType, { description: 'Register an area (a borough, a county) where coaching happens.' })
  registerArea(@Args('input') input: RegisterAreaInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new RegisterArea(input, commandContext({ actor, ...meta })));
  }

  @Allow({ admin: true })
  @Mutation(() => CommandReceiptType)
  renameArea(@Args('input') input: RenameAreaInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new RenameArea(input, commandContext({ actor, ...meta })));
  }

  @Allow({ admin: true })
  @Mutation(() => CommandReceiptType, { description: 'Form a team of coaches in an area.' })
  formTeam(@Args('input') input: FormTeamInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new FormTeam(input, commandContext({ actor, ...meta })));
  }

  @Allow({ admin: true })
  @Mutation(() => CommandReceiptType)
  renameTeam(@Args('input') input: RenameTeamInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new RenameTeam(input, commandContext({ actor, ...meta })));
  }

  @Allow({ admin: true })
  @Mutation(() => CommandReceiptType, { description: 'A coach joins a team.' })
  addCoach(@Args('input') input: AddCoachInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new AddCoach(input, commandContext({ actor, ...meta })));
  }

  @Allow({ admin: true })
  @Mutation(() => CommandReceiptType, { description: 'A coach moves to another team.' })
  moveCoach(@Args('input') input: MoveCoachInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new MoveCoach(input, commandContext({ actor, ...meta })));
  }

  @Allow({ admin: true })
  @Mutation(() => CommandReceiptType, { description: 'A coach left: they can no longer take on people.' })
  coachLeft(@Args('input') input: CoachLeftInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new CoachLeft(input, commandContext({ actor, ...meta })));
  }

  @Allow({ coach: true, influencer: true, leader: true, commissioner: true, admin: true })
  @Query(() => [AreaView], { description: 'Every area, by name.' })
  areas(): Promise<AreaView[]> {
    return this.queries.areas();
  }

  @Allow({ coach: true, influencer: true, leader: true, admin: true })
  @Query(() => [TeamView], { description: 'The teams of an area (of every area when left out), by name.' })
  teams(@Args('areaId', { type: () => ID, nullable: true }) areaId?: string | null): Promise<TeamView[]> {
    return this.queries.teams(optionalId('areaId', areaId));
  }

  @Allow({ coach: true, influencer: true, leader: true, admin: true })
  @Query(() => [CoachView], { description: 'The coaches of a team (of every team when left out), by name.' })
  coaches(
    @Args('teamId', { type: () => ID, nullable: true }) teamId?: string | null,
    @Args('includeLeft', { type: () => Boolean, defaultValue: false, description: 'Also list coaches who have left.' }) includeLeft = false,
  ): Promise<CoachView[]> {
    return this.queries.coaches(optionalId('teamId', teamId), includeLeft);
  }
}
