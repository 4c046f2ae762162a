import { Module } from '@nestjs/common';
import { CaptureModule } from '#libs/capture';
import { ThemesModule } from '#libs/themes';
import { REPORT_SETTINGS, reportSettingsFrom, RUNTIME } from './reports/report-settings.js';
import { ReportSources } from './reports/report-sources.js';
import { REPORT_COMMAND_HANDLERS } from './reports/reports.commands.js';
import { ReportsExportController } from './reports/reports.controller.js';
import { ReportsQueries } from './reports/reports.queries.js';
import { ReportsResolver } from './reports/reports.resolver.js';

/**
 * Feedback reports: drafted by influencers from themes, impacts, bright spots and approved
 * quotes; shared frozen and suppressed with partner services and commissioners; answered with
 * responses and agreed actions; followed up by change checks; measured; printed and exported.
 * Settings (K, the response time) come from the runtime's configuration when there is one.
 */
@Module({
  imports: [CaptureModule, ThemesModule],
  controllers: [ReportsExportController],
  providers: [
    {
      provide: REPORT_SETTINGS,
      useFactory: (runtime?: { config?: Parameters<typeof reportSettingsFrom>[0] }) => reportSettingsFrom(runtime?.config),
      inject: [{ token: RUNTIME, optional: true }],
    },
    ...REPORT_COMMAND_HANDLERS,
    ReportSources,
    ReportsQueries,
    ReportsResolver,
  ],
  exports: [ReportsQueries],
})
export class ReportsModule {}
