/**
 * The Warwick-Edinburgh Mental Wellbeing Scales, scored as published.
 *
 * WEMWBS: 14 items, each answered 1 (none of the time) to 5 (all of the time); the score is the
 * plain total, 14 to 70 (Tennant et al. 2007, Health and Quality of Life Outcomes 5:63).
 *
 * SWEMWBS: 7 of those items (1, 2, 3, 6, 7, 9 and 11), raw total 7 to 35, reported as the
 * metric score from the published Rasch conversion table below. Only the metric score is
 * comparable across studies and with the population norms, so it is the score recorded.
 *
 * WEMWBS and SWEMWBS © NHS Health Scotland, University of Warwick and University of Edinburgh.
 * Organisations using them register with Warwick Medical School (free for most uses).
 */

export const WELLBEING_SCALES = ['wemwbs', 'swemwbs'] as const;
export type WellbeingScale = (typeof WELLBEING_SCALES)[number];

/** Short labels for the 14 WEMWBS items, in order (not the items' full published wording). */
export const WEMWBS_ITEMS = [
  'optimistic about the future',
  'feeling useful',
  'feeling relaxed',
  'interested in other people',
  'energy to spare',
  'dealing with problems well',
  'thinking clearly',
  'feeling good about myself',
  'feeling close to other people',
  'feeling confident',
  'able to make up my own mind',
  'feeling loved',
  'interested in new things',
  'feeling cheerful',
] as const;

/** The 7 SWEMWBS items, in order: WEMWBS items 1, 2, 3, 6, 7, 9 and 11. */
export const SWEMWBS_ITEMS = [
  WEMWBS_ITEMS[0],
  WEMWBS_ITEMS[1],
  WEMWBS_ITEMS[2],
  WEMWBS_ITEMS[5],
  WEMWBS_ITEMS[6],
  WEMWBS_ITEMS[8],
  WEMWBS_ITEMS[10],
] as const;

export const ITEMS: Record<WellbeingScale, readonly string[]> = { wemwbs: WEMWBS_ITEMS, swemwbs: SWEMWBS_ITEMS };

/** Each item is answered on a five-point scale. */
export const ANSWER_MIN = 1;
export const ANSWER_MAX = 5;

/**
 * SWEMWBS raw total (7-35) to metric score: the published Rasch conversion table.
 *
 * Source: Warwick Medical School, "SWEMWBS conversion table" in the WEMWBS scoring guidance
 * (https://warwick.ac.uk/fac/sci/med/research/platform/wemwbs/using/howto and
 * https://warwick.ac.uk/fac/med/research/platform/wemwbs/researchers/guidance/), from the Rasch
 * analysis in Stewart-Brown S, Tennant A, Tennant R, Platt S, Parkinson J, Weich S (2009),
 * "Internal construct validity of the Warwick-Edinburgh Mental Well-being Scale (WEMWBS): a
 * Rasch analysis using data from the Scottish Health Education Population Survey", Health and
 * Quality of Life Outcomes 7:15, doi:10.1186/1477-7525-7-15.
 */
export const SWEMWBS_METRIC: Readonly<Record<number, number>> = Object.freeze({
  7: 7.0,
  8: 9.51,
  9: 11.25,
  10: 12.4,
  11: 13.33,
  12: 14.08,
  13: 14.75,
  14: 15.32,
  15: 15.84,
  16: 16.36,
  17: 16.88,
  18: 17.43,
  19: 17.98,
  20: 18.59,
  21: 19.25,
  22: 19.98,
  23: 20.73,
  24: 21.54,
  25: 22.35,
  26: 23.21,
  27: 24.11,
  28: 25.03,
  29: 26.02,
  30: 27.03,
  31: 28.13,
  32: 29.31,
  33: 30.7,
  34: 32.55,
  35: 35.0,
});

/** The range of the recorded score on each scale. */
export const SCORE_RANGE: Record<WellbeingScale, { min: number; max: number }> = {
  wemwbs: { min: 14, max: 70 },
  swemwbs: { min: 7, max: 35 },
};

export interface WellbeingScore {
  /** The plain total of the answers. */
  readonly rawScore: number;
  /** WEMWBS: the total; SWEMWBS: the metric score from the conversion table. */
  readonly score: number;
}

/** Scores complete, in-range answers (check them first: this throws on anything else). */
export function scoreAnswers(scale: WellbeingScale, answers: readonly number[]): WellbeingScore {
  if (answers.length !== ITEMS[scale].length || answers.some((a) => !Number.isInteger(a) || a < ANSWER_MIN || a > ANSWER_MAX)) {
    throw new RangeError(`A ${scale} check-in needs ${ITEMS[scale].length} answers, each ${ANSWER_MIN} to ${ANSWER_MAX}`);
  }
  const rawScore = answers.reduce((sum, a) => sum + a, 0);
  return { rawScore, score: scale === 'wemwbs' ? rawScore : swemwbsMetric(rawScore) };
}

export function swemwbsMetric(rawScore: number): number {
  const metric = SWEMWBS_METRIC[rawScore];
  if (metric === undefined) throw new RangeError('A SWEMWBS raw score is a whole number from 7 to 35');
  return metric;
}
