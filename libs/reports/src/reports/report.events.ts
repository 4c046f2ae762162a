import type { Sealed } from '#libs/kernel';

/**
 * A feedback report: what goes to a partner service (an organisation, with the services below
 * it) or to a commissioner (areas, or a set of organisations in them) about a period. Stream
 * `report-<id>`. An influencer drafts and edits it; sharing freezes its content (counts already
 * suppressed, quotes sealed with each person's key) so it reads the same to everyone for ever,
 * except that a quote disappears once its person withdraws consent or is forgotten. The service
 * acknowledges, responds and agrees actions; change checks say whether a theme fell after one.
 *
 * `report.shared`, `report.action_agreed` and `report.change_checked` are read by the learning
 * timeline (libs/learning, loop.events.ts): their names and the fields it reads stay.
 */
export const AUDIENCES = ['organisation', 'commissioner'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const CHANGE_OUTCOMES = ['closed', 'not_yet_clear', 'reopened'] as const;
export type ChangeOutcome = (typeof CHANGE_OUTCOMES)[number];

export const REPORT_TRENDS = ['rising', 'falling', 'steady', 'too_few'] as const;
export type ReportTrend = (typeof REPORT_TRENDS)[number];

/** A count as it left the organisation: its value, or hidden (fewer than K, or withheld so a small one cannot be worked out). */
export type SharedCount = { readonly value: number; readonly suppressed: false } | { readonly value: null; readonly suppressed: true };

export interface ReportScope {
  readonly audience: Audience;
  /** The service a partner report is for (its content covers it and every service below it). */
  readonly organisationId?: string;
  /** A commissioner report's services, when it covers a set of organisations rather than whole areas. */
  readonly organisationIds?: readonly string[];
  /**
   * A commissioner report's areas (who may read it; its content covers them unless
   * organisationIds narrows it); for a partner report, the area of its service, so that the
   * area's commissioners may read it too.
   */
  readonly areaIds: readonly string[];
}

export interface ReportDrafted extends ReportScope {
  readonly reportId: string;
  readonly title: string;
  /** The period the report covers, both ends included. */
  readonly from: string;
  readonly to: string;
  readonly whatMightHelp: string;
}

/** What an edit may change while the report is a draft. */
export interface ReportChanges {
  readonly title?: string;
  readonly from?: string;
  readonly to?: string;
  readonly whatMightHelp?: string;
  /** The approved quotes (observation ids) chosen to appear, in order. */
  readonly quoteObservationIds?: readonly string[];
}

export interface SharedTheme {
  readonly themeId: string;
  readonly name: string;
  readonly count: SharedCount;
  /** In the period of the same length just before. */
  readonly previousCount: SharedCount;
  /** Only when this period's count is shown. */
  readonly trend: ReportTrend | null;
}

export interface SharedKeyedCount {
  readonly key: string;
  readonly label: string;
  readonly count: SharedCount;
}

/** The figures and words of a report as they were shared: nothing here is personal data. */
export interface ReportContent {
  /** K: counts from 1 to K − 1 were hidden, and enough others that none can be worked out. */
  readonly threshold: number;
  readonly from: string;
  readonly to: string;
  readonly previousFrom: string;
  readonly previousTo: string;
  readonly themes: readonly SharedTheme[];
  /** What the barriers did to people: impact tags counted over the period's barriers. */
  readonly impacts: readonly SharedKeyedCount[];
  /** What worked: bright spots by category, and in all. */
  readonly brightSpots: readonly SharedKeyedCount[];
  readonly brightSpotsTotal: SharedCount;
  readonly whatMightHelp: string;
}

/** A quote as shared: the approved, redacted words, still sealed with the person's key. */
export interface SharedQuote {
  readonly observationId: string;
  readonly personId: string;
  readonly text: Sealed;
}

export interface ReportShared extends ReportScope {
  readonly reportId: string;
  readonly title: string;
  readonly content: ReportContent;
  readonly quotes: readonly SharedQuote[];
  readonly sharedOn: string;
  /** REPORT_RESPONSE_WORKING_DAYS working days after sharedOn. */
  readonly responseDueOn: string;
}

export interface ActionAgreed {
  readonly reportId: string;
  readonly actionId: string;
  readonly what: string;
  /** Who at the service will do it (a role or team, written by the service). */
  readonly owner: string;
  readonly dueOn: string;
  /** The theme the action answers; a change check compares its rate before and after. */
  readonly themeId?: string;
  /** When the service agreed it (a meeting may come before it is written down). */
  readonly agreedOn: string;
}

export interface CountWindow {
  readonly from: string;
  readonly to: string;
  /** Observations evidencing the theme in the window, for the report's services or areas. */
  readonly count: number;
}

export interface ChangeChecked {
  readonly reportId: string;
  readonly actionId: string;
  /** The action's theme. */
  readonly themeId: string;
  /** The theme counted: the action's, or the one it has since been merged into. */
  readonly countedThemeId: string;
  readonly outcome: ChangeOutcome;
  /** Of the test that decided: 'less' for closed, 'greater' for reopened, else the one the counts lean towards. */
  readonly pValue: number;
  readonly pValueFall: number;
  readonly pValueRise: number;
  readonly alpha: number;
  readonly weeks: number;
  /** The N weeks before the action was agreed, and after it was done. */
  readonly before: CountWindow;
  readonly after: CountWindow;
}

export type ReportEvent =
  | { type: 'report.drafted'; data: ReportDrafted }
  | { type: 'report.edited'; data: { reportId: string; changes: ReportChanges } }
  | { type: 'report.discarded'; data: { reportId: string } }
  | { type: 'report.shared'; data: ReportShared }
  | { type: 'report.acknowledged'; data: { reportId: string } }
  | { type: 'report.responded'; data: { reportId: string; response: string } }
  | { type: 'report.action_agreed'; data: ActionAgreed }
  | { type: 'report.action_done'; data: { reportId: string; actionId: string; doneOn: string } }
  | { type: 'report.change_checked'; data: ChangeChecked };

export const REPORT_EVENT_TYPES = [
  'report.drafted',
  'report.edited',
  'report.discarded',
  'report.shared',
  'report.acknowledged',
  'report.responded',
  'report.action_agreed',
  'report.action_done',
  'report.change_checked',
] as const satisfies readonly ReportEvent['type'][];

export function reportStream(reportId: string): string {
  return `report-${reportId}`;
}
