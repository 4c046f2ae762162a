import type { Projection } from '#libs/projections';
import { reportsProjection } from './reports/reports.projection.js';

export * from './reports.module.js';
export { ReportsQueries } from './reports/reports.queries.js';
export { INFLUENCER_READER, readerOf, type ReportReader } from './reports/report-audience.js';
export { REPORT_SETTINGS, type ReportSettings, reportSettingsFrom } from './reports/report-settings.js';
export { reportStream, REPORT_EVENT_TYPES, type ReportEvent, type ChangeOutcome, CHANGE_OUTCOMES } from './reports/report.events.js';
export { classifyChange, changeWindows, DEFAULT_CHANGE_WEEKS } from './reports/change-check.js';
// Commands, for other deployables that drive reports through the CommandBus (a demo seed).
export { DraftReport, EditReport, ShareReport, AgreeReportAction, MarkReportActionDone, CheckReportChange } from './reports/reports.commands.js';

/** The read models this capability keeps. */
export function reportsProjections(): Projection[] {
  return [reportsProjection];
}
