import { ConflictError, NotFoundError, type Sealed, ValidationError } from '#libs/kernel';
import { given } from '../../../capture/src/testing/given-when-then.js';
import { reportDecider } from './report.decider.js';
import type { ChangeChecked, ReportContent, ReportDrafted, ReportEvent } from './report.events.js';

const drafted: ReportDrafted = {
  reportId: 'r1',
  title: 'Feedback for the synthetic housing options service',
  audience: 'organisation',
  organisationId: 'org1',
  areaIds: ['area1'],
  from: '2026-01-01',
  to: '2026-03-31',
  whatMightHelp: 'One named contact for each person through a move.',
};
const draftedEvent: ReportEvent = { type: 'report.drafted', data: drafted };
const content: ReportContent = {
  threshold: 5,
  from: '2026-01-01',
  to: '2026-03-31',
  previousFrom: '2025-10-02',
  previousTo: '2025-12-31',
  themes: [{ themeId: 't1', name: 'Asked to retell the story', count: { value: 12, suppressed: false }, previousCount: { value: null, suppressed: true }, trend: null }],
  impacts: [],
  brightSpots: [],
  brightSpotsTotal: { value: 0, suppressed: false },
  whatMightHelp: drafted.whatMightHelp,
};
const quotes = [{ observationId: 'o1', personId: 'p1', text: 'pd1.p1.sealed' as Sealed }];
const sharedEvent: ReportEvent = {
  type: 'report.shared',
  data: {
    reportId: 'r1',
    title: drafted.title,
    audience: 'organisation',
    organisationId: 'org1',
    areaIds: ['area1'],
    content,
    quotes,
    sharedOn: '2026-04-06',
    responseDueOn: '2026-05-04',
  },
};
const action = { actionId: 'a1', what: 'Keep one named contact through a move', owner: 'Housing options team lead', dueOn: '2026-06-30', themeId: 't1', agreedOn: '2026-04-20' };
const agreed: ReportEvent = { type: 'report.action_agreed', data: { reportId: 'r1', ...action } };
const done: ReportEvent = { type: 'report.action_done', data: { reportId: 'r1', actionId: 'a1', doneOn: '2026-05-01' } };
const check: Omit<ChangeChecked, 'reportId'> = {
  actionId: 'a1',
  themeId: 't1',
  countedThemeId: 't1',
  outcome: 'closed',
  pValue: 0.001,
  pValueFall: 0.001,
  pValueRise: 0.999,
  alpha: 0.05,
  weeks: 12,
  before: { from: '2026-01-26', to: '2026-04-19', count: 30 },
  after: { from: '2026-05-02', to: '2026-07-24', count: 8 },
};

describe('drafting and editing a report', () => {
  it('given nothing, when a report is drafted for a service over a period, then it is drafted', () => {
    given(reportDecider).when({ kind: 'draft', report: drafted }).then([draftedEvent]);
    expect(given(reportDecider, draftedEvent).state.status).toBe('draft');
  });

  it('given nothing, when a report is drafted with its period back to front or without whom it is for, then it is refused naming the field', () => {
    given(reportDecider).when({ kind: 'draft', report: { ...drafted, from: '2026-04-01' } }).thenThrows(ValidationError, /^to: cannot be before/);
    given(reportDecider).when({ kind: 'draft', report: { ...drafted, organisationId: undefined } }).thenThrows(ValidationError, /^organisationId: is required/);
    given(reportDecider).when({ kind: 'draft', report: { ...drafted, audience: 'commissioner', organisationId: undefined, areaIds: [] } }).thenThrows(ValidationError, /^areaIds: needs at least one area/);
  });

  it('given a draft, when it is drafted again, then it is refused', () => {
    given(reportDecider, draftedEvent).when({ kind: 'draft', report: drafted }).thenThrows(ConflictError, /already been drafted/);
  });

  it('given a draft, when it is edited, then only what changes is recorded; an edit changing nothing records nothing', () => {
    given(reportDecider, draftedEvent)
      .when({ kind: 'edit', changes: { title: drafted.title, whatMightHelp: 'Keep support through a move.', quoteObservationIds: ['o1', 'o2'] } })
      .then([{ type: 'report.edited', data: { reportId: 'r1', changes: { whatMightHelp: 'Keep support through a move.', quoteObservationIds: ['o1', 'o2'] } } }]);
    given(reportDecider, draftedEvent).when({ kind: 'edit', changes: { title: drafted.title, from: drafted.from } }).then([]);
  });

  it('given a draft, when an edit would end the period before it starts or names a quote twice, then it is refused', () => {
    given(reportDecider, draftedEvent).when({ kind: 'edit', changes: { to: '2025-12-31' } }).thenThrows(ValidationError, /^to: cannot be before/);
    given(reportDecider, draftedEvent).when({ kind: 'edit', changes: { quoteObservationIds: ['o1', 'o1'] } }).thenThrows(ValidationError, /^quoteObservationIds: names the same quote/);
  });

  it('given no report, when it is edited, then it is not found', () => {
    given(reportDecider).when({ kind: 'edit', changes: { title: 'x' } }).thenThrows(NotFoundError, /No report/);
  });

  it('given a draft, when it is discarded, then it can be neither edited nor shared', () => {
    const discarded: ReportEvent = { type: 'report.discarded', data: { reportId: 'r1' } };
    given(reportDecider, draftedEvent).when({ kind: 'discard' }).then([discarded]);
    given(reportDecider, draftedEvent, discarded).when({ kind: 'edit', changes: { title: 'Another' } }).thenThrows(ConflictError, /discarded/);
    given(reportDecider, draftedEvent, discarded).when({ kind: 'share', content, quotes, sharedOn: '2026-04-06', responseDueOn: '2026-05-04' }).thenThrows(ConflictError, /discarded/);
  });
});

describe('sharing a report', () => {
  it('given a draft, when it is shared, then its content is frozen in the event with whom it is for, the day it was shared and the response due date', () => {
    given(reportDecider, draftedEvent).when({ kind: 'share', content, quotes, sharedOn: '2026-04-06', responseDueOn: '2026-05-04' }).then([sharedEvent]);
  });

  it('given a shared report, when it is edited, shared again or discarded, then it is refused: its content is frozen', () => {
    given(reportDecider, draftedEvent, sharedEvent).when({ kind: 'edit', changes: { title: 'Changed' } }).thenThrows(ConflictError, /frozen/);
    given(reportDecider, draftedEvent, sharedEvent).when({ kind: 'share', content, quotes, sharedOn: '2026-04-07', responseDueOn: '2026-05-05' }).thenThrows(ConflictError, /frozen/);
    given(reportDecider, draftedEvent, sharedEvent).when({ kind: 'discard' }).thenThrows(ConflictError, /frozen/);
  });

  it('given a draft whose period was edited while sharing was prepared, when the older content is shared, then it is refused', () => {
    const edited: ReportEvent = { type: 'report.edited', data: { reportId: 'r1', changes: { to: '2026-03-15' } } };
    given(reportDecider, draftedEvent, edited).when({ kind: 'share', content, quotes, sharedOn: '2026-04-06', responseDueOn: '2026-05-04' }).thenThrows(ConflictError, /period changed/);
  });
});

describe('the service answers a shared report', () => {
  it('given a draft, when the service acknowledges, responds or agrees an action, then it is refused until the report is shared', () => {
    given(reportDecider, draftedEvent).when({ kind: 'acknowledge' }).thenThrows(ConflictError, /not been shared/);
    given(reportDecider, draftedEvent).when({ kind: 'respond', response: 'Thank you' }).thenThrows(ConflictError, /not been shared/);
    given(reportDecider, draftedEvent).when({ kind: 'agree_action', action }).thenThrows(ConflictError, /not been shared/);
  });

  it('given a shared report, when it is acknowledged, then that is recorded once; acknowledging again records nothing', () => {
    const acknowledged: ReportEvent = { type: 'report.acknowledged', data: { reportId: 'r1' } };
    given(reportDecider, draftedEvent, sharedEvent).when({ kind: 'acknowledge' }).then([acknowledged]);
    given(reportDecider, draftedEvent, sharedEvent, acknowledged).when({ kind: 'acknowledge' }).then([]);
  });

  it('given a shared report, when the service responds, then the response is recorded; a second response is refused', () => {
    const responded: ReportEvent = { type: 'report.responded', data: { reportId: 'r1', response: 'We will review how moves are handled.' } };
    given(reportDecider, draftedEvent, sharedEvent).when({ kind: 'respond', response: 'We will review how moves are handled.' }).then([responded]);
    given(reportDecider, draftedEvent, sharedEvent, responded).when({ kind: 'respond', response: 'Again' }).thenThrows(ConflictError, /already responded/);
    expect(given(reportDecider, draftedEvent, sharedEvent, responded).state.acknowledged).toBe(true);
  });

  it('given a shared report, when an action is agreed, then it is recorded with its theme and the day it was agreed', () => {
    given(reportDecider, draftedEvent, sharedEvent).when({ kind: 'agree_action', action }).then([agreed]);
  });

  it('given a shared report, when an action is agreed before the period ended, due before it was agreed, or with an id in use, then it is refused', () => {
    given(reportDecider, draftedEvent, sharedEvent).when({ kind: 'agree_action', action: { ...action, agreedOn: '2026-03-30' } }).thenThrows(ValidationError, /^agreedOn: cannot be before the end of the period/);
    given(reportDecider, draftedEvent, sharedEvent).when({ kind: 'agree_action', action: { ...action, dueOn: '2026-04-19' } }).thenThrows(ValidationError, /^dueOn: cannot be before/);
    given(reportDecider, draftedEvent, sharedEvent, agreed).when({ kind: 'agree_action', action }).thenThrows(ConflictError, /already has an action/);
  });

  it('given an agreed action, when it is marked done, then that is recorded once, never before it was agreed', () => {
    given(reportDecider, draftedEvent, sharedEvent, agreed).when({ kind: 'mark_action_done', actionId: 'a1', doneOn: '2026-05-01' }).then([done]);
    given(reportDecider, draftedEvent, sharedEvent, agreed, done).when({ kind: 'mark_action_done', actionId: 'a1', doneOn: '2026-05-02' }).thenThrows(ConflictError, /already marked done/);
    given(reportDecider, draftedEvent, sharedEvent, agreed).when({ kind: 'mark_action_done', actionId: 'a1', doneOn: '2026-04-19' }).thenThrows(ValidationError, /^doneOn: cannot be before/);
    given(reportDecider, draftedEvent, sharedEvent).when({ kind: 'mark_action_done', actionId: 'a1', doneOn: '2026-05-01' }).thenThrows(NotFoundError, /no action/);
  });
});

describe('checking the change after an action', () => {
  it('given a done action with a theme, when the change is checked after its window has ended, then the outcome is recorded with the numbers', () => {
    given(reportDecider, draftedEvent, sharedEvent, agreed, done).when({ kind: 'check_change', result: check, today: '2026-07-25' }).then([{ type: 'report.change_checked', data: { reportId: 'r1', ...check } }]);
  });

  it('given a done action, when the change is checked before the weeks after it have passed, then it is refused naming the day to wait for', () => {
    given(reportDecider, draftedEvent, sharedEvent, agreed, done).when({ kind: 'check_change', result: check, today: '2026-07-24' }).thenThrows(ConflictError, /run to 2026-07-24/);
  });

  it('given an action not yet done, or agreed without a theme, when its change is checked, then it is refused saying why', () => {
    given(reportDecider, draftedEvent, sharedEvent, agreed).when({ kind: 'check_change', result: check, today: '2026-12-01' }).thenThrows(ConflictError, /not done yet/);
    const themeless: ReportEvent = { type: 'report.action_agreed', data: { reportId: 'r1', ...action, themeId: undefined } };
    given(reportDecider, draftedEvent, sharedEvent, themeless, done).when({ kind: 'check_change', result: check, today: '2026-12-01' }).thenThrows(ConflictError, /names no theme/);
  });

  it('given a done action, when a check counts other windows than the action sets, then it is refused', () => {
    const shifted = { ...check, before: { ...check.before, from: '2026-01-25' } };
    expect(() => reportDecider.decide({ kind: 'check_change', result: shifted, today: '2026-12-01' }, given(reportDecider, draftedEvent, sharedEvent, agreed, done).state)).toThrow(/windows the action sets/);
  });
});
