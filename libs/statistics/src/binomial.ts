/**
 * Binomial probabilities that stay accurate for counts in the hundreds of thousands and for
 * p-values far below 1e-16.
 *
 * Method. Every probability mass is computed in log space with Loader's saddle-point form
 * (C. Loader, "Fast and accurate computation of binomial probabilities", 2000), the form R's
 * `dbinom` uses:
 *
 *   log P(X = x) = δ(n) − δ(x) − δ(n−x) − D(x, np) − D(n−x, nq) − ½·log(2π·x·(n−x)/n)
 *
 * where δ(k) = log k! − log(√(2πk)·(k/e)^k) is the Stirling remainder and
 * D(x, M) = x·log(x/M) + M − x is the deviance term, summed as a series when x is close to M
 * so nothing cancels. Neither term grows with n, so no large logarithms are subtracted.
 *
 * A tail is summed term by term, starting at the term nearest the mode and walking away from
 * it, each term scaled by the first one (so the sum never overflows or underflows) until the
 * next term can no longer change the sum. The tail that contains the mode is taken as one
 * minus the other tail. A tail of n = 200,000 needs at most a few thousand terms.
 *
 * The success probability is passed as both p and q = 1 − p, each computed directly by the
 * caller (q = t2 / (t1 + t2), not 1 − p), so a p close to 0 or 1 loses nothing.
 */

// Math's functions bound once: hot loops below call them thousands of times, and looking
// `Math` up as a global on every call is slow in some hosts (measured ~25× slower in Jest's VM sandbox).
const { abs, ceil, exp, floor, log, log1p, max, min } = Math;

const LOG_2PI = log(2 * Math.PI);
const HALF_LOG_2PI = 0.5 * LOG_2PI;

/** Exact k! for k ≤ 15 (all below 2^53), so their logarithms are correctly rounded. */
const SMALL_FACTORIALS: readonly number[] = (() => {
  const f = [1];
  for (let k = 1; k <= 15; k++) f.push(f[k - 1] * k);
  return f;
})();

/**
 * Stirling remainder δ(n) = log n! − (n + ½)·log n + n − ½·log 2π, for whole n ≥ 1.
 * Exact factorials below 16; above, the asymptotic series with Bernoulli-number coefficients
 * B₂ₖ / (2k(2k−1)): 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360, 1/156, whose first
 * omitted term is below 3e−20 at n = 16.
 */
export function stirlingRemainder(n: number): number {
  if (n <= 15) return log(SMALL_FACTORIALS[n]) - (n + 0.5) * log(n) + n - HALF_LOG_2PI;
  const r = 1 / n;
  const r2 = r * r;
  return (
    r *
    (1 / 12 +
      r2 * (-1 / 360 + r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156)))))))
  );
}

/**
 * Deviance term D(x, M) = x·log(x/M) + M − x ≥ 0, for x ≥ 0 and M > 0. Close to M it is
 * summed as 2x·Σ v^(2j+1)/(2j+1) − (x − M)·v·… with v = (x − M)/(x + M), which has no
 * cancellation.
 */
export function deviance(x: number, M: number): number {
  if (x === 0) return M;
  const diff = x - M;
  if (abs(diff) < 0.1 * (x + M)) {
    const v = diff / (x + M);
    const v2 = v * v;
    let sum = diff * v;
    let term = 2 * x * v;
    for (let j = 1; j < 1000; j++) {
      term *= v2;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return sum;
      sum = next;
    }
    return sum;
  }
  return x * log(x / M) + M - x;
}

/** log(p) and log(q) taken from whichever of p, q is smaller, where they are most precise. */
function logs(p: number, q: number): { logP: number; logQ: number } {
  return p <= q ? { logP: log(p), logQ: log1p(-p) } : { logP: log1p(-q), logQ: log(q) };
}

/** log P(X = x) for X ~ Binomial(n, p), with q = 1 − p given separately. −Infinity outside 0..n. */
export function binomialLogPmf(x: number, n: number, p: number, q: number): number {
  if (x < 0 || x > n) return -Infinity;
  if (x === 0) return n === 0 ? 0 : n * logs(p, q).logQ;
  if (x === n) return n * logs(p, q).logP;
  const y = n - x;
  const lc = stirlingRemainder(n) - stirlingRemainder(x) - stirlingRemainder(y) - deviance(x, n * p) - deviance(y, n * q);
  const lf = LOG_2PI + log(x) + log1p(-x / n);
  return lc - 0.5 * lf;
}

/** The smallest x at which the mass stops rising: floor((n + 1)·p), within 0..n. */
function mode(n: number, p: number): number {
  return min(n, max(0, floor((n + 1) * p)));
}

/**
 * log Σ_{k = from, from + step, …} P(X = k), walking away from the mode (step = +1 upwards
 * from a point at or above the mode, −1 downwards from a point at or below it), so terms only
 * shrink and the walk can stop once they no longer change the sum.
 */
function logTailWalk(from: number, step: 1 | -1, n: number, p: number, q: number): number {
  const first = binomialLogPmf(from, n, p, q);
  if (first === -Infinity) return -Infinity;
  let sum = 1;
  for (let k = from + step; k >= 0 && k <= n; k += step) {
    const term = exp(binomialLogPmf(k, n, p, q) - first);
    if (term <= sum * 1e-17) break;
    sum += term;
  }
  return first + log(sum);
}

/** P(X ≥ x) for X ~ Binomial(n, p), q = 1 − p. */
export function binomialUpperTail(x: number, n: number, p: number, q: number): number {
  if (x <= 0) return 1;
  if (x > n) return 0;
  if (x > mode(n, p)) return exp(logTailWalk(x, 1, n, p, q));
  // The upper tail holds the mode: take one minus the lower tail, which does not.
  return max(0, 1 - exp(logTailWalk(x - 1, -1, n, p, q)));
}

/** P(X ≤ x) for X ~ Binomial(n, p), q = 1 − p. */
export function binomialLowerTail(x: number, n: number, p: number, q: number): number {
  if (x < 0) return 0;
  if (x >= n) return 1;
  if (x < mode(n, p)) return exp(logTailWalk(x, -1, n, p, q));
  return max(0, 1 - exp(logTailWalk(x + 1, 1, n, p, q)));
}

/** R's relative tolerance: outcomes within a factor 1 + 1e−7 of the observed mass count as "as likely". */
const LOG_RELATIVE_TOLERANCE = log1p(1e-7);

/**
 * Two-sided p-value by R's `binom.test` rule: the total probability of every outcome whose
 * mass is no more than the observed outcome's (times 1 + 1e−7). The observed side is its
 * ordinary tail; on the far side the masses fall monotonically away from the mean np, so
 * the outcomes that qualify form a tail found by bisection instead of by visiting all n + 1.
 * The comparison is made between logarithms, so it still works where the masses underflow.
 */
export function binomialTwoSided(x: number, n: number, p: number, q: number): number {
  if (n === 0) return 1;
  const m = n * p;
  if (x === m) return 1;
  const threshold = binomialLogPmf(x, n, p, q) + LOG_RELATIVE_TOLERANCE;
  const qualifies = (k: number) => binomialLogPmf(k, n, p, q) <= threshold;
  let pValue: number;
  if (x < m) {
    // Far side ceil(m)..n, masses non-increasing: find the first k that qualifies.
    let lo = ceil(m);
    let hi = n + 1; // n + 1 stands for "none qualifies"
    while (lo < hi) {
      const mid = floor((lo + hi) / 2);
      if (qualifies(mid)) hi = mid;
      else lo = mid + 1;
    }
    pValue = binomialLowerTail(x, n, p, q) + (lo <= n ? binomialUpperTail(lo, n, p, q) : 0);
  } else {
    // Far side 0..floor(m), masses non-decreasing: find the last k that qualifies.
    let lo = -1; // −1 stands for "none qualifies"
    let hi = floor(m);
    while (lo < hi) {
      const mid = ceil((lo + hi) / 2);
      if (qualifies(mid)) lo = mid;
      else hi = mid - 1;
    }
    pValue = (lo >= 0 ? binomialLowerTail(lo, n, p, q) : 0) + binomialUpperTail(x, n, p, q);
  }
  return min(1, pValue);
}
