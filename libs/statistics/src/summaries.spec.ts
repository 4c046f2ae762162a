import fc from 'fast-check';
import { ValidationError } from '#libs/kernel';
import { meanWithConfidenceInterval, median } from './summaries.js';

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });

describe('meanWithConfidenceInterval', () => {
  it('gives nothing for no values', () => {
    expect(meanWithConfidenceInterval([])).toBeNull();
  });

  it('gives the value but no interval for a single value (one value says nothing about spread)', () => {
    expect(meanWithConfidenceInterval([4])).toEqual({ n: 1, mean: 4, lower: null, upper: null, level: 0.95 });
  });

  it('for 0 and 2 gives 1 ± tan(0.475π): s = √2, s/√n = 1, and the 97.5% point of t with 1 df is tan(0.475π)', () => {
    const estimate = meanWithConfidenceInterval([0, 2])!;
    const half = Math.tan(0.475 * Math.PI); // 12.7062…
    expect(estimate.mean).toBe(1);
    expect(estimate.lower).toBeCloseTo(1 - half, 12);
    expect(estimate.upper).toBeCloseTo(1 + half, 12);
  });

  it('for 1, 2, 3, 4, 5 at 90% gives 3 ± 2.1318… · √2.5/√5 (the 95% point of t with 4 df, from SciPy)', () => {
    const estimate = meanWithConfidenceInterval([1, 2, 3, 4, 5], 0.9)!;
    const half = 2.1318467863266495 * Math.sqrt(2.5 / 5);
    expect(estimate).toMatchObject({ n: 5, mean: 3, level: 0.9 });
    expect(estimate.lower).toBeCloseTo(3 - half, 12);
    expect(estimate.upper).toBeCloseTo(3 + half, 12);
  });

  it('gives a zero-width interval when every value is the same', () => {
    expect(meanWithConfidenceInterval([7, 7, 7])).toEqual({ n: 3, mean: 7, lower: 7, upper: 7, level: 0.95 });
  });

  it('covers the true mean about 95% of the time for samples of 5 from a normal distribution', () => {
    // Box–Muller normals from a deterministic generator. With z = 1.96 instead of t₄ = 2.776
    // coverage would drop to about 88%, so this checks that the t quantile is the one used.
    let state = 12345;
    const random = () => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      z ^= z >>> 16;
      return ((z >>> 0) + 0.5) / 2 ** 32;
    };
    const normal = () => Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
    const trials = 4000;
    let covered = 0;
    for (let i = 0; i < trials; i++) {
      const sample = Array.from({ length: 5 }, () => 10 + 3 * normal());
      const { lower, upper } = meanWithConfidenceInterval(sample)!;
      if (lower! <= 10 && 10 <= upper!) covered++;
    }
    // Standard error of the share over 4000 trials: about 0.0034.
    expect(covered / trials).toBeGreaterThan(0.935);
    expect(covered / trials).toBeLessThan(0.965);
  });

  it('names what to fix', () => {
    expect(() => meanWithConfidenceInterval([1, 2], 1)).toThrow(/^level: /);
    expect(() => meanWithConfidenceInterval([1, 2], 0)).toThrow(ValidationError);
    expect(() => meanWithConfidenceInterval([1, Number.NaN])).toThrow(/^values\[1\]: /);
  });

  describe('properties', () => {
    it('the mean is the sum over n, lies between the smallest and largest value, and inside its interval', () => {
      fc.assert(
        fc.property(fc.array(finite, { minLength: 2, maxLength: 50 }), (values) => {
          const estimate = meanWithConfidenceInterval(values)!;
          const reference = values.reduce((s, v) => s + v, 0) / values.length;
          expect(estimate.n).toBe(values.length);
          expect(Math.abs(estimate.mean - reference)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(reference)));
          expect(estimate.mean).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
          expect(estimate.mean).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
          expect(estimate.lower!).toBeLessThanOrEqual(estimate.mean);
          expect(estimate.upper!).toBeGreaterThanOrEqual(estimate.mean);
        }),
      );
    });

    it('the interval is symmetric, with half-width t·s/√n against a plain two-pass standard deviation', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 3, maxLength: 3 }), (values) => {
          // With n = 3 the 97.5% point of t₂ is 4.302652729749464 (t/√(2 + t²) = 0.95, solved exactly).
          const t = 0.95 * Math.sqrt(2 / (1 - 0.95 * 0.95));
          const mean = (values[0] + values[1] + values[2]) / 3;
          const s = Math.sqrt(values.reduce((acc, v) => acc + (v - mean) ** 2, 0) / 2);
          const estimate = meanWithConfidenceInterval(values)!;
          expect(estimate.upper! - estimate.mean).toBeCloseTo((t * s) / Math.sqrt(3), 10);
          expect(estimate.mean - estimate.lower!).toBeCloseTo((t * s) / Math.sqrt(3), 10);
        }),
      );
    });

    it('a higher level never gives a narrower interval', () => {
      fc.assert(
        fc.property(fc.array(finite, { minLength: 2, maxLength: 30 }), fc.double({ min: 0.5, max: 0.98, noNaN: true }), (values, level) => {
          const narrow = meanWithConfidenceInterval(values, level)!;
          const wide = meanWithConfidenceInterval(values, level + 0.01)!;
          expect(wide.upper! - wide.lower!).toBeGreaterThanOrEqual(narrow.upper! - narrow.lower!);
        }),
      );
    });
  });
});

describe('median', () => {
  it('gives nothing for no values, the middle value for an odd count and the mean of the middle two for an even count', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([-5])).toBe(-5);
  });

  it('does not reorder the values it is given', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('rejects a value that is not a finite number', () => {
    expect(() => median([1, Number.POSITIVE_INFINITY])).toThrow(/^values\[1\]: /);
  });

  it('matches a reference: at least half the values are ≤ it and at least half are ≥ it, and it sits between the middle ones', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 41 }), (values) => {
        const m = median(values)!;
        const sorted = [...values].sort((a, b) => a - b);
        const n = values.length;
        expect(m).toBe((sorted[Math.floor((n - 1) / 2)] + sorted[Math.ceil((n - 1) / 2)]) / 2);
        expect(values.filter((v) => v <= m).length).toBeGreaterThanOrEqual(n / 2);
        expect(values.filter((v) => v >= m).length).toBeGreaterThanOrEqual(n / 2);
      }),
    );
  });
});
