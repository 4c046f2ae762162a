import { checkSuppressionThreshold, DEFAULT_SUPPRESSION_THRESHOLD } from '#libs/access';
import type { AppConfig } from '#libs/runtime';

/** What reports need from the configuration (libs/runtime config.ts). */
export interface ReportSettings {
  /** K: SUPPRESSION_THRESHOLD. */
  readonly suppressionThreshold: number;
  /** REPORT_RESPONSE_WORKING_DAYS. */
  readonly responseWorkingDays: number;
}

export const REPORT_SETTINGS = Symbol.for('learning-loop.report-settings');

/** The opened runtime, as apps/api's RuntimeModule provides it (the same Symbol.for key). */
export const RUNTIME = Symbol.for('learning-loop.runtime');

export const DEFAULT_RESPONSE_WORKING_DAYS = 20;

/** The settings from the loaded configuration, or the defaults where there is none (a module under test). */
export function reportSettingsFrom(config: Partial<Pick<AppConfig, 'suppressionThreshold' | 'reportResponseWorkingDays'>> | undefined): ReportSettings {
  return {
    suppressionThreshold: checkSuppressionThreshold(config?.suppressionThreshold ?? DEFAULT_SUPPRESSION_THRESHOLD),
    responseWorkingDays: config?.reportResponseWorkingDays ?? DEFAULT_RESPONSE_WORKING_DAYS,
  };
}
