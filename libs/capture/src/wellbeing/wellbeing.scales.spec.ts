import { ITEMS, scoreAnswers, SWEMWBS_METRIC, swemwbsMetric } from './wellbeing.scales.js';

/**
 * The SWEMWBS raw-to-metric conversion, written out again here from the published table
 * (Warwick Medical School; Stewart-Brown et al. 2009, HQLO 7:15), so that a slip in either copy
 * fails the test.
 */
const PUBLISHED: Array<[raw: number, metric: number]> = [
  [7, 7.0], [8, 9.51], [9, 11.25], [10, 12.4], [11, 13.33], [12, 14.08], [13, 14.75], [14, 15.32],
  [15, 15.84], [16, 16.36], [17, 16.88], [18, 17.43], [19, 17.98], [20, 18.59], [21, 19.25],
  [22, 19.98], [23, 20.73], [24, 21.54], [25, 22.35], [26, 23.21], [27, 24.11], [28, 25.03],
  [29, 26.02], [30, 27.03], [31, 28.13], [32, 29.31], [33, 30.7], [34, 32.55], [35, 35.0],
];

describe('wellbeing scales', () => {
  it('covers every SWEMWBS raw score from 7 to 35, and nothing else', () => {
    expect(Object.keys(SWEMWBS_METRIC).map(Number)).toEqual(PUBLISHED.map(([raw]) => raw));
  });

  it.each(PUBLISHED)('converts SWEMWBS raw %i to the published metric score %f', (raw, metric) => {
    expect(swemwbsMetric(raw)).toBe(metric);
  });

  it('keeps both ends of the scale where they are and rises with every raw point', () => {
    expect(swemwbsMetric(7)).toBe(7);
    expect(swemwbsMetric(35)).toBe(35);
    for (let raw = 8; raw <= 35; raw++) expect(swemwbsMetric(raw)).toBeGreaterThan(swemwbsMetric(raw - 1));
  });

  it('refuses a raw score the table does not have', () => {
    expect(() => swemwbsMetric(6)).toThrow(RangeError);
    expect(() => swemwbsMetric(36)).toThrow(RangeError);
    expect(() => swemwbsMetric(20.5)).toThrow(RangeError);
  });

  it('scores WEMWBS as the plain total of its 14 items', () => {
    expect(ITEMS.wemwbs).toHaveLength(14);
    expect(scoreAnswers('wemwbs', Array(14).fill(1))).toEqual({ rawScore: 14, score: 14 });
    expect(scoreAnswers('wemwbs', Array(14).fill(5))).toEqual({ rawScore: 70, score: 70 });
    expect(scoreAnswers('wemwbs', [3, 4, 3, 2, 3, 4, 3, 3, 4, 3, 4, 3, 3, 4])).toEqual({ rawScore: 46, score: 46 });
  });

  it('scores SWEMWBS through the conversion table from its 7 items', () => {
    expect(ITEMS.swemwbs).toHaveLength(7);
    expect(scoreAnswers('swemwbs', [3, 3, 3, 3, 3, 3, 3])).toEqual({ rawScore: 21, score: 19.25 });
    expect(scoreAnswers('swemwbs', [4, 3, 3, 3, 4, 3, 3])).toEqual({ rawScore: 23, score: 20.73 });
  });

  it('will not score incomplete or out-of-range answers', () => {
    expect(() => scoreAnswers('swemwbs', [3, 3, 3, 3, 3, 3])).toThrow(RangeError);
    expect(() => scoreAnswers('swemwbs', [3, 3, 3, 3, 3, 3, 6])).toThrow(RangeError);
    expect(() => scoreAnswers('wemwbs', Array(7).fill(3))).toThrow(RangeError);
  });
});
