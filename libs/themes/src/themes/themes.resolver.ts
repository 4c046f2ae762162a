import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, GraphQLISODateTime } from '@nestjs/graphql';
import { CommandArgs, CommandReceiptType, commandContext, type CommandReceipt } from '#libs/capture';
import { Allow, CurrentActor, CurrentPrincipal, type Principal } from '#libs/policy';
import {
  ChangeThemeStatus,
  ConfirmTheme,
  DismissThemeSuggestions,
  LinkObservations,
  MergeThemes,
  ProposeTheme,
  RedefineTheme,
  SplitTheme,
  UnlinkObservations,
} from './themes.commands.js';
import {
  ChangeThemeStatusInput,
  MergeThemesInput,
  ProposeThemeInput,
  RedefineThemeInput,
  SplitThemeInput,
  ThemeChangeView,
  ThemeObservationsInput,
  ThemeStatusEnum,
  ThemeTrendsView,
  ThemeView,
  TrendPeriodEnum,
  TrendPoint,
} from './themes.graphql.js';
import { ThemesQueries } from './themes.queries.js';

const AS_OF = { type: () => GraphQLISODateTime, nullable: true, description: 'Answer from what had been recorded by this moment (ISO 8601); now when left out.' } as const;

/**
 * Themes are curated by system influencers. Coaches see the themes of their organisation and
 * leaders see them aggregated; nothing here carries personal data.
 */
@Resolver(() => ThemeView)
export class ThemesResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: ThemesQueries,
  ) {}

  private send(command: new (input: never, context: ReturnType<typeof commandContext>) => object, input: unknown, meta: CommandArgs, actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new command(input as never, commandContext({ actor, ...meta })) as never);
  }

  @Allow({ influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Proposes a theme (emerging), with the observations that evidence it so far.' })
  proposeTheme(@Args('input') input: ProposeThemeInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.send(ProposeTheme, input, meta, actor);
  }

  @Allow({ influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Confirms an emerging theme: it is real and worth raising.' })
  confirmTheme(@Args('themeId', { type: () => ID }) themeId: string, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.send(ConfirmTheme, { themeId }, meta, actor);
  }

  @Allow({ influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Renames a theme or changes its description, categories or key terms.' })
  redefineTheme(@Args('input') input: RedefineThemeInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.send(RedefineTheme, input, meta, actor);
  }

  @Allow({ influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Links observations to a theme as its evidence (those already linked are left as they are).' })
  linkObservations(@Args('input') input: ThemeObservationsInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.send(LinkObservations, input, meta, actor);
  }

  @Allow({ influencer: true })
  @Mutation(() => CommandReceiptType)
  unlinkObservations(@Args('input') input: ThemeObservationsInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.send(UnlinkObservations, input, meta, actor);
  }

  @Allow({ influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Dismisses suggestions to link these observations to this theme: they are not offered again.' })
  dismissThemeSuggestions(@Args('input') input: ThemeObservationsInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.send(DismissThemeSuggestions, input, meta, actor);
  }

  @Allow({ influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Moves a confirmed theme along the loop (or re-opens it), with a note.' })
  changeThemeStatus(@Args('input') input: ChangeThemeStatusInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.send(ChangeThemeStatus, input, meta, actor);
  }

  @Allow({ influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Merges a theme into another; its observations follow. A retry completes a merge that stopped half-way.' })
  mergeThemes(@Args('input') input: MergeThemesInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.send(MergeThemes, input, meta, actor);
  }

  @Allow({ influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Splits the chosen observations off into a new theme. The receipt id is the new theme\'s.' })
  splitTheme(@Args('input') input: SplitThemeInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.send(SplitTheme, input, meta, actor);
  }

  @Allow({ coach: true, influencer: true, leader: true })
  @Query(() => [ThemeView], { description: 'Themes, most evidenced first; merged ones only when asked for by status.' })
  themes(@Args('status', { type: () => ThemeStatusEnum, nullable: true }) status: string | null, @Args('asOf', AS_OF) asOf: Date | null): Promise<ThemeView[]> {
    return this.queries.list({ status, asOf });
  }

  @Allow({ coach: true, influencer: true, leader: true })
  @Query(() => ThemeView)
  theme(@Args('id', { type: () => ID }) id: string, @Args('asOf', AS_OF) asOf: Date | null): Promise<ThemeView> {
    return this.queries.one(id, asOf);
  }

  @Allow({ influencer: true, leader: true })
  @Query(() => ThemeTrendsView, {
    description: 'Emerging (rising) and falling themes: the recent weeks against the baseline weeks before them, by an exact Poisson rate-ratio test, adjusted for testing many themes at once.',
  })
  themeTrends(
    @Args('asOf', AS_OF) asOf: Date | null,
    @Args('endOn', { type: () => String, nullable: true, description: 'Last day of the recent window, YYYY-MM-DD (the asOf day, or today, when left out).' }) endOn: string | null,
    @Args('recentWeeks', { type: () => Int, nullable: true, description: '1 to 52 (8 when left out).' }) recentWeeks: number | null,
    @Args('baselineWeeks', { type: () => Int, nullable: true, description: '4 to 260 (52 when left out).' }) baselineWeeks: number | null,
    @Args('byService', { type: () => Boolean, nullable: true, description: 'Test each theme for each service separately.' }) byService: boolean | null,
    @Args('organisationId', { type: () => ID, nullable: true, description: 'Only this service and those below it.' }) organisationId: string | null,
    @Args('areaId', { type: () => ID, nullable: true }) areaId: string | null,
  ): Promise<ThemeTrendsView> {
    return this.queries.trends({ asOf, endOn, recentWeeks, baselineWeeks, byService, organisationId, areaId });
  }

  @ResolveField(() => [TrendPoint], { description: 'Observations by week or month of when they happened.' })
  trend(
    @Parent() theme: ThemeView,
    @Args('period', { type: () => TrendPeriodEnum, nullable: true }) period: 'week' | 'month' | null,
    @Args('organisationId', { type: () => ID, nullable: true }) organisationId: string | null,
    @Args('areaId', { type: () => ID, nullable: true }) areaId: string | null,
  ): Promise<TrendPoint[]> {
    return this.queries.trend(theme.id, theme.asOf, period ?? 'month', { organisationId, areaId });
  }

  @ResolveField(() => [ID], { description: 'The observations evidencing it: for system influencers only (empty for other roles).' })
  async observationIds(@Parent() theme: ThemeView, @CurrentPrincipal() principal: Principal | undefined): Promise<string[]> {
    if (!principal?.grants.some((grant) => grant.role === 'influencer')) return [];
    return this.queries.observationIds(theme.id, theme.asOf);
  }

  @ResolveField(() => [ThemeChangeView], { description: 'Every step, oldest first.' })
  history(@Parent() theme: ThemeView): Promise<ThemeChangeView[]> {
    return this.queries.history(theme.id);
  }
}
