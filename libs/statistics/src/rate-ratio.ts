import { ValidationError } from '#libs/kernel';
import { binomialLowerTail, binomialTwoSided, binomialUpperTail } from './binomial.js';

export type Alternative = 'greater' | 'less' | 'two-sided';

/** Event counts in two windows of time, e.g. the last 8 weeks against the 52 weeks before. */
export interface RateComparison {
  /** Events in the recent window: a whole number, 0 or more. */
  readonly recentCount: number;
  /** Length of the recent window (days, weeks…, the same unit as baselineExposure), above 0. */
  readonly recentExposure: number;
  /** Events in the baseline window: a whole number, 0 or more. */
  readonly baselineCount: number;
  /** Length of the baseline window, above 0. */
  readonly baselineExposure: number;
}

export interface RateRatioResult {
  readonly recentCount: number;
  /** Recent count expected at the baseline rate: baselineCount · recentExposure / baselineExposure. */
  readonly expected: number;
  /** Recent rate over baseline rate; null when baselineCount is 0 (the ratio is infinite or undefined). */
  readonly ratio: number | null;
  readonly pValue: number;
  readonly alternative: Alternative;
}

function requireCount(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new ValidationError('must be a whole number of events, 0 or more', field);
}

function requireExposure(value: number, field: string): void {
  if (!Number.isFinite(value) || value <= 0) throw new ValidationError('must be a finite length of time above 0', field);
}

function requireComparison(c: RateComparison): void {
  requireCount(c.recentCount, 'recentCount');
  requireExposure(c.recentExposure, 'recentExposure');
  requireCount(c.baselineCount, 'baselineCount');
  requireExposure(c.baselineExposure, 'baselineExposure');
}

/**
 * Exact conditional test of two Poisson rates, as R's `poisson.test(c(x1, x2), c(t1, t2))`.
 *
 * Under the null hypothesis that both windows share one rate, and given the total
 * n = recentCount + baselineCount, the recent count is Binomial(n, p) with
 * p = recentExposure / (recentExposure + baselineExposure). The p-value is that of the
 * binomial test of recentCount:
 *   - 'greater': P(X ≥ recentCount), evidence the recent rate is higher;
 *   - 'less': P(X ≤ recentCount), evidence it is lower;
 *   - 'two-sided' (the default, as in R): the probability of every outcome no more likely
 *     than the one observed, with R's relative tolerance 1 + 1e−7.
 * See ./binomial.ts for how the tails stay accurate for large counts and tiny p-values.
 *
 * With no events in either window (n = 0) there is nothing to test and every p-value is 1
 * (R stops with an error there instead).
 */
export function poissonRateRatioTest(c: RateComparison, alternative: Alternative = 'two-sided'): RateRatioResult {
  requireComparison(c);
  if (alternative !== 'greater' && alternative !== 'less' && alternative !== 'two-sided') {
    throw new ValidationError("must be 'greater', 'less' or 'two-sided'", 'alternative');
  }
  const { recentCount: x, recentExposure: t1, baselineCount, baselineExposure: t2 } = c;
  const n = x + baselineCount;
  const p = t1 / (t1 + t2);
  const q = t2 / (t1 + t2);
  const pValue =
    n === 0
      ? 1
      : alternative === 'greater'
        ? binomialUpperTail(x, n, p, q)
        : alternative === 'less'
          ? binomialLowerTail(x, n, p, q)
          : binomialTwoSided(x, n, p, q);
  return {
    recentCount: x,
    expected: (baselineCount * t1) / t2,
    ratio: baselineCount === 0 ? null : (x * t2) / (baselineCount * t1),
    pValue,
    alternative,
  };
}

export type TrendDirection = 'rising' | 'falling' | 'steady' | 'too_few';

export interface TrendRule {
  /** Significance level for each one-sided test, in (0, 1). */
  readonly alpha: number;
  /**
   * Least evidence before a direction is called: rising needs at least this many recent
   * events; falling needs at least this many expected at the baseline rate (a fall from an
   * expected 2 to 0 is not news).
   */
  readonly minCount: number;
  /**
   * Least size of change worth calling, 1 or more: rising needs ratio ≥ minRatio, falling
   * needs ratio ≤ 1 / minRatio. Without it, significance alone decides.
   */
  readonly minRatio?: number;
}

/**
 * The rule themes use unless told otherwise: one-sided tests at alpha 0.01 (about 1 false
 * alarm in 100 steady themes per direction, fewer in practice because the exact test is
 * conservative), at least 5 events (recent for rising, expected for falling) and a change of
 * at least half as much again (ratio ≥ 1.5 rising, ≤ 1/1.5 falling), so a large service does
 * not flag small but statistically certain drifts.
 */
export const DEFAULT_TREND_RULE: TrendRule = Object.freeze({ alpha: 0.01, minCount: 5, minRatio: 1.5 });

export interface Trend extends RateRatioResult {
  readonly direction: TrendDirection;
}

function requireRule(rule: TrendRule): void {
  if (!(rule.alpha > 0 && rule.alpha < 1)) throw new ValidationError('must be strictly between 0 and 1 (e.g. 0.01)', 'rule.alpha');
  if (!(Number.isFinite(rule.minCount) && rule.minCount >= 0)) throw new ValidationError('must be a number of events, 0 or more', 'rule.minCount');
  if (rule.minRatio !== undefined && !(Number.isFinite(rule.minRatio) && rule.minRatio >= 1)) {
    throw new ValidationError('must be a finite ratio of 1 or more (e.g. 1.5), or left out', 'rule.minRatio');
  }
}

/**
 * Classifies the change between a baseline and a recent window.
 *
 * - 'rising': the one-sided 'greater' test is significant at rule.alpha, the recent count is
 *   at least rule.minCount and the ratio is at least rule.minRatio (an infinite ratio, from a
 *   zero baseline, counts as large enough).
 * - 'falling': the one-sided 'less' test is significant, the expected count is at least
 *   rule.minCount and the ratio is at most 1 / rule.minRatio.
 * - 'too_few': neither gate can be passed (recent count and expected count are both below
 *   rule.minCount), so no amount of significance could make it rising or falling.
 * - 'steady': anything else.
 *
 * The p-value and alternative returned are those of the test that decided: 'greater' for
 * rising, 'less' for falling, and otherwise the one-sided test in the direction the counts
 * lean ('greater' when recentCount ≥ expected). To adjust many themes at once with
 * adjustPValues, pass p-values from one direction only (e.g. rising themes: the 'greater'
 * p-value of every theme tested), or use poissonRateRatioTest(c, 'two-sided') for "any change".
 */
export function classifyTrend(c: RateComparison, rule: TrendRule = DEFAULT_TREND_RULE): Trend {
  requireRule(rule);
  const greater = poissonRateRatioTest(c, 'greater');
  const less = poissonRateRatioTest(c, 'less');
  const { minCount, minRatio, alpha } = rule;
  const canRise = c.recentCount >= minCount;
  const canFall = greater.expected >= minCount;
  const ratio = greater.ratio;
  if (canRise && greater.pValue <= alpha && (minRatio === undefined || ratio === null || ratio >= minRatio)) {
    return { ...greater, direction: 'rising' };
  }
  if (canFall && less.pValue <= alpha && (minRatio === undefined || (ratio !== null && ratio <= 1 / minRatio))) {
    return { ...less, direction: 'falling' };
  }
  const leaning = c.recentCount >= greater.expected ? greater : less;
  return { ...leaning, direction: canRise || canFall ? 'steady' : 'too_few' };
}
