/** How a shared feedback report's figures and states are put into words, for services and commissioners alike. */

export interface SharedCount {
  readonly value?: number | null;
  readonly suppressed: boolean;
}

/**
 * A count shown on its own (a theme's, an impact's) as a reader outside the organisation sees it:
 * only counts from 1 to K − 1 are held back there, so a held-back one is "fewer than K".
 */
export function countText(count: SharedCount, threshold: number): string {
  if (count.suppressed || count.value === null || count.value === undefined) return `fewer than ${threshold}`;
  return String(count.value);
}

/**
 * A count shown in a list with its total or beside another (bright spots, a change check's before
 * and after): a held-back one may be small, or held back beside a small one so that the small one
 * cannot be worked out. It says "held back", never how big.
 */
export function listCountText(count: SharedCount): string {
  if (count.suppressed || count.value === null || count.value === undefined) return 'held back';
  return String(count.value);
}

const TRENDS: Record<string, string> = {
  RISING: 'Rising',
  FALLING: 'Falling',
  STEADY: 'About the same',
  TOO_FEW: 'Too few to tell',
};

/** A theme's direction against the period before; none is given where the count is held back. */
export function trendText(trend: string | null | undefined): string {
  return trend ? (TRENDS[trend] ?? trend) : 'Not shown';
}

const OUTCOMES: Record<string, { readonly words: string; readonly meaning: string }> = {
  CLOSED: { words: 'Fell clearly', meaning: 'Coaches saw this theme clearly less often after the change than before it.' },
  NOT_YET_CLEAR: { words: 'Not yet clear', meaning: 'The counts before and after the change are not different enough to say either way yet.' },
  REOPENED: { words: 'Rose again', meaning: 'Coaches saw this theme clearly more often after the change than before it: it is open again.' },
};

/** A change check's outcome in plain words (the API says CLOSED, NOT_YET_CLEAR or REOPENED, or lower case on the timeline). */
export function outcomeWords(outcome: string): string {
  return OUTCOMES[outcome.toUpperCase()]?.words ?? outcome;
}

export function outcomeMeaning(outcome: string): string {
  return OUTCOMES[outcome.toUpperCase()]?.meaning ?? '';
}

/** A p-value as people can read it: "0.003", or "less than 0.001". */
export function pValueText(p: number): string {
  if (p < 0.001) return 'less than 0.001';
  return p.toFixed(3);
}

/** Paragraphs of a text typed with blank lines between them. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Where a shared report stands with the service, in a few words, for lists. */
export function answerStatus(report: { readonly acknowledgedAt?: string | null; readonly respondedAt?: string | null; readonly overdue: boolean }): {
  readonly label: string;
  readonly tone: 'new' | 'waiting' | 'done' | 'overdue';
} {
  if (report.respondedAt) return { label: 'Responded', tone: 'done' };
  if (report.overdue) return { label: 'Response overdue', tone: 'overdue' };
  if (report.acknowledgedAt) return { label: 'Acknowledged, response to come', tone: 'waiting' };
  return { label: 'New: not acknowledged yet', tone: 'new' };
}

/** "p = 0.012", or "p < 0.001". */
export function pText(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}
