import { ValidationError } from '#libs/kernel';
import { poissonRateRatioTest } from '#libs/statistics';
import type { ChangeOutcome } from './report.events.js';

/** Significance level of a change check (each one-sided test). */
export const CHANGE_ALPHA = 0.05;
/** Weeks compared on each side of an action, unless the check asks for another length. */
export const DEFAULT_CHANGE_WEEKS = 12;
export const MIN_CHANGE_WEEKS = 4;
export const MAX_CHANGE_WEEKS = 52;

const DAY = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

export interface ChangeWindows {
  /** The `weeks` weeks up to the day before the action was agreed. */
  readonly before: { readonly from: string; readonly to: string };
  /** The `weeks` weeks from the day after it was done. */
  readonly after: { readonly from: string; readonly to: string };
}

/** The two windows a change check compares (dates when observations happened, both ends included). */
export function changeWindows(agreedOn: string, doneOn: string, weeks: number): ChangeWindows {
  if (!Number.isInteger(weeks) || weeks < MIN_CHANGE_WEEKS || weeks > MAX_CHANGE_WEEKS) {
    throw new ValidationError(`must be a whole number from ${MIN_CHANGE_WEEKS} to ${MAX_CHANGE_WEEKS}`, 'weeks');
  }
  const days = weeks * 7;
  return {
    before: { from: addDays(agreedOn, -days), to: addDays(agreedOn, -1) },
    after: { from: addDays(doneOn, 1), to: addDays(doneOn, days) },
  };
}

export interface ChangeClassification {
  readonly outcome: ChangeOutcome;
  readonly pValue: number;
  readonly pValueFall: number;
  readonly pValueRise: number;
  readonly alpha: number;
}

/**
 * Whether a theme's rate changed from the window before an action to the window after it (two
 * windows of equal length), by the exact Poisson rate-ratio test one-sided each way:
 * `closed` when it fell significantly (the 'less' test at alpha), `reopened` when it rose
 * significantly (the 'greater' test), otherwise `not_yet_clear`. The p-value kept is that of the
 * test that decided, or else of the direction the counts lean (a fall when after ≤ before).
 */
export function classifyChange(beforeCount: number, afterCount: number, alpha = CHANGE_ALPHA): ChangeClassification {
  const counts = { recentCount: afterCount, recentExposure: 1, baselineCount: beforeCount, baselineExposure: 1 };
  const pValueFall = poissonRateRatioTest(counts, 'less').pValue;
  const pValueRise = poissonRateRatioTest(counts, 'greater').pValue;
  if (pValueFall <= alpha) return { outcome: 'closed', pValue: pValueFall, pValueFall, pValueRise, alpha };
  if (pValueRise <= alpha) return { outcome: 'reopened', pValue: pValueRise, pValueFall, pValueRise, alpha };
  return { outcome: 'not_yet_clear', pValue: afterCount <= beforeCount ? pValueFall : pValueRise, pValueFall, pValueRise, alpha };
}
