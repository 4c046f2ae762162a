import fc from 'fast-check';
import {
  binomialLogPmf,
  binomialLowerTail,
  binomialTwoSided,
  binomialUpperTail,
  deviance,
  stirlingRemainder,
} from './binomial.js';
import { exactBinomial, exactLower, exactTwoSided, exactUpper, ratioToNumber } from './testing/exact-binomial.js';

/** |actual − expected| within `relative` of expected (exact zero only matches exact zero). */
function expectRelativelyClose(actual: number, expected: number, relative: number): void {
  if (expected === 0) {
    expect(actual).toBe(0);
    return;
  }
  const error = Math.abs(actual - expected) / Math.abs(expected);
  if (!(error <= relative)) throw new Error(`expected ${expected}, got ${actual} (relative error ${error}, allowed ${relative})`);
}

/** p = a / (a + b) and q = b / (a + b), as the rate test forms them from two exposures. */
const split = (a: number, b: number) => ({ p: a / (a + b), q: b / (a + b) });

describe('the Stirling remainder δ(n) = log n! − (n + ½)·log n + n − ½·log 2π', () => {
  it('is 1 − ½·log 2π at n = 1, from 1! = 1', () => {
    expect(stirlingRemainder(1)).toBeCloseTo(1 - 0.5 * Math.log(2 * Math.PI), 15);
  });

  it('joins its exact small-n form and its asymptotic series without a seam (n = 16, 17 from exact factorials)', () => {
    // 16! and 17! are below 2^53, so exact doubles; the code uses the series from 16 on.
    for (const [n, factorial] of [
      [16, 20922789888000],
      [17, 355687428096000],
    ]) {
      const exactForm = Math.log(factorial) - (n + 0.5) * Math.log(n) + n - 0.5 * Math.log(2 * Math.PI);
      expectRelativelyClose(stirlingRemainder(n), exactForm, 1e-12);
    }
  });

  it('tends to 1/(12n) for large n', () => {
    expectRelativelyClose(stirlingRemainder(1e6), 1 / 12e6, 1e-11);
  });
});

describe('the deviance term D(x, M) = x·log(x/M) + M − x', () => {
  it('is M at x = 0 and 0 at x = M', () => {
    expect(deviance(0, 3.5)).toBe(3.5);
    expect(deviance(40, 40)).toBe(0);
  });

  it('matches the plain formula where nothing cancels', () => {
    expectRelativelyClose(deviance(10, 3), 10 * Math.log(10 / 3) + 3 - 10, 1e-14);
    expectRelativelyClose(deviance(2, 30), 2 * Math.log(2 / 30) + 30 - 2, 1e-14);
  });

  it('keeps its precision close to M, where it is about (x − M)²/(2M)', () => {
    // D(x, M) = M·h(x/M) with h(r) = r·log r − r + 1 = (r−1)²/2 − (r−1)³/6 + (r−1)⁴/12 − …
    const M = 1e5;
    const e = 1e-4; // x = M(1 + e)
    const expected = M * (e ** 2 / 2 - e ** 3 / 6 + e ** 4 / 12 - e ** 5 / 20);
    expectRelativelyClose(deviance(M * (1 + e), M), expected, 1e-9);
  });
});

describe('binomial masses and tails, against exact rational arithmetic', () => {
  const cases: ReadonlyArray<readonly [n: number, a: number, b: number]> = [
    [1, 1, 1],
    [7, 1, 3],
    [60, 8, 52],
    [500, 1, 1],
    [500, 3, 997],
    [3000, 8, 52],
  ];

  it.each(cases)('gives every mass of Binomial(%i, a/(a+b)) with a = %i, b = %i to 1e−12', (n, a, b) => {
    const exact = exactBinomial(n, a, b);
    const { p, q } = split(a, b);
    exact.masses.forEach((m, k) => {
      expectRelativelyClose(Math.exp(binomialLogPmf(k, n, p, q)), ratioToNumber(m, exact.denominator), 1e-12);
    });
  });

  it.each(cases)('gives both tails and the two-sided p-value of Binomial(%i, a/(a+b)), a = %i, b = %i', (n, a, b) => {
    const exact = exactBinomial(n, a, b);
    const { p, q } = split(a, b);
    // Every outcome for small n; for large n a spread from the far tails through the mean.
    const mean = (n * a) / (a + b);
    const xs =
      n <= 60 ? Array.from({ length: n + 1 }, (_, k) => k) : [0, 1, 2, 5, 0.5 * mean, mean - 10, mean, mean + 1, mean + 25, 2 * mean, n - 1, n].map((x) => Math.min(n, Math.max(0, Math.round(x))));
    for (const x of xs) {
      expectRelativelyClose(binomialUpperTail(x, n, p, q), exactUpper(exact, x), 1e-12);
      expectRelativelyClose(binomialLowerTail(x, n, p, q), exactLower(exact, x), 1e-12);
      expectRelativelyClose(binomialTwoSided(x, n, p, q), exactTwoSided(exact, x), 1e-12);
    }
  });

  it('agree with exact arithmetic for any n up to 200, any a/(a+b) with a, b up to 60, any outcome', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, a, b, where) => {
          const x = Math.round(where * n);
          const exact = exactBinomial(n, a, b);
          const { p, q } = split(a, b);
          expectRelativelyClose(binomialUpperTail(x, n, p, q), exactUpper(exact, x), 1e-11);
          expectRelativelyClose(binomialLowerTail(x, n, p, q), exactLower(exact, x), 1e-11);
          expectRelativelyClose(binomialTwoSided(x, n, p, q), exactTwoSided(exact, x), 1e-11);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('binomial tails for counts in the hundreds of thousands', () => {
  // [x, n − x, a, b, P(X ≥ x), P(X ≤ x), two-sided] for X ~ Binomial(n, a/(a+b)), from SciPy 1.17.1:
  // binom.sf(x − 1, n, p), binom.cdf(x, n, p), binomtest(x, n, p).pvalue (the same two-sided rule as R).
  const reference: ReadonlyArray<readonly [number, number, number, number, number, number, number]> = [
    [1500, 500, 1, 1, 7.371987614885022e-116, 1.0, 1.4743975229770045e-115],
    [50500, 49500, 1, 1, 0.0007911799394257577, 0.9992258201845774, 0.0015823598788515154],
    [31500, 202500, 8, 52, 0.034407173755147506, 0.9660523903901309, 0.0685526912026916],
    [20, 400, 8, 52, 0.9999999984698922, 4.832993608198046e-9, 9.492400090986868e-9],
    [3, 37, 1, 4, 0.9920578627251851, 0.028462094459744576, 0.04786946338839313],
    [100000, 600000, 8, 52, 1.798620946974721e-119, 1.0, 3.435678066356511e-119],
    [93000, 600000, 8, 52, 0.01713026280758595, 0.9830188636602989, 0.03413307334163607],
    [92000, 600000, 8, 52, 0.827604332610853, 0.17330083692457202, 0.34687829300306805],
    [120, 20000, 1, 365, 2.1523954230913705e-14, 0.9999999999999903, 2.457314152059318e-14],
    [100000, 100000, 1, 1.02, 4.805715054905193e-6, 0.9999952928775143, 9.526186751495734e-6],
  ];

  it.each(reference)('x = %i, other = %i, exposures %d : %d', (x, other, a, b, upper, lower, twoSided) => {
    const n = x + other;
    const { p, q } = split(a, b);
    expectRelativelyClose(binomialUpperTail(x, n, p, q), upper, 1e-10);
    expectRelativelyClose(binomialLowerTail(x, n, p, q), lower, 1e-10);
    expectRelativelyClose(binomialTwoSided(x, n, p, q), twoSided, 1e-10);
  });

  it('reaches down to the smallest doubles: P(X = 0) = 2^−1000 for n = 1000 and p = ½', () => {
    expectRelativelyClose(binomialLowerTail(0, 1000, 0.5, 0.5), 2 ** -1000, 1e-13);
    expectRelativelyClose(binomialTwoSided(0, 1000, 0.5, 0.5), 2 ** -999, 1e-13);
    expect(binomialLowerTail(0, 100000, 0.5, 0.5)).toBe(0); // 2^−100000: below every double
  });
});
