import { BadRequestException, Controller, Get, Header, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { NotFoundError, ValidationError } from '#libs/kernel';
import type { SqlDatabase } from '#libs/database';
import { READ_MODELS } from '#libs/projections';
import { DIRECTORY, type Directory } from '#libs/capture';
import { Allow, CurrentPrincipal, type Principal } from '#libs/policy';
import { readerOf } from './report-audience.js';
import { PRINT_CONTENT_SECURITY_POLICY, type PrintableReport, renderFiguresCsv, renderReportHtml } from './report-export.js';
import { ReportsQueries } from './reports.queries.js';
import { READ_REPORT } from './reports.resolver.js';

/**
 * A report to print (GET /reports/:id/print, one HTML page; the browser's "Save as PDF" makes the
 * document) and its figures as CSV (GET /reports/:id/figures.csv), under the same policy as the
 * `report` query and filtered the same way, with counts as shared (suppressed).
 */
@Controller('reports')
export class ReportsExportController {
  constructor(
    private readonly queries: ReportsQueries,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(READ_MODELS) private readonly db: SqlDatabase,
  ) {}

  @Allow(READ_REPORT('params.id'))
  @Get(':id/print')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', PRINT_CONTENT_SECURITY_POLICY)
  @Header('Cache-Control', 'no-store')
  async print(@Param('id') id: string, @CurrentPrincipal() principal: Principal | undefined): Promise<string> {
    return renderReportHtml(await this.printable(id, principal));
  }

  @Allow(READ_REPORT('params.id'))
  @Get(':id/figures.csv')
  @Header('Cache-Control', 'no-store')
  async figures(@Param('id') id: string, @CurrentPrincipal() principal: Principal | undefined, @Res({ passthrough: true }) response: Response): Promise<string> {
    const printable = await this.printable(id, principal);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="report-${printable.report.id}-figures.csv"`);
    return renderFiguresCsv(printable);
  }

  private async printable(id: string, principal: Principal | undefined): Promise<PrintableReport> {
    try {
      const report = await this.queries.one(readerOf(principal), id);
      const content = await this.queries.content(report);
      const themeIds = [...new Set(report.actions.flatMap((a) => (a.themeId ? [a.themeId] : [])))];
      // The themes read model, read-only by its view: names for the actions' themes.
      const themes = themeIds.length === 0 ? [] : (await this.db.query<{ theme_id: string; name: string }>('SELECT theme_id, name FROM themes_themes WHERE theme_id = ANY($1::uuid[])', [themeIds])).rows;
      return { report, content, addressedTo: await this.addressedTo(report.audience, report.organisationId, report.areaIds), themeNames: new Map(themes.map((t) => [t.theme_id, t.name])), generatedAt: new Date() };
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundException(error.message);
      if (error instanceof ValidationError) throw new BadRequestException(error.message);
      throw error;
    }
  }

  private async addressedTo(audience: string, organisationId: string | null, areaIds: readonly string[]): Promise<string> {
    if (audience === 'organisation' && organisationId) return (await this.directory.organisation(organisationId))?.name ?? 'the service';
    const names = await Promise.all(areaIds.map(async (id) => (await this.directory.area(id))?.name));
    const known = names.filter((n): n is string => !!n);
    return known.length > 0 ? `the commissioner for ${known.join(', ')}` : 'the commissioner';
  }
}
