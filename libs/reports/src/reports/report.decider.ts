import { ConflictError, type Decider, NotFoundError, ValidationError } from '#libs/kernel';
import { changeWindows } from './change-check.js';
import type {
  ActionAgreed,
  ChangeChecked,
  ReportChanges,
  ReportContent,
  ReportDrafted,
  ReportEvent,
  ReportScope,
  SharedQuote,
} from './report.events.js';

export type ReportCommand =
  | { kind: 'draft'; report: ReportDrafted }
  | { kind: 'edit'; changes: ReportChanges }
  | { kind: 'discard' }
  | { kind: 'share'; content: ReportContent; quotes: readonly SharedQuote[]; sharedOn: string; responseDueOn: string }
  | { kind: 'acknowledge' }
  | { kind: 'respond'; response: string }
  | { kind: 'agree_action'; action: Omit<ActionAgreed, 'reportId'> }
  | { kind: 'mark_action_done'; actionId: string; doneOn: string }
  | {
      kind: 'check_change';
      result: Omit<ChangeChecked, 'reportId'>;
      /** The date the check runs: the window after the action must have ended before it. */
      today: string;
    };

export type ReportStatus = 'none' | 'draft' | 'shared' | 'discarded';

export interface ActionState {
  readonly themeId?: string;
  readonly agreedOn: string;
  readonly doneOn?: string;
}

export interface ReportState {
  readonly status: ReportStatus;
  readonly reportId?: string;
  readonly title?: string;
  readonly scope?: ReportScope;
  readonly from?: string;
  readonly to?: string;
  readonly whatMightHelp?: string;
  readonly quoteObservationIds: readonly string[];
  readonly acknowledged: boolean;
  readonly responded: boolean;
  readonly actions: ReadonlyMap<string, ActionState>;
}

function checkPeriod(from: string, to: string): void {
  if (from > to) throw new ValidationError('cannot be before the start of the period (from)', 'to');
}

function checkScope(scope: ReportScope): void {
  if (scope.audience === 'organisation') {
    if (!scope.organisationId) throw new ValidationError('is required for a report to a service', 'organisationId');
    if (scope.organisationIds?.length) throw new ValidationError('are for a commissioner report: a report to a service names one organisationId', 'organisationIds');
  } else {
    if (scope.areaIds.length === 0) throw new ValidationError('needs at least one area: the commissioner\'s', 'areaIds');
    if (scope.organisationId) throw new ValidationError('is for a report to a service: a commissioner report names organisationIds, or none for whole areas', 'organisationId');
  }
}

const sameList = (a: readonly string[] | undefined, b: readonly string[]) => !!a && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * One feedback report's life: drafted and edited by an influencer, then shared once (its content
 * frozen) or discarded; once shared, the service acknowledges it, responds, agrees actions and
 * marks them done, and each done action with a theme can have its change checked (again later
 * if need be). Nothing of a shared report's content changes after sharing.
 */
export const reportDecider: Decider<ReportCommand, ReportEvent, ReportState> = {
  initialState: { status: 'none', quoteObservationIds: [], acknowledged: false, responded: false, actions: new Map() },

  evolve(state, event) {
    switch (event.type) {
      case 'report.drafted': {
        const d = event.data;
        const scope: ReportScope = {
          audience: d.audience,
          ...(d.organisationId ? { organisationId: d.organisationId } : {}),
          ...(d.organisationIds ? { organisationIds: d.organisationIds } : {}),
          areaIds: d.areaIds,
        };
        return { ...state, status: 'draft', reportId: d.reportId, title: d.title, scope, from: d.from, to: d.to, whatMightHelp: d.whatMightHelp };
      }
      case 'report.edited': {
        const c = event.data.changes;
        return {
          ...state,
          title: c.title ?? state.title,
          from: c.from ?? state.from,
          to: c.to ?? state.to,
          whatMightHelp: c.whatMightHelp ?? state.whatMightHelp,
          quoteObservationIds: c.quoteObservationIds ?? state.quoteObservationIds,
        };
      }
      case 'report.discarded':
        return { ...state, status: 'discarded' };
      case 'report.shared':
        return { ...state, status: 'shared', title: event.data.title };
      case 'report.acknowledged':
        return { ...state, acknowledged: true };
      case 'report.responded':
        return { ...state, acknowledged: true, responded: true };
      case 'report.action_agreed': {
        const a = event.data;
        const actions = new Map(state.actions);
        actions.set(a.actionId, { agreedOn: a.agreedOn, ...(a.themeId ? { themeId: a.themeId } : {}) });
        return { ...state, actions };
      }
      case 'report.action_done': {
        const actions = new Map(state.actions);
        const action = actions.get(event.data.actionId);
        if (action) actions.set(event.data.actionId, { ...action, doneOn: event.data.doneOn });
        return { ...state, actions };
      }
      case 'report.change_checked':
        return state;
    }
  },

  decide(command, state) {
    if (command.kind === 'draft') {
      if (state.status !== 'none') throw new ConflictError('This report has already been drafted.');
      checkPeriod(command.report.from, command.report.to);
      checkScope(command.report);
      return [{ type: 'report.drafted', data: command.report }];
    }

    if (state.status === 'none' || !state.reportId) throw new NotFoundError('No report with this id has been drafted.');
    const reportId = state.reportId;
    const draftOnly = (doing: string) => {
      if (state.status === 'shared') throw new ConflictError(`This report has been shared and its content is frozen: it cannot be ${doing}.`);
      if (state.status === 'discarded') throw new ConflictError(`This draft was discarded: it cannot be ${doing}.`);
    };
    const sharedOnly = (doing: string) => {
      if (state.status !== 'shared') throw new ConflictError(`This report has not been shared yet: it cannot be ${doing} until it is.`);
    };
    const actionOf = (actionId: string): ActionState => {
      const action = state.actions.get(actionId);
      if (!action) throw new NotFoundError('This report has no action with this id.');
      return action;
    };

    switch (command.kind) {
      case 'edit': {
        draftOnly('edited');
        const asked = command.changes;
        const c: { -readonly [K in keyof ReportChanges]: ReportChanges[K] } = {};
        if (asked.title !== undefined && asked.title !== state.title) c.title = asked.title;
        if (asked.from !== undefined && asked.from !== state.from) c.from = asked.from;
        if (asked.to !== undefined && asked.to !== state.to) c.to = asked.to;
        if (asked.whatMightHelp !== undefined && asked.whatMightHelp !== state.whatMightHelp) c.whatMightHelp = asked.whatMightHelp;
        if (asked.quoteObservationIds !== undefined && !sameList(state.quoteObservationIds, asked.quoteObservationIds)) {
          if (new Set(asked.quoteObservationIds).size !== asked.quoteObservationIds.length) {
            throw new ValidationError('names the same quote more than once', 'quoteObservationIds');
          }
          c.quoteObservationIds = asked.quoteObservationIds;
        }
        if (Object.keys(c).length === 0) return [];
        checkPeriod(c.from ?? state.from!, c.to ?? state.to!);
        return [{ type: 'report.edited', data: { reportId, changes: c } }];
      }
      case 'discard':
        draftOnly('discarded');
        return [{ type: 'report.discarded', data: { reportId } }];
      case 'share':
        draftOnly('shared again');
        if (command.content.from !== state.from || command.content.to !== state.to) {
          throw new ConflictError('The report\'s period changed while it was being prepared for sharing: share it again.');
        }
        return [
          {
            type: 'report.shared',
            data: {
              reportId,
              title: state.title!,
              ...state.scope!,
              content: command.content,
              quotes: command.quotes,
              sharedOn: command.sharedOn,
              responseDueOn: command.responseDueOn,
            },
          },
        ];
      case 'acknowledge':
        sharedOnly('acknowledged');
        return state.acknowledged ? [] : [{ type: 'report.acknowledged', data: { reportId } }];
      case 'respond':
        sharedOnly('responded to');
        if (state.responded) throw new ConflictError('The service has already responded to this report.');
        return [{ type: 'report.responded', data: { reportId, response: command.response } }];
      case 'agree_action': {
        sharedOnly('answered with actions');
        const a = command.action;
        if (state.actions.has(a.actionId)) throw new ConflictError('This report already has an action with this id.');
        if (a.agreedOn < state.to!) {
          throw new ValidationError(`cannot be before the end of the period the report covers (${state.to})`, 'agreedOn');
        }
        if (a.dueOn < a.agreedOn) throw new ValidationError('cannot be before the action was agreed (agreedOn)', 'dueOn');
        return [{ type: 'report.action_agreed', data: { reportId, ...a } }];
      }
      case 'mark_action_done': {
        const action = actionOf(command.actionId);
        if (action.doneOn) throw new ConflictError('This action is already marked done.');
        if (command.doneOn < action.agreedOn) throw new ValidationError(`cannot be before the action was agreed (${action.agreedOn})`, 'doneOn');
        return [{ type: 'report.action_done', data: { reportId, actionId: command.actionId, doneOn: command.doneOn } }];
      }
      case 'check_change': {
        const r = command.result;
        const action = actionOf(r.actionId);
        if (!action.themeId) throw new ConflictError('This action names no theme, so there is no rate to check: agree actions with a theme to check them.');
        if (!action.doneOn) throw new ConflictError('This action is not done yet: mark it done before checking what changed.');
        if (r.themeId !== action.themeId) throw new Error('A change check must count the action\'s own theme');
        const windows = changeWindows(action.agreedOn, action.doneOn, r.weeks);
        if (windows.after.to >= command.today) {
          throw new ConflictError(`The ${r.weeks} weeks after the action was done run to ${windows.after.to}: check the change after that.`);
        }
        const same = (w: { from: string; to: string }, v: { from: string; to: string }) => w.from === v.from && w.to === v.to;
        if (!same(windows.before, r.before) || !same(windows.after, r.after)) throw new Error('A change check must count the windows the action sets');
        return [{ type: 'report.change_checked', data: { reportId, ...r } }];
      }
    }
  },
};
