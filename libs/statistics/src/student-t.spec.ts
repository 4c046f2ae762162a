import fc from 'fast-check';
import { studentTCentralQuantile } from './student-t.js';

function expectRelativelyClose(actual: number, expected: number, relative: number): void {
  const error = Math.abs(actual - expected) / Math.abs(expected);
  if (!(error <= relative)) throw new Error(`expected ${expected}, got ${actual} (relative error ${error}, allowed ${relative})`);
}

const levels = [0.5, 0.9, 0.95, 0.99, 0.999] as const;

describe('studentTCentralQuantile: the t with P(|T| ≤ t) = level', () => {
  it('with 1 degree of freedom (Cauchy) is tan(π·level/2): 12.7062… at 95%', () => {
    for (const level of levels) expectRelativelyClose(studentTCentralQuantile(level, 1), Math.tan((Math.PI * level) / 2), 1e-15);
    expect(studentTCentralQuantile(0.95, 1)).toBeCloseTo(12.7062, 4);
  });

  it('with 2 degrees of freedom solves t/√(2 + t²) = level: 4.3027… at 95%', () => {
    for (const level of levels) {
      const t = studentTCentralQuantile(level, 2);
      expectRelativelyClose(t / Math.sqrt(2 + t * t), level, 1e-15);
    }
    expect(studentTCentralQuantile(0.95, 2)).toBeCloseTo(4.3027, 4);
  });

  it('with 3 degrees of freedom solves the closed form (2/π)·(θ + sin θ cos θ) = level, θ = atan(t/√3)', () => {
    for (const level of levels) {
      const theta = Math.atan(studentTCentralQuantile(level, 3) / Math.sqrt(3));
      expectRelativelyClose((2 / Math.PI) * (theta + Math.sin(theta) * Math.cos(theta)), level, 1e-14);
    }
  });

  // scipy.stats.t.ppf((1 + level) / 2, df), SciPy 1.17.1, for levels 0.5, 0.9, 0.95, 0.99, 0.999.
  const reference: ReadonlyArray<readonly [number, readonly number[]]> = [
    [3, [0.7648923284043444, 2.3533634348018233, 3.1824463052837078, 5.840909309733355, 12.923978636687961]],
    [4, [0.7406970841126829, 2.1318467863266495, 2.7764451051977934, 4.604094871349992, 8.610301581379522]],
    [5, [0.7266868438004226, 2.0150483733330233, 2.5705818356363146, 4.032142983555228, 6.868826625881276]],
    [10, [0.6998120613124317, 1.8124611228116756, 2.228138851986274, 3.16927267261695, 4.586893858702708]],
    [30, [0.6827556933212927, 1.697260886593957, 2.0422724563012378, 2.7499956535672254, 3.6459586350420627]],
    [100, [0.6769510430114717, 1.6602343260853392, 1.9839715185235518, 2.6258905214380173, 3.390491311164263]],
    [1000, [0.6747351646070093, 1.6463788172854643, 1.9623390808264083, 2.580754698065951, 3.300282648423944]],
    [100000, [0.674492203553292, 1.6448688647849696, 1.9599877075346095, 2.575878469908375, 3.2906240314119137]],
  ];

  it.each(reference)('with %i degrees of freedom matches SciPy to 1e−12', (df, expected) => {
    levels.forEach((level, i) => expectRelativelyClose(studentTCentralQuantile(level, df), expected[i], 1e-12));
  });

  it('with a million degrees of freedom still matches SciPy to 1e−11', () => {
    const expected = [0.6744899955310875, 1.6448551507220404, 1.959966356814107, 2.5758342201053344, 3.2905364612487222];
    levels.forEach((level, i) => expectRelativelyClose(studentTCentralQuantile(level, 1_000_000), expected[i], 1e-11));
  });

  it('widens with the level and narrows as the degrees of freedom grow', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.998, noNaN: true }), fc.double({ min: 0.0005, max: 0.001, noNaN: true }), fc.integer({ min: 1, max: 400 }), (level, step, df) => {
        expect(studentTCentralQuantile(level + step, df)).toBeGreaterThan(studentTCentralQuantile(level, df));
        expect(studentTCentralQuantile(level, df + 1)).toBeLessThan(studentTCentralQuantile(level, df));
      }),
    );
  });

  it('names the argument to fix', () => {
    expect(() => studentTCentralQuantile(0.95, 0)).toThrow(/^df: /);
    expect(() => studentTCentralQuantile(0.95, 2.5)).toThrow(/^df: /);
    expect(() => studentTCentralQuantile(1, 5)).toThrow(/^level: /);
    expect(() => studentTCentralQuantile(Number.NaN, 5)).toThrow(/^level: /);
  });
});
