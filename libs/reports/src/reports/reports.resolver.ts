import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, GraphQLISODateTime } from '@nestjs/graphql';
import { CommandArgs, commandContext, type CommandReceipt, CommandReceiptType } from '#libs/capture';
import { Allow, CurrentActor, CurrentPrincipal, type Principal, sharedWith } from '#libs/policy';
import { readerOf } from './report-audience.js';
import {
  AcknowledgeReport,
  AgreeReportAction,
  CheckDueReportChanges,
  CheckReportChange,
  DiscardReport,
  DraftReport,
  EditReport,
  MarkReportActionDone,
  RespondToReport,
  ShareReport,
} from './reports.commands.js';
import {
  AgreeReportActionInput,
  CheckReportChangeInput,
  DraftReportInput,
  EditReportInput,
  MarkReportActionDoneInput,
  ReportContentView,
  ReportFilter,
  ReportMetricsView,
  ReportQuoteCandidateView,
  ReportView,
  RespondToReportInput,
} from './reports.graphql.js';
import { ReportsQueries } from './reports.queries.js';

/** Who may read a report: influencers any; partners, commissioners, coaches and leaders once it is shared with them. */
export const READ_REPORT = (path: string) =>
  ({ influencer: true, partner: sharedWith.report(path), commissioner: sharedWith.report(path), coach: sharedWith.report(path), leader: sharedWith.report(path) }) as const;
/** Who may answer a report for the service: influencers, and partners it is shared with. */
const ANSWER_REPORT = (path: string) => ({ influencer: true, partner: sharedWith.report(path) }) as const;

const AS_OF = {
  type: () => GraphQLISODateTime,
  nullable: true,
  description: 'Answer from what had been recorded by this moment (ISO 8601): only reports shared by then, with what had happened to them by then. Now when left out.',
} as const;

@Resolver(() => ReportView)
export class ReportsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: ReportsQueries,
  ) {}

  @Allow({ influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Draft a feedback report for a service or a commissioner over a period.' })
  draftReport(@Args('input') input: DraftReportInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new DraftReport(input, commandContext({ actor, ...meta })));
  }

  @Allow({ influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Change a draft: title, period, what might help, the quotes chosen.' })
  editReport(@Args('input') input: EditReportInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new EditReport(input, commandContext({ actor, ...meta })));
  }

  @Allow({ influencer: true })
  @Mutation(() => CommandReceiptType, { description: 'Discard a draft.' })
  discardReport(@Args('reportId', { type: () => ID }) reportId: string, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new DiscardReport({ reportId }, commandContext({ actor, ...meta })));
  }

  @Allow({ influencer: true })
  @Mutation(() => CommandReceiptType, {
    description: 'Share a draft: its content is frozen (small counts suppressed, quotes sealed) and the service is asked to respond within the configured working days.',
  })
  shareReport(@Args('reportId', { type: () => ID }) reportId: string, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new ShareReport({ reportId }, commandContext({ actor, ...meta })));
  }

  @Allow(ANSWER_REPORT('reportId'))
  @Mutation(() => CommandReceiptType, { description: 'The service says it has received the report.' })
  acknowledgeReport(@Args('reportId', { type: () => ID }) reportId: string, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new AcknowledgeReport({ reportId }, commandContext({ actor, ...meta })));
  }

  @Allow(ANSWER_REPORT('input.reportId'))
  @Mutation(() => CommandReceiptType, { description: 'The service\'s response to the report (once).' })
  respondToReport(@Args('input') input: RespondToReportInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new RespondToReport(input, commandContext({ actor, ...meta })));
  }

  @Allow(ANSWER_REPORT('input.reportId'))
  @Mutation(() => CommandReceiptType, { description: 'A change the service agrees to make: what, who, by when, and optionally the theme it answers. The receipt names the action.' })
  agreeReportAction(@Args('input') input: AgreeReportActionInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new AgreeReportAction(input, commandContext({ actor, ...meta })));
  }

  @Allow(ANSWER_REPORT('input.reportId'))
  @Mutation(() => CommandReceiptType, { description: 'The service has done an agreed action.' })
  markReportActionDone(@Args('input') input: MarkReportActionDoneInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new MarkReportActionDone(input, commandContext({ actor, ...meta })));
  }

  @Allow({ influencer: true })
  @Mutation(() => CommandReceiptType, {
    description: 'Checks whether the action\'s theme fell for the report\'s services: the N weeks before it was agreed against the N weeks after it was done (once those have passed).',
  })
  checkReportChange(@Args('input') input: CheckReportChangeInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<CommandReceipt> {
    return this.commands.execute(new CheckReportChange(input, commandContext({ actor, ...meta })));
  }

  @Allow({ influencer: true })
  @Mutation(() => [CommandReceiptType], {
    description: 'Checks the change after every done action with a theme whose weeks after have passed and that has no check of that length yet. One receipt per check.',
  })
  checkDueReportChanges(
    @Args('weeks', { type: () => Int, nullable: true, description: 'Weeks compared on each side, 4 to 52 (12 when left out).' }) weeks: number | null,
    @Args() meta: CommandArgs,
    @CurrentActor() actor: string,
  ): Promise<CommandReceipt[]> {
    return this.commands.execute(new CheckDueReportChanges({ weeks }, commandContext({ actor, ...meta })));
  }

  @Allow({ influencer: true, partner: true, commissioner: true, coach: true, leader: true })
  @Query(() => [ReportView], { description: 'The reports you may see, newest first: influencers every one (drafts too); others those shared with them.' })
  reports(
    @Args('filter', { type: () => ReportFilter, nullable: true }) filter: ReportFilter | null,
    @Args('asOf', AS_OF) asOf: Date | null,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<ReportView[]> {
    return this.queries.list(readerOf(principal), filter, new Date(), asOf);
  }

  @Allow(READ_REPORT('id'))
  @Query(() => ReportView, { description: 'One report, with its content, response and actions.' })
  report(@Args('id', { type: () => ID }) id: string, @Args('asOf', AS_OF) asOf: Date | null, @CurrentPrincipal() principal: Principal | undefined): Promise<ReportView> {
    return this.queries.one(readerOf(principal), id, new Date(), asOf);
  }

  @Allow({ influencer: true })
  @Query(() => [ReportView], { description: 'Shared reports with no response, past their response date.' })
  overdueReports(@Args('asOf', AS_OF) asOf: Date | null, @CurrentPrincipal() principal: Principal | undefined): Promise<ReportView[]> {
    return this.queries.overdue(readerOf(principal), new Date(), asOf);
  }

  @Allow({ influencer: true, leader: true })
  @Query(() => ReportMetricsView, { description: 'How services answer feedback, overall and per service.' })
  reportMetrics(
    @Args('from', { type: () => String, nullable: true, description: 'Reports shared from this date.' }) from: string | null,
    @Args('to', { type: () => String, nullable: true, description: 'Reports shared up to this date.' }) to: string | null,
    @Args('asOf', AS_OF) asOf: Date | null,
  ): Promise<ReportMetricsView> {
    return this.queries.metrics({ from, to, asOf });
  }

  @ResolveField(() => ReportContentView, { description: 'Frozen once shared; for a draft, a preview as it would be shared now.' })
  content(@Parent() report: ReportView): Promise<ReportContentView> {
    return this.queries.content(report);
  }

  @ResolveField(() => [ReportQuoteCandidateView], { description: 'For a draft, the approved quotes it may include (influencers only).' })
  quoteCandidates(@Parent() report: ReportView): Promise<ReportQuoteCandidateView[]> {
    return this.queries.quoteCandidates(report);
  }
}
