import { checkSuppressionThreshold, DEFAULT_SUPPRESSION_THRESHOLD } from '#libs/access';
import type { AppConfig } from '#libs/runtime';
import { bankHolidaysBetween } from '#libs/statistics';

/** What reports need from the configuration (libs/runtime config.ts). */
export interface ReportSettings {
  /** K: SUPPRESSION_THRESHOLD. */
  readonly suppressionThreshold: number;
  /** REPORT_RESPONSE_WORKING_DAYS. */
  readonly responseWorkingDays: number;
  /** Days that are not working days besides weekends: BANK_HOLIDAYS' (2000 to 2100) and CLOSED_DAYS. */
  readonly closedDays: ReadonlySet<string>;
}

export const REPORT_SETTINGS = Symbol.for('learning-loop.report-settings');

/** The opened runtime, as apps/api's RuntimeModule provides it (the same Symbol.for key). */
export const RUNTIME = Symbol.for('learning-loop.runtime');

export const DEFAULT_RESPONSE_WORKING_DAYS = 20;

/** The settings from the loaded configuration, or the defaults where there is none (a module under test). */
export function reportSettingsFrom(
  config: Partial<Pick<AppConfig, 'suppressionThreshold' | 'reportResponseWorkingDays' | 'bankHolidays' | 'closedDays'>> | undefined,
): ReportSettings {
  const region = config?.bankHolidays ?? 'england-and-wales';
  const closedDays = region === 'none' ? new Set<string>() : bankHolidaysBetween(region, 2000, 2100);
  for (const day of config?.closedDays ?? []) closedDays.add(day);
  return {
    suppressionThreshold: checkSuppressionThreshold(config?.suppressionThreshold ?? DEFAULT_SUPPRESSION_THRESHOLD),
    responseWorkingDays: config?.reportResponseWorkingDays ?? DEFAULT_RESPONSE_WORKING_DAYS,
    closedDays,
  };
}
