/**
 * The population reference each wellbeing scale's scores are compared with, for "moving towards
 * the national average". Both are medians of large, representative adult population samples on
 * the score the product records (the WEMWBS total; the SWEMWBS metric score):
 *
 * - WEMWBS: 51, the median of the population sample (n = 1,749, adults 16+) in Tennant R et al.
 *   (2007), "The Warwick-Edinburgh Mental Well-being Scale (WEMWBS): development and UK
 *   validation", Health and Quality of Life Outcomes 5:63, doi:10.1186/1477-7525-5-63, Table 3.
 * - SWEMWBS: 23.2, the median metric score for both men and women in the Health Survey for England
 *   2010-2013 (n = 27,169 adults 16+) in Ng Fat L, Scholes S, Boniface S, Mindell J,
 *   Stewart-Brown S (2017), "Evaluating and establishing national norms for mental wellbeing using
 *   the short Warwick-Edinburgh Mental Well-being Scale (SWEMWBS): findings from the Health Survey
 *   for England", Quality of Life Research 26(5):1129-1144, doi:10.1007/s11136-016-1454-8.
 *
 * Kept here rather than beside the scales in capture (wellbeing.scales.ts), which this library
 * cannot import through capture's public entry point; it would sit well there too.
 */
export const NATIONAL_AVERAGE = {
  wemwbs: 51,
  swemwbs: 23.2,
} as const satisfies Record<string, number>;

export type WellbeingScaleName = keyof typeof NATIONAL_AVERAGE;

export const WELLBEING_SCALE_NAMES = Object.keys(NATIONAL_AVERAGE) as WellbeingScaleName[];

export function isKnownScale(scale: string): scale is WellbeingScaleName {
  return Object.hasOwn(NATIONAL_AVERAGE, scale);
}
