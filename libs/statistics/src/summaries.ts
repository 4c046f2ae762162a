import { ValidationError } from '#libs/kernel';
import { studentTCentralQuantile } from './student-t.js';

export interface MeanEstimate {
  readonly n: number;
  readonly mean: number;
  /**
   * Bounds of the t confidence interval at `level`. Null when n = 1: one value says nothing
   * about spread, and the honest interval (−∞, ∞) cannot travel through JSON or GraphQL.
   * When every value is equal (n ≥ 2) both bounds equal the mean.
   */
  readonly lower: number | null;
  readonly upper: number | null;
  readonly level: number;
}

function requireFinite(values: readonly number[]): void {
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new ValidationError('must be a finite number', `values[${i}]`);
  });
}

/**
 * Mean with a Student t confidence interval: mean ± t₍₁₊level₎⸝₂,ₙ₋₁ · s / √n, where s is the
 * sample standard deviation (n − 1 divisor). The interval assumes the values are independent
 * and their mean roughly normal (fine for a few dozen wellbeing scores; treat small skewed
 * samples with care). Quantiles come from ./student-t.ts.
 *
 * Returns null for an empty list; for a single value, an estimate with null bounds.
 * `level` (default 0.95) must be strictly between 0 and 1.
 */
export function meanWithConfidenceInterval(values: readonly number[], level = 0.95): MeanEstimate | null {
  if (!(level > 0 && level < 1)) throw new ValidationError('must be strictly between 0 and 1 (e.g. 0.95)', 'level');
  requireFinite(values);
  const n = values.length;
  if (n === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n === 1) return { n, mean, lower: null, upper: null, level };
  // Two passes: squared deviations from the mean, corrected by the residual sum of deviations.
  let squares = 0;
  let residual = 0;
  for (const v of values) {
    const d = v - mean;
    squares += d * d;
    residual += d;
  }
  const variance = Math.max(0, (squares - (residual * residual) / n) / (n - 1));
  const halfWidth = studentTCentralQuantile(level, n - 1) * Math.sqrt(variance / n);
  return { n, mean, lower: mean - halfWidth, upper: mean + halfWidth, level };
}

/** The middle value (the mean of the two middle values for an even count); null for an empty list. */
export function median(values: readonly number[]): number | null {
  requireFinite(values);
  const n = values.length;
  if (n === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[mid] : sorted[mid - 1] / 2 + sorted[mid] / 2;
}
