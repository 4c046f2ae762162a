/**
 * The learning loop's key events that other capabilities record, as this library reads them (the
 * agreed contract; the themes and reports libraries own the events themselves).
 *
 * Themes, stream `theme-<id>`: a system influencer confirms a theme, and its status changes as it
 * rises, falls, closes or reopens. Feedback reports, stream `report-<id>`: a report is shared, the
 * service agrees actions, and later a change check says whether the theme fell after the action.
 */
export type LoopEvent =
  | { type: 'theme.confirmed'; data: { themeId: string; name: string } }
  | { type: 'theme.status_changed'; data: { themeId: string; from: string; to: string; note?: string } }
  | { type: 'report.shared'; data: { reportId: string; title: string; organisationId?: string; areaIds?: readonly string[] } }
  | { type: 'report.action_agreed'; data: { reportId: string; actionId: string; what: string; owner: string; dueOn: string; agreedOn?: string } }
  | {
      type: 'report.change_checked';
      data: { reportId: string; actionId: string; themeId: string; outcome: ChangeOutcome; pValue?: number };
    };

export const CHANGE_OUTCOMES = ['closed', 'not_yet_clear', 'reopened'] as const;
export type ChangeOutcome = (typeof CHANGE_OUTCOMES)[number];

export const LOOP_EVENT_TYPES = ['theme.confirmed', 'theme.status_changed', 'report.shared', 'report.action_agreed', 'report.change_checked'] as const;
