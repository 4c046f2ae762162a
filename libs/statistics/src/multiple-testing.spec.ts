import fc from 'fast-check';
import { ValidationError } from '#libs/kernel';
import { adjustPValues } from './multiple-testing.js';

/** The definition read literally: for the value at rank i, min over ranks k ≥ i of m·p₍ₖ₎/k, capped at 1. */
function referenceAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const sorted = [...pValues].sort((a, b) => a - b);
  return pValues.map((p) => {
    const rank = sorted.indexOf(p) + 1; // first rank of a tied value: the min then covers every tied rank
    let best = 1;
    for (let k = rank; k <= m; k++) best = Math.min(best, (m * sorted[k - 1]) / k);
    return best;
  });
}

describe('adjustPValues (Benjamini–Hochberg)', () => {
  it('gives an empty list for no themes, and a single p-value back unchanged', () => {
    expect(adjustPValues([])).toEqual([]);
    expect(adjustPValues([0.03])).toEqual([0.03]);
  });

  it('lifts 0.01, 0.02 … 0.05 all to 0.05 (each m·p/rank is 0.05)', () => {
    const adjusted = adjustPValues([0.01, 0.02, 0.03, 0.04, 0.05]);
    adjusted.forEach((q) => expect(q).toBeCloseTo(0.05, 15));
  });

  it('keeps the input order and takes the running minimum from the largest down', () => {
    // Ranked: 0.001 (1), 0.03 (2), 0.04 (3), 0.5 (4); m·p/rank = 0.004, 0.06, 0.0533…, 0.5;
    // 0.06 is replaced by the smaller 0.0533… found at a higher rank.
    const adjusted = adjustPValues([0.04, 0.001, 0.03, 0.5]);
    expect(adjusted[0]).toBeCloseTo((4 * 0.04) / 3, 15);
    expect(adjusted[1]).toBeCloseTo(0.004, 15);
    expect(adjusted[2]).toBeCloseTo((4 * 0.04) / 3, 15);
    expect(adjusted[3]).toBeCloseTo(0.5, 15);
  });

  it('caps at 1 and gives tied p-values the same adjusted value', () => {
    expect(adjustPValues([0.9, 0.9, 1])).toEqual([1, 1, 1]);
    const tied = adjustPValues([0.02, 0.01, 0.02, 0.2]);
    expect(tied[0]).toBe(tied[2]);
  });

  it('names the entry to fix when a p-value is not a probability', () => {
    expect(() => adjustPValues([0.1, Number.NaN])).toThrow(ValidationError);
    expect(() => adjustPValues([0.1, Number.NaN])).toThrow(/^pValues\[1\]: /);
    expect(() => adjustPValues([1.5])).toThrow(/^pValues\[0\]: /);
    expect(() => adjustPValues([-0.1])).toThrow(/^pValues\[0\]: /);
  });

  describe('properties', () => {
    const pValueLists = fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.01, 0.05, 1)), { maxLength: 60 });

    it('matches the definition read literally', () => {
      fc.assert(
        fc.property(pValueLists, (ps) => {
          const actual = adjustPValues(ps);
          const expected = referenceAdjust(ps);
          actual.forEach((q, i) => expect(Math.abs(q - expected[i])).toBeLessThanOrEqual(1e-15 * expected[i]));
        }),
      );
    });

    it('never lowers a p-value and never exceeds 1', () => {
      fc.assert(
        fc.property(pValueLists, (ps) => {
          adjustPValues(ps).forEach((q, i) => {
            expect(q).toBeGreaterThanOrEqual(ps[i]);
            expect(q).toBeLessThanOrEqual(1);
          });
        }),
      );
    });

    it('keeps the ranking: a smaller p-value never gets a larger adjusted value', () => {
      fc.assert(
        fc.property(pValueLists, (ps) => {
          const qs = adjustPValues(ps);
          for (let i = 0; i < ps.length; i++) {
            for (let j = 0; j < ps.length; j++) if (ps[i] <= ps[j]) expect(qs[i]).toBeLessThanOrEqual(qs[j]);
          }
        }),
      );
    });

    it('does not depend on the order the themes are listed in', () => {
      fc.assert(
        fc.property(pValueLists, fc.integer(), (ps, seed) => {
          const order = ps.map((_, i) => i).sort((a, b) => ((a * 2654435761 + seed) % 97) - ((b * 2654435761 + seed) % 97));
          const shuffled = order.map((i) => ps[i]);
          const direct = adjustPValues(ps);
          adjustPValues(shuffled).forEach((q, k) => expect(q).toBe(direct[order[k]]));
        }),
      );
    });
  });
});
