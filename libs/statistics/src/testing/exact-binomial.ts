/**
 * Test-only reference: binomial probabilities computed exactly with BigInt rationals, for a
 * success probability a / (a + b) with whole a, b. Independent of the floating-point code it
 * checks (no logarithms, no Stirling series, no tail walking, no bisection): every mass is
 * C(n, k)·a^k·b^(n−k) / (a + b)^n and every p-value a plain sum over all outcomes.
 */

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** num / den as the nearest double (to about 2^−60 relative), even when far below 1e−300. */
export function ratioToNumber(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const shift = bitLength(den) - bitLength(num) + 64;
  const quotient = shift >= 0 ? (num << BigInt(shift)) / den : num / (den << BigInt(-shift));
  // Scale by 2^−shift in two halves so neither factor underflows or overflows on its own.
  const half = Math.trunc(shift / 2);
  return Number(quotient) * 2 ** -half * 2 ** -(shift - half);
}

export interface ExactBinomial {
  readonly n: number;
  /** Numerators of P(X = k), k = 0..n, over the common denominator. */
  readonly masses: readonly bigint[];
  readonly denominator: bigint;
}

export function exactBinomial(n: number, a: number, b: number): ExactBinomial {
  const A = BigInt(a);
  const B = BigInt(b);
  const powersA: bigint[] = [1n];
  const powersB: bigint[] = [1n];
  for (let k = 1; k <= n; k++) {
    powersA.push(powersA[k - 1] * A);
    powersB.push(powersB[k - 1] * B);
  }
  const masses: bigint[] = [];
  let choose = 1n;
  for (let k = 0; k <= n; k++) {
    masses.push(choose * powersA[k] * powersB[n - k]);
    choose = (choose * BigInt(n - k)) / BigInt(k + 1);
  }
  return { n, masses, denominator: (A + B) ** BigInt(n) };
}

function sumWhere(e: ExactBinomial, keep: (k: number) => boolean): number {
  let total = 0n;
  e.masses.forEach((m, k) => {
    if (keep(k)) total += m;
  });
  return ratioToNumber(total, e.denominator);
}

export const exactUpper = (e: ExactBinomial, x: number) => sumWhere(e, (k) => k >= x);
export const exactLower = (e: ExactBinomial, x: number) => sumWhere(e, (k) => k <= x);

/** R's rule read literally: every outcome with mass ≤ observed mass · (1 + 1e−7), capped at 1. */
export function exactTwoSided(e: ExactBinomial, x: number): number {
  const limit = e.masses[x] * 10_000_001n;
  return Math.min(1, sumWhere(e, (k) => e.masses[k] * 10_000_000n <= limit));
}
