import fc from 'fast-check';
import { ValidationError } from '#libs/kernel';
import {
  classifyTrend,
  DEFAULT_TREND_RULE,
  poissonRateRatioTest,
  type RateComparison,
  type Trend,
  type TrendRule,
} from './rate-ratio.js';

const comparison = (recentCount: number, recentExposure: number, baselineCount: number, baselineExposure: number): RateComparison => ({
  recentCount,
  recentExposure,
  baselineCount,
  baselineExposure,
});

function expectRelativelyClose(actual: number, expected: number, relative: number): void {
  const error = Math.abs(actual - expected) / Math.abs(expected);
  if (!(error <= relative)) throw new Error(`expected ${expected}, got ${actual} (relative error ${error}, allowed ${relative})`);
}

describe('poissonRateRatioTest', () => {
  describe('known answers worked by hand', () => {
    it('10 recent against 2 baseline events in equal windows: P(X ≥ 10) for X ~ Bin(12, ½) = (66 + 12 + 1)/4096', () => {
      const c = comparison(10, 4, 2, 4);
      expect(poissonRateRatioTest(c, 'greater')).toEqual({ recentCount: 10, expected: 2, ratio: 5, pValue: expect.any(Number), alternative: 'greater' });
      expectRelativelyClose(poissonRateRatioTest(c, 'greater').pValue, 79 / 4096, 1e-14);
      expectRelativelyClose(poissonRateRatioTest(c, 'less').pValue, 1 - 13 / 4096, 1e-14);
      expectRelativelyClose(poissonRateRatioTest(c, 'two-sided').pValue, 158 / 4096, 1e-14);
    });

    it('3 recent against none in equal windows: one-sided 1/8, two-sided 1/4 (both extremes are equally likely)', () => {
      const c = comparison(3, 1, 0, 1);
      expect(poissonRateRatioTest(c, 'greater').pValue).toBeCloseTo(1 / 8, 14);
      expect(poissonRateRatioTest(c).pValue).toBeCloseTo(1 / 4, 14);
      expect(poissonRateRatioTest(c).ratio).toBeNull();
    });

    it('none recent against 4 in a window three times as long: the two-sided sum takes the far outcomes 2, 3, 4 but not 1', () => {
      // X ~ Bin(4, ¼): masses 81, 108, 54, 12, 1 (/256). Observed 0 (81); as or less likely: 2, 3, 4.
      const c = comparison(0, 1, 4, 3);
      expect(poissonRateRatioTest(c, 'less').pValue).toBeCloseTo(81 / 256, 14);
      expect(poissonRateRatioTest(c, 'two-sided').pValue).toBeCloseTo((81 + 54 + 12 + 1) / 256, 14);
      expect(poissonRateRatioTest(c, 'greater').pValue).toBe(1);
      expect(poissonRateRatioTest(c).ratio).toBe(0);
      expect(poissonRateRatioTest(c).expected).toBeCloseTo(4 / 3, 14);
    });

    it('a recent count exactly at the expected value is no evidence either way: two-sided 1', () => {
      expect(poissonRateRatioTest(comparison(2, 1, 2, 1)).pValue).toBe(1);
      expect(poissonRateRatioTest(comparison(8, 8, 52, 52)).pValue).toBe(1);
    });

    it('with no events at all there is nothing to test: every p-value is 1', () => {
      for (const alternative of ['greater', 'less', 'two-sided'] as const) {
        expect(poissonRateRatioTest(comparison(0, 8, 0, 52), alternative)).toEqual({ recentCount: 0, expected: 0, ratio: null, pValue: 1, alternative });
      }
    });

    it('a zero baseline makes the one-sided p-value the chance that every event fell in the recent window', () => {
      // 12 events, recent window 8 of 60 weeks: (8/60)^12.
      expectRelativelyClose(poissonRateRatioTest(comparison(12, 8, 0, 52), 'greater').pValue, (2 / 15) ** 12, 1e-13);
    });
  });

  describe("R's documented examples (values printed in R's help pages, checked again with SciPy 1.17.1)", () => {
    it('binom.test(c(682, 243), p = 3/4) gives p-value = 0.3825: as rates, 682 events over 3 units against 243 over 1', () => {
      const result = poissonRateRatioTest(comparison(682, 3, 243, 1));
      expect(result.pValue).toBeCloseTo(0.3825, 4);
      expectRelativelyClose(result.pValue, 0.3824915595748517, 1e-12); // SciPy binomtest(682, 925, 0.75)
    });

    it('poisson.test(c(11, 6 + 8 + 7), c(800, 1083 + 1050 + 878)) gives p-value = 0.07967', () => {
      const result = poissonRateRatioTest(comparison(11, 800, 21, 3011));
      expect(result.pValue).toBeCloseTo(0.07967, 5);
      expectRelativelyClose(result.pValue, 0.0796686330333295, 1e-12); // SciPy binomtest(11, 32, 800/3811)
      expectRelativelyClose(result.ratio!, (11 / 800) / (21 / 3011), 1e-14);
    });
  });

  it('handles counts of 100,000 and more without overflow, down to p-values near 1e−119', () => {
    const result = poissonRateRatioTest(comparison(100000, 8, 600000, 52), 'greater');
    expectRelativelyClose(result.pValue, 1.798620946974721e-119, 1e-10); // SciPy binom.sf(99999, 700000, 8/60)
    expect(result.expected).toBeCloseTo((600000 * 8) / 52, 8);
  });

  it('names the field to fix when an input can never work', () => {
    const bad: ReadonlyArray<readonly [RateComparison, string]> = [
      [comparison(-1, 1, 0, 1), 'recentCount'],
      [comparison(1.5, 1, 0, 1), 'recentCount'],
      [comparison(1, 0, 0, 1), 'recentExposure'],
      [comparison(1, 1, Number.NaN, 1), 'baselineCount'],
      [comparison(1, 1, 0, Number.POSITIVE_INFINITY), 'baselineExposure'],
    ];
    for (const [c, field] of bad) {
      expect(() => poissonRateRatioTest(c)).toThrow(ValidationError);
      expect(() => poissonRateRatioTest(c)).toThrow(new RegExp(`^${field}: `));
    }
    expect(() => poissonRateRatioTest(comparison(1, 1, 1, 1), 'both' as never)).toThrow(/^alternative: /);
  });

  describe('properties', () => {
    const counts = fc.integer({ min: 0, max: 100_000 });
    const smallCounts = fc.integer({ min: 0, max: 400 });
    const exposures = fc.double({ min: 0.01, max: 1000, noNaN: true });
    const anyComparison = fc.record({ recentCount: counts, recentExposure: exposures, baselineCount: counts, baselineExposure: exposures });
    const smallComparison = fc.record({ recentCount: smallCounts, recentExposure: exposures, baselineCount: smallCounts, baselineExposure: exposures });

    it('every p-value is a probability, for counts up to 100,000', () => {
      fc.assert(
        fc.property(anyComparison, fc.constantFrom('greater', 'less', 'two-sided' as const), (c, alternative) => {
          const { pValue } = poissonRateRatioTest(c, alternative);
          expect(pValue).toBeGreaterThanOrEqual(0);
          expect(pValue).toBeLessThanOrEqual(1);
        }),
        { numRuns: 200 },
      );
    });

    it("one more recent event never raises the 'greater' p-value nor lowers the 'less' one", () => {
      fc.assert(
        fc.property(smallComparison, (c) => {
          const more = { ...c, recentCount: c.recentCount + 1 };
          expect(poissonRateRatioTest(more, 'greater').pValue).toBeLessThanOrEqual(poissonRateRatioTest(c, 'greater').pValue * (1 + 1e-12));
          expect(poissonRateRatioTest(more, 'less').pValue).toBeGreaterThanOrEqual(poissonRateRatioTest(c, 'less').pValue * (1 - 1e-12));
        }),
      );
    });

    it('the two one-sided p-values overlap in the observed outcome, so they add to at least 1', () => {
      fc.assert(
        fc.property(anyComparison, (c) => {
          expect(poissonRateRatioTest(c, 'greater').pValue + poissonRateRatioTest(c, 'less').pValue).toBeGreaterThanOrEqual(1 - 1e-12);
        }),
        { numRuns: 200 },
      );
    });

    it('the two-sided p-value is at least the smaller one-sided p-value (it contains that tail)', () => {
      fc.assert(
        fc.property(anyComparison, (c) => {
          const smaller = Math.min(poissonRateRatioTest(c, 'greater').pValue, poissonRateRatioTest(c, 'less').pValue);
          expect(poissonRateRatioTest(c, 'two-sided').pValue).toBeGreaterThanOrEqual(smaller * (1 - 1e-12));
        }),
        { numRuns: 200 },
      );
    });

    it('with equal windows the null distribution is symmetric, so two-sided = min(1, 2 × the smaller one-sided)', () => {
      fc.assert(
        fc.property(smallCounts, smallCounts, exposures, (recentCount, baselineCount, t) => {
          const c = comparison(recentCount, t, baselineCount, t);
          const smaller = Math.min(poissonRateRatioTest(c, 'greater').pValue, poissonRateRatioTest(c, 'less').pValue);
          const expected = Math.min(1, 2 * smaller);
          expect(Math.abs(poissonRateRatioTest(c, 'two-sided').pValue - expected)).toBeLessThanOrEqual(1e-12 * expected);
        }),
      );
    });

    it("swapping the windows swaps 'greater' and 'less' and keeps the two-sided p-value", () => {
      fc.assert(
        fc.property(anyComparison, (c) => {
          const swapped = comparison(c.baselineCount, c.baselineExposure, c.recentCount, c.recentExposure);
          const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(a, b) + 1e-300);
          close(poissonRateRatioTest(c, 'greater').pValue, poissonRateRatioTest(swapped, 'less').pValue);
          close(poissonRateRatioTest(c, 'two-sided').pValue, poissonRateRatioTest(swapped, 'two-sided').pValue);
        }),
        { numRuns: 200 },
      );
    });
  });
});

/** Deterministic uniform numbers in [0, 1): a Weyl sequence through a 32-bit integer mixer. */
function uniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 2 ** 32;
  };
}

/** Poisson draw by multiplying uniforms until the product falls below e^−λ (fine for small λ). */
function poisson(random: () => number, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let product = random();
  while (product > limit) {
    k++;
    product *= random();
  }
  return k;
}

/** Weekly counts: a 52-week baseline at one weekly rate, then an 8-week recent window at another. */
function simulate(seed: number, baselinePerWeek: number, recentPerWeek: number): RateComparison {
  const random = uniform(seed);
  let baselineCount = 0;
  let recentCount = 0;
  for (let week = 0; week < 52; week++) baselineCount += poisson(random, baselinePerWeek);
  for (let week = 0; week < 8; week++) recentCount += poisson(random, recentPerWeek);
  return comparison(recentCount, 8, baselineCount, 52);
}

const seeds = (count: number, offset: number) => Array.from({ length: count }, (_, i) => offset + i * 7919);
const share = (trends: readonly Trend[], direction: Trend['direction']) => trends.filter((t) => t.direction === direction).length / trends.length;

describe('classifyTrend', () => {
  it('uses alpha 0.01, at least 5 events and a ratio of at least 1.5 unless told otherwise', () => {
    expect(DEFAULT_TREND_RULE).toEqual({ alpha: 0.01, minCount: 5, minRatio: 1.5 });
  });

  it('the simulated counts have the rates they were drawn at (the generator itself is sound)', () => {
    const draws = seeds(500, 11).map((seed) => simulate(seed, 2, 6));
    const meanBaseline = draws.reduce((s, c) => s + c.baselineCount, 0) / draws.length;
    const meanRecent = draws.reduce((s, c) => s + c.recentCount, 0) / draws.length;
    // Means of 500 Poisson(104) and Poisson(48) draws: standard errors about 0.46 and 0.31.
    expect(Math.abs(meanBaseline - 104)).toBeLessThan(2);
    expect(Math.abs(meanRecent - 48)).toBeLessThan(1.5);
  });

  it('given a baseline of 2 a week for 52 weeks, when the last 8 weeks run at 6 a week, then the theme is rising', () => {
    const trends = seeds(200, 1).map((seed) => classifyTrend(simulate(seed, 2, 6)));
    expect(share(trends, 'rising')).toBeGreaterThanOrEqual(0.99);
    for (const t of trends.filter((t) => t.direction === 'rising')) {
      expect(t.alternative).toBe('greater');
      expect(t.pValue).toBeLessThanOrEqual(0.01);
      expect(t.ratio).toBeGreaterThanOrEqual(1.5);
    }
  });

  it('given a baseline of 6 a week for 52 weeks, when the last 8 weeks run at 2 a week, then the theme is falling', () => {
    const trends = seeds(200, 2).map((seed) => classifyTrend(simulate(seed, 6, 2)));
    expect(share(trends, 'falling')).toBeGreaterThanOrEqual(0.99);
    for (const t of trends.filter((t) => t.direction === 'falling')) {
      expect(t.alternative).toBe('less');
      expect(t.pValue).toBeLessThanOrEqual(0.01);
      expect(t.ratio).toBeLessThanOrEqual(1 / 1.5);
    }
  });

  it('given 500 themes at a steady 2 a week throughout, then fewer than 3% are called rising or falling', () => {
    const trends = seeds(500, 3).map((seed) => classifyTrend(simulate(seed, 2, 2)));
    expect(share(trends, 'rising') + share(trends, 'falling')).toBeLessThan(0.03);
    expect(share(trends, 'steady')).toBeGreaterThan(0.97);
  });

  it('given steady rates and no effect-size gate, the one-sided p-values behave like p-values (a few per cent below 0.05, never too many)', () => {
    const rule: TrendRule = { alpha: 0.05, minCount: 0 };
    const trends = seeds(500, 4).map((seed) => classifyTrend(simulate(seed, 2, 2), rule));
    const rising = share(trends, 'rising');
    // At most 5% in expectation (the exact test is conservative); 500 draws: standard error about 1%.
    expect(rising).toBeLessThan(0.08);
    expect(rising).toBeGreaterThan(0.01);
  });

  it('given no baseline events, when 12 arrive in the recent window, then the theme is rising with an infinite ratio', () => {
    const trend = classifyTrend(comparison(12, 8, 0, 52));
    expect(trend).toMatchObject({ direction: 'rising', ratio: null, expected: 0, alternative: 'greater', recentCount: 12 });
    expectRelativelyClose(trend.pValue, (8 / 60) ** 12, 1e-13);
  });

  it('given 104 baseline events over 52 weeks, when none arrive in 8 weeks, then the theme is falling', () => {
    const trend = classifyTrend(comparison(0, 8, 104, 52));
    expect(trend).toMatchObject({ direction: 'falling', ratio: 0, expected: 16, alternative: 'less' });
    expectRelativelyClose(trend.pValue, (52 / 60) ** 104, 1e-12);
  });

  it('given tiny counts on both sides, then too_few, even when the one-sided test alone would be significant', () => {
    // 4 recent, none before: (8/60)^4 ≈ 3e−4 < 0.01, but 4 events are below the minimum of 5.
    expect(classifyTrend(comparison(4, 8, 0, 52)).direction).toBe('too_few');
    expect(classifyTrend(comparison(2, 8, 3, 52)).direction).toBe('too_few');
    expect(classifyTrend(comparison(0, 8, 0, 52))).toMatchObject({ direction: 'too_few', pValue: 1 });
  });

  it('given a large service whose rate drifts up by a tenth, then it is steady under the default rule but rising on significance alone', () => {
    // 1000 a week for 52 weeks, then 1100 a week for 8: overwhelming evidence, small change.
    const c = comparison(8800, 8, 52000, 52);
    const byDefault = classifyTrend(c);
    expect(byDefault.direction).toBe('steady');
    expect(byDefault.alternative).toBe('greater');
    expect(byDefault.pValue).toBeLessThan(1e-10);
    expect(classifyTrend(c, { alpha: 0.01, minCount: 5 }).direction).toBe('rising');
  });

  it('given counts that lean down without significance, then steady, reporting the one-sided test in the direction they lean', () => {
    const trend = classifyTrend(comparison(12, 8, 104, 52)); // expected 16
    expect(trend.direction).toBe('steady');
    expect(trend.alternative).toBe('less');
    expect(trend.pValue).toBeGreaterThan(0.01);
    expect(trend.pValue).toBeLessThan(0.5);
  });

  it('names the rule field to fix', () => {
    const c = comparison(1, 1, 1, 1);
    expect(() => classifyTrend(c, { alpha: 0, minCount: 5 })).toThrow(/^rule\.alpha: /);
    expect(() => classifyTrend(c, { alpha: 0.01, minCount: -1 })).toThrow(/^rule\.minCount: /);
    expect(() => classifyTrend(c, { alpha: 0.01, minCount: 5, minRatio: 0.5 })).toThrow(/^rule\.minRatio: /);
  });

  it('never calls a theme both ways, and calls rising only with enough recent events and a large enough ratio', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), (x, y, t1, t2) => {
        const c = comparison(x, t1, y, t2);
        const trend = classifyTrend(c);
        const greater = poissonRateRatioTest(c, 'greater');
        const less = poissonRateRatioTest(c, 'less');
        if (trend.direction === 'rising') {
          expect(x).toBeGreaterThanOrEqual(5);
          expect(greater.pValue).toBeLessThanOrEqual(0.01);
          expect(trend.ratio === null || trend.ratio >= 1.5).toBe(true);
        }
        if (trend.direction === 'falling') {
          expect(greater.expected).toBeGreaterThanOrEqual(5);
          expect(less.pValue).toBeLessThanOrEqual(0.01);
          expect(trend.ratio).toBeLessThanOrEqual(1 / 1.5);
        }
        if (trend.direction === 'too_few') {
          expect(x).toBeLessThan(5);
          expect(greater.expected).toBeLessThan(5);
        }
      }),
    );
  });
});
