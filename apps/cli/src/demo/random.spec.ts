import { addDays, daysBetween, Random } from './random.js';

describe('demo randomness', () => {
  it('gives the same sequence and ids for the same seed, and others for another', () => {
    const a = new Random(42);
    const b = new Random(42);
    const seqA = Array.from({ length: 5 }, () => a.int(1, 1000));
    expect(Array.from({ length: 5 }, () => b.int(1, 1000))).toEqual(seqA);
    expect(new Random(42).id('person-1')).toBe(new Random(42).id('person-1'));
    expect(new Random(43).id('person-1')).not.toBe(new Random(42).id('person-1'));
    expect(Array.from({ length: 5 }, () => new Random(7).int(1, 1000))).not.toEqual(seqA);
  });

  it('draws Poisson counts around their mean', () => {
    const r = new Random(1);
    const draws = Array.from({ length: 4000 }, () => r.poisson(3));
    const mean = draws.reduce((s, n) => s + n, 0) / draws.length;
    expect(mean).toBeGreaterThan(2.8);
    expect(mean).toBeLessThan(3.2);
  });

  it('does date arithmetic in whole days', () => {
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
  });
});
