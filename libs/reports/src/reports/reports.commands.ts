import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { calendarDate, ConflictError, NotFoundError, uuidV5 } from '#libs/kernel';
import type { SqlDatabase } from '#libs/database';
import { READ_MODELS } from '#libs/projections';
import { CaptureCommand, Check, CommandExecutor, createdId, type CommandContext, type CommandReceipt, DIRECTORY, type Directory } from '#libs/capture';
import { ThemesQueries } from '#libs/themes';
import { addWorkingDays } from '#libs/statistics';
import { changeWindows, classifyChange, DEFAULT_CHANGE_WEEKS, MAX_CHANGE_WEEKS, MIN_CHANGE_WEEKS } from './change-check.js';
import { discloseFigures } from './report-content.js';
import { ReportSources } from './report-sources.js';
import { REPORT_SETTINGS, type ReportSettings } from './report-settings.js';
import { type ReportCommand, reportDecider, type ReportState } from './report.decider.js';
import { type Audience, AUDIENCES, type ReportChanges, type ReportScope, reportStream, type SharedQuote } from './report.events.js';

export const REPORT_READ_MODELS = ['reports'] as const;
const REPORT = { stream: reportStream, decider: reportDecider, readModels: REPORT_READ_MODELS };

const LIMITS = { title: 160, whatMightHelp: 4000, response: 4000, what: 500, owner: 200, quotes: 20, organisations: 50, areas: 20 } as const;

export interface DraftReportInput {
  reportId?: string | null;
  title: string;
  audience: string;
  organisationId?: string | null;
  organisationIds?: string[] | null;
  areaIds?: string[] | null;
  from: string;
  to: string;
  whatMightHelp?: string | null;
}

export interface EditReportInput {
  reportId: string;
  title?: string | null;
  from?: string | null;
  to?: string | null;
  whatMightHelp?: string | null;
  quoteObservationIds?: string[] | null;
}

export interface RespondToReportInput {
  reportId: string;
  response: string;
}

export interface AgreeReportActionInput {
  reportId: string;
  actionId?: string | null;
  what: string;
  owner: string;
  dueOn: string;
  themeId?: string | null;
  agreedOn?: string | null;
}

export interface MarkReportActionDoneInput {
  reportId: string;
  actionId: string;
  doneOn?: string | null;
}

export interface CheckReportChangeInput {
  reportId: string;
  actionId: string;
  weeks?: number | null;
}

export class DraftReport extends CaptureCommand<DraftReportInput> {}
export class EditReport extends CaptureCommand<EditReportInput> {}
export class DiscardReport extends CaptureCommand<{ reportId: string }> {}
export class ShareReport extends CaptureCommand<{ reportId: string }> {}
export class AcknowledgeReport extends CaptureCommand<{ reportId: string }> {}
export class RespondToReport extends CaptureCommand<RespondToReportInput> {}
export class AgreeReportAction extends CaptureCommand<AgreeReportActionInput> {}
export class MarkReportActionDone extends CaptureCommand<MarkReportActionDoneInput> {}
export class CheckReportChange extends CaptureCommand<CheckReportChangeInput> {}
/** Checks every done action with a theme whose weeks after have ended and that has no check of that length yet. */
export class CheckDueReportChanges extends Command<CommandReceipt[]> {
  constructor(
    readonly input: { weeks?: number | null },
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Today in the organisation's time zone. */
const today = (context: CommandContext) => calendarDate(context.now);

async function loadReport(executor: CommandExecutor, reportId: string): Promise<ReportState> {
  const { state } = await executor.state(reportStream(reportId), reportDecider);
  if (state.status === 'none') throw new NotFoundError('No report with this id has been drafted.');
  return state;
}

function run(executor: CommandExecutor, reportId: string, context: CommandContext, command: ReportCommand | (() => Promise<ReportCommand>), id?: string) {
  return executor.on(REPORT).record(reportId, context, command, id);
}

function ids(check: Check, field: string, values: readonly string[] | null | undefined, max: number): string[] {
  const list = check.list(field, values, { max });
  list.forEach((id, i) => check.id(`${field}[${i}]`, id));
  return [...new Set(list)];
}

/** Chosen quotes must be approved quotes from the report's observations in its period. */
async function checkQuotes(check: Check, sources: ReportSources, scope: ReportScope, period: { from: string; to: string }, chosen: readonly string[]): Promise<void> {
  if (chosen.length === 0) return;
  const offered = new Set((await sources.quoteCandidates(scope, period)).map((q) => q.observationId));
  chosen.forEach((id, i) => {
    if (!offered.has(id)) {
      check.problem(`quoteObservationIds[${i}]`, 'is not an approved quote from this report\'s observations in its period (approve the quote first, or choose another)');
    }
  });
}

@CommandHandler(DraftReport)
export class DraftReportHandler implements ICommandHandler<DraftReport> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async execute({ input, context }: DraftReport): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const reportId = createdId(check, context, 'reportId', input.reportId);
    const title = check.text('title', input.title, { min: 3, max: LIMITS.title });
    const audience = check.oneOf<Audience>('audience', input.audience, AUDIENCES);
    const organisationId = check.id('organisationId', input.organisationId, true);
    const organisationIds = ids(check, 'organisationIds', input.organisationIds, LIMITS.organisations);
    const areaIds = ids(check, 'areaIds', input.areaIds, LIMITS.areas);
    const from = check.date('from', input.from);
    const to = check.date('to', input.to);
    const whatMightHelp = check.text('whatMightHelp', input.whatMightHelp, { max: LIMITS.whatMightHelp, optional: true }) ?? '';
    if (audience === 'organisation') {
      if (!organisationId) check.problem('organisationId', 'is required: the service the report is for');
      if (organisationIds.length > 0) check.problem('organisationIds', 'are for a commissioner report: a report to a service names one organisationId');
      if (areaIds.length > 0) check.problem('areaIds', 'are for a commissioner report: a report to a service is in its service\'s area');
    }
    if (audience === 'commissioner') {
      if (areaIds.length === 0) check.problem('areaIds', 'is required: the areas of the commissioner the report is for');
      if (organisationId) check.problem('organisationId', 'is for a report to a service: a commissioner report names organisationIds, or none for whole areas');
    }
    if (from && to && from > to) check.problem('to', 'cannot be before from');
    check.done();

    return run(this.executor, reportId, context, async () => {
      let scope: ReportScope;
      if (audience === 'organisation') {
        const organisation = await this.known(organisationId!);
        if (!organisation) check.problem('organisationId', 'is not a known organisation');
        scope = { audience, organisationId: organisation?.id ?? organisationId!, areaIds: organisation ? [organisation.areaId] : [] };
      } else {
        for (const [i, id] of areaIds.entries()) if (!(await this.directory.area(id))) check.problem(`areaIds[${i}]`, 'is not a known area');
        const survivors: string[] = [];
        for (const [i, id] of organisationIds.entries()) {
          const organisation = await this.known(id);
          if (!organisation) check.problem(`organisationIds[${i}]`, 'is not a known organisation');
          else if (!areaIds.includes(organisation.areaId)) check.problem(`organisationIds[${i}]`, 'is a service outside the report\'s areas: add its area, or leave it out');
          else survivors.push(organisation.id);
        }
        scope = { audience, ...(survivors.length > 0 ? { organisationIds: [...new Set(survivors)] } : {}), areaIds };
      }
      check.done();
      return { kind: 'draft', report: { reportId, title, ...scope, from, to, whatMightHelp } };
    });
  }

  /** The organisation, followed to its survivor when it was merged. */
  private async known(id: string) {
    let organisation = await this.directory.organisation(id);
    for (let hops = 0; organisation?.mergedInto && hops < 20; hops++) organisation = await this.directory.organisation(organisation.mergedInto);
    return organisation;
  }
}

@CommandHandler(EditReport)
export class EditReportHandler implements ICommandHandler<EditReport> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly sources: ReportSources,
  ) {}

  async execute({ input, context }: EditReport): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const reportId = check.id('reportId', input.reportId);
    const changes: { -readonly [K in keyof ReportChanges]: ReportChanges[K] } = {};
    if (input.title != null) changes.title = check.text('title', input.title, { min: 3, max: LIMITS.title });
    if (input.from != null) changes.from = check.date('from', input.from);
    if (input.to != null) changes.to = check.date('to', input.to);
    if (input.whatMightHelp != null) changes.whatMightHelp = check.text('whatMightHelp', input.whatMightHelp, { max: LIMITS.whatMightHelp, optional: true }) ?? '';
    if (input.quoteObservationIds != null) {
      const chosen = check.list('quoteObservationIds', input.quoteObservationIds, { max: LIMITS.quotes });
      chosen.forEach((id, i) => check.id(`quoteObservationIds[${i}]`, id));
      changes.quoteObservationIds = chosen;
    }
    if (Object.keys(changes).length === 0) check.problem('input', 'give at least one thing to change');
    check.done();

    return run(this.executor, reportId, context, async () => {
      const state = await loadReport(this.executor, reportId);
      if (state.status === 'draft') {
        const period = { from: changes.from ?? state.from!, to: changes.to ?? state.to! };
        // Quotes chosen before must still fit a changed period; newly chosen ones must fit it too.
        await checkQuotes(check, this.sources, state.scope!, period, changes.quoteObservationIds ?? (changes.from || changes.to ? state.quoteObservationIds : []));
        check.done();
      }
      return { kind: 'edit', changes };
    });
  }
}

@CommandHandler(DiscardReport)
export class DiscardReportHandler implements ICommandHandler<DiscardReport> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: DiscardReport): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const reportId = check.id('reportId', input.reportId);
    check.done();
    return run(this.executor, reportId, context, { kind: 'discard' });
  }
}

@CommandHandler(ShareReport)
export class ShareReportHandler implements ICommandHandler<ShareReport> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly sources: ReportSources,
    @Inject(REPORT_SETTINGS) private readonly settings: ReportSettings,
  ) {}

  async execute({ input, context }: ShareReport): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const reportId = check.id('reportId', input.reportId);
    check.done();
    return run(this.executor, reportId, context, async () => {
      const state = await loadReport(this.executor, reportId);
      // Suppressed here, at the moment of sharing, with the K configured now; the decider refuses a report that is not a draft.
      const period = { from: state.from!, to: state.to! };
      const raw = await this.sources.figures(state.scope!, period, context.now.toISOString());
      const content = discloseFigures(raw, this.settings.suppressionThreshold, period, state.whatMightHelp ?? '');
      const quotes: SharedQuote[] = [];
      if (state.status === 'draft' && state.quoteObservationIds.length > 0) {
        const offered = new Map((await this.sources.quoteCandidates(state.scope!, period)).map((q) => [q.observationId, q]));
        state.quoteObservationIds.forEach((id, i) => {
          const quote = offered.get(id);
          if (!quote) check.problem(`quoteObservationIds[${i}]`, 'is no longer an approved quote (its approval or consent was withdrawn): take it out with editReport, then share');
          // Still sealed with the person's key, exactly as approved: forgetting them erases it here too.
          else quotes.push({ observationId: id, personId: quote.personId, text: quote.text });
        });
        check.done();
      }
      const sharedOn = today(context);
      return { kind: 'share', content, quotes, sharedOn, responseDueOn: addWorkingDays(sharedOn, this.settings.responseWorkingDays, this.settings.closedDays) };
    });
  }
}

@CommandHandler(AcknowledgeReport)
export class AcknowledgeReportHandler implements ICommandHandler<AcknowledgeReport> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: AcknowledgeReport): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const reportId = check.id('reportId', input.reportId);
    check.done();
    return run(this.executor, reportId, context, { kind: 'acknowledge' });
  }
}

@CommandHandler(RespondToReport)
export class RespondToReportHandler implements ICommandHandler<RespondToReport> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: RespondToReport): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const reportId = check.id('reportId', input.reportId);
    const response = check.text('response', input.response, { max: LIMITS.response });
    check.done();
    return run(this.executor, reportId, context, { kind: 'respond', response });
  }
}

@CommandHandler(AgreeReportAction)
export class AgreeReportActionHandler implements ICommandHandler<AgreeReportAction> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(READ_MODELS) private readonly db: SqlDatabase,
  ) {}

  async execute({ input, context }: AgreeReportAction): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const reportId = check.id('reportId', input.reportId);
    const actionId = createdId(check, context, 'actionId', input.actionId);
    const what = check.text('what', input.what, { min: 3, max: LIMITS.what });
    const owner = check.text('owner', input.owner, { max: LIMITS.owner });
    const dueOn = check.date('dueOn', input.dueOn, { allowFuture: true });
    const themeId = check.id('themeId', input.themeId, true);
    const agreedOn = input.agreedOn ? check.date('agreedOn', input.agreedOn) : today(context);
    check.done();
    return run(
      this.executor,
      reportId,
      context,
      async () => {
        if (themeId) {
          // The themes read model, read-only by its view.
          const { rows } = await this.db.query('SELECT 1 FROM themes_themes WHERE theme_id = $1', [themeId]);
          if (rows.length === 0) check.problem('themeId', 'is not a theme');
          check.done();
        }
        return { kind: 'agree_action', action: { actionId, what, owner, dueOn, ...(themeId ? { themeId } : {}), agreedOn } };
      },
      actionId,
    );
  }
}

@CommandHandler(MarkReportActionDone)
export class MarkReportActionDoneHandler implements ICommandHandler<MarkReportActionDone> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: MarkReportActionDone): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const reportId = check.id('reportId', input.reportId);
    const actionId = check.id('actionId', input.actionId);
    const doneOn = input.doneOn ? check.date('doneOn', input.doneOn) : today(context);
    check.done();
    return run(this.executor, reportId, context, { kind: 'mark_action_done', actionId, doneOn }, actionId);
  }
}

@CommandHandler(CheckReportChange)
export class CheckReportChangeHandler implements ICommandHandler<CheckReportChange> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly sources: ReportSources,
    private readonly themes: ThemesQueries,
    @Inject(READ_MODELS) private readonly db: SqlDatabase,
  ) {}

  async execute({ input, context }: CheckReportChange): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const reportId = check.id('reportId', input.reportId);
    const actionId = check.id('actionId', input.actionId);
    const weeks = check.int('weeks', input.weeks ?? DEFAULT_CHANGE_WEEKS, { min: MIN_CHANGE_WEEKS, max: MAX_CHANGE_WEEKS });
    check.done();
    return run(
      this.executor,
      reportId,
      context,
      async () => {
        const state = await loadReport(this.executor, reportId);
        const action = state.actions.get(actionId);
        if (!action) throw new NotFoundError('This report has no action with this id.');
        if (!action.themeId) throw new ConflictError('This action names no theme, so there is no rate to check: agree actions with a theme to check them.');
        if (!action.doneOn) throw new ConflictError('This action is not done yet: mark it done before checking what changed.');
        const windows = changeWindows(action.agreedOn, action.doneOn, weeks);
        const countedThemeId = await this.survivingTheme(action.themeId);
        const at = context.now.toISOString();
        const [counted] = await this.themes.evidenceCounts(at, [windows.before, windows.after], this.sources.evidenceScope(state.scope!), [countedThemeId]);
        const before = counted?.counts[0] ?? 0;
        const after = counted?.counts[1] ?? 0;
        return {
          kind: 'check_change',
          today: today(context),
          result: {
            actionId,
            themeId: action.themeId,
            countedThemeId,
            ...classifyChange(before, after),
            weeks,
            before: { ...windows.before, count: before },
            after: { ...windows.after, count: after },
          },
        };
      },
      actionId,
    );
  }

  /** The theme itself, or the one it was merged into (followed along a chain of merges). */
  private async survivingTheme(themeId: string): Promise<string> {
    let current = themeId;
    for (let hops = 0; hops < 20; hops++) {
      // The themes read model, read-only by its view.
      const { rows } = await this.db.query<{ merged_into: string | null }>('SELECT merged_into FROM themes_themes WHERE theme_id = $1', [current]);
      if (!rows[0]?.merged_into) return current;
      current = rows[0].merged_into;
    }
    return current;
  }
}

const DUE_CHECK_NAMESPACE = '6f1c2b9a-4d3e-4a8b-9c7d-2e5f8a1b3c6d';

@CommandHandler(CheckDueReportChanges)
export class CheckDueReportChangesHandler implements ICommandHandler<CheckDueReportChanges> {
  constructor(
    private readonly checker: CheckReportChangeHandler,
    @Inject(READ_MODELS) private readonly db: SqlDatabase,
  ) {}

  /** One receipt per action checked; each check's command id derives from this command's, so a retry checks nothing twice. */
  async execute({ input, context }: CheckDueReportChanges): Promise<CommandReceipt[]> {
    const check = new Check(context.now);
    const weeks = check.int('weeks', input.weeks ?? DEFAULT_CHANGE_WEEKS, { min: MIN_CHANGE_WEEKS, max: MAX_CHANGE_WEEKS });
    check.done();
    const { rows } = await this.db.query<{ report_id: string; action_id: string }>(
      `SELECT a.report_id, a.action_id FROM reports_actions a
        WHERE a.theme_id IS NOT NULL AND a.done_on IS NOT NULL AND a.done_on + $1::int < $2::date
          AND NOT EXISTS (SELECT 1 FROM reports_checks c WHERE c.report_id = a.report_id AND c.action_id = a.action_id AND c.weeks = $3)
        ORDER BY a.done_on, a.report_id, a.action_id`,
      [weeks * 7, today(context), weeks],
    );
    const receipts: CommandReceipt[] = [];
    for (const row of rows) {
      const commandId = uuidV5(`${context.commandId}/${row.report_id}/${row.action_id}`, DUE_CHECK_NAMESPACE);
      receipts.push(await this.checker.execute(new CheckReportChange({ reportId: row.report_id, actionId: row.action_id, weeks }, { ...context, commandId })));
    }
    return receipts;
  }
}

export const REPORT_COMMAND_HANDLERS = [
  DraftReportHandler,
  EditReportHandler,
  DiscardReportHandler,
  ShareReportHandler,
  AcknowledgeReportHandler,
  RespondToReportHandler,
  AgreeReportActionHandler,
  MarkReportActionDoneHandler,
  CheckReportChangeHandler,
  CheckDueReportChangesHandler,
];

