/**
 * Small, pure statistics for themes (rising and falling themes), reports (did a rate change
 * after an agreed action) and dashboards (wellbeing change), plus working-day arithmetic for
 * response deadlines. No infrastructure and no dependencies beyond the kernel's errors;
 * invalid input throws ValidationError naming the field to fix.
 */
export {
  type Alternative,
  type RateComparison,
  type RateRatioResult,
  type TrendDirection,
  type TrendRule,
  type Trend,
  poissonRateRatioTest,
  classifyTrend,
  DEFAULT_TREND_RULE,
} from './rate-ratio.js';
export { adjustPValues } from './multiple-testing.js';
export { type MeanEstimate, meanWithConfidenceInterval, median } from './summaries.js';
export { addWorkingDays, workingDaysBetween } from './working-days.js';
export { BANK_HOLIDAY_REGIONS, type BankHolidayRegion, bankHolidays, bankHolidaysBetween, easterSunday } from './bank-holidays.js';
