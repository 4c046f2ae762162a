import { Inject, Injectable } from '@nestjs/common';
import { suppressList } from '#libs/access';
import type { SqlDatabase } from '#libs/database';
import { calendarDate, NotFoundError, type PersonalDataVault, type Sealed } from '#libs/kernel';
import { READ_MODELS } from '#libs/projections';
import { Check, PERSONAL_DATA_VAULT } from '#libs/capture';
import { type ReportReader, visibleTo } from './report-audience.js';
import { discloseFigures } from './report-content.js';
import { reportMetrics, type SharedReportFacts } from './report-metrics.js';
import { REPORT_SETTINGS, type ReportSettings } from './report-settings.js';
import { ReportSources } from './report-sources.js';
import type { Audience, ChangeOutcome, ReportContent, ReportScope, SharedCount } from './report.events.js';
import {
  type ReportActionView,
  type ReportChangeCheckView,
  type ReportContentView,
  type ReportCountView,
  type ReportMetricsView,
  type ReportQuoteCandidateView,
  type ReportQuoteView,
  REPORT_STATUSES,
  type ReportView,
} from './reports.graphql.js';

const TIMESTAMP = (column: string, as: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${as}`;
const DATE = (column: string, as = column) => `${DAY(column)} AS ${as}`;
const DAY = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

interface ReportRow {
  report_id: string;
  revision: number;
  status: string;
  audience: Audience;
  title: string;
  organisation_id: string | null;
  organisation_ids: string[] | null;
  area_ids: string[];
  period_from: string;
  period_to: string;
  what_might_help: string;
  quote_ids: string[];
  content: ReportContent | string | null;
  shared_on: string | null;
  response_due_on: string | null;
  shared_at: string | null;
  acknowledged_at: string | null;
  responded_at: string | null;
  response: string | null;
  drafted_at: string;
}

const REPORT_COLUMNS = `r.report_id, r.revision, r.status, r.audience, r.title, r.organisation_id, r.organisation_ids, r.area_ids,
  ${DATE('r.period_from', 'period_from')}, ${DATE('r.period_to', 'period_to')}, r.what_might_help, r.quote_ids, r.content,
  ${DATE('r.shared_on', 'shared_on')}, ${DATE('r.response_due_on', 'response_due_on')}, ${TIMESTAMP('r.shared_at', 'shared_at')},
  ${TIMESTAMP('r.acknowledged_at', 'acknowledged_at')}, ${TIMESTAMP('r.responded_at', 'responded_at')}, r.response, ${TIMESTAMP('r.drafted_at', 'drafted_at')}`;

interface ActionRow {
  report_id: string;
  action_id: string;
  what: string;
  owner: string;
  due_on: string;
  theme_id: string | null;
  agreed_on: string;
  done_on: string | null;
}

interface CheckRow {
  report_id: string;
  action_id: string;
  theme_id: string;
  counted_theme_id: string;
  outcome: ChangeOutcome;
  p_value: number;
  alpha: number;
  weeks: number;
  before_from: string;
  before_to: string;
  before_count: number;
  after_from: string;
  after_to: string;
  after_count: number;
  checked_at: string;
}

export interface ReportFilterInput {
  status?: string | null;
  organisationId?: string | null;
  areaId?: string | null;
}

/**
 * The moment an "as of" question is about (ISO 8601), or undefined for now. Never later than now.
 * Timestamps compare as text because both sides are ISO 8601 in UTC with milliseconds.
 */
function momentOf(asOf: Date | string | null | undefined, now: Date): string | undefined {
  if (!asOf) return undefined;
  const check = new Check(now);
  const at = check.asOf(asOf);
  check.done();
  return at.toISOString();
}

/** Words shown where a quote was: the person asked for it to go. */
export const QUOTE_REMOVED = 'Removed at the person\'s request.';

const count = (c: SharedCount): ReportCountView => ({ value: c.suppressed ? null : c.value, suppressed: c.suppressed });

/**
 * Reads reports for whoever asks, filtered by what they may see (report-audience.ts) on top of
 * the policy guard. Shared content is shown as frozen (already suppressed); a draft's content is
 * a preview made now from the read models, suppressed as it would be shared. Quotes are opened
 * on the way out and shown only while their person consents and has not been forgotten. A
 * change check's counts leave the organisation suppressed like everything else.
 */
@Injectable()
export class ReportsQueries {
  constructor(
    @Inject(READ_MODELS) private readonly db: SqlDatabase,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(REPORT_SETTINGS) private readonly settings: ReportSettings,
    private readonly sources: ReportSources,
  ) {}

  async list(reader: ReportReader, filter: ReportFilterInput | null | undefined, now = new Date(), asOf?: Date | string | null): Promise<ReportView[]> {
    const f = filter ?? {};
    const at = momentOf(asOf, now);
    const check = new Check();
    const status = f.status ? check.oneOf('filter.status', f.status, REPORT_STATUSES) : undefined;
    const organisationId = f.organisationId ? check.id('filter.organisationId', f.organisationId) : undefined;
    const areaId = f.areaId ? check.id('filter.areaId', f.areaId) : undefined;
    check.done();
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [visibleTo(reader, param)];
    if (status) where.push(`r.status = ${param(status)}`);
    else where.push(`r.status <> 'discarded'`);
    if (organisationId) where.push(`(r.organisation_id = ${param(organisationId)}::uuid OR ${param(organisationId)}::uuid = ANY(r.organisation_ids))`);
    if (areaId) where.push(`${param(areaId)}::uuid = ANY(r.area_ids)`);
    if (at) where.push(`r.shared_at <= ${param(at)}::timestamptz`);
    const { rows } = await this.db.query<ReportRow>(
      `SELECT ${REPORT_COLUMNS} FROM reports_reports r WHERE ${where.join(' AND ')} ORDER BY coalesce(r.shared_at, r.drafted_at) DESC, r.report_id`,
      params,
    );
    return this.views(rows, reader, at ? new Date(at) : now, at);
  }

  /** One report the reader may see; NOT_FOUND otherwise (also when it exists but is not theirs). */
  async one(reader: ReportReader, id: string, now = new Date(), asOf?: Date | string | null): Promise<ReportView> {
    const check = new Check();
    check.id('id', id);
    check.done();
    const at = momentOf(asOf, now);
    const params: unknown[] = [id];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const visible = visibleTo(reader, param);
    const then = at ? ` AND r.shared_at <= ${param(at)}::timestamptz` : '';
    const { rows } = await this.db.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reports_reports r WHERE r.report_id = $1 AND ${visible}${then}`, params);
    if (!rows[0]) throw new NotFoundError(at ? 'No report with this id that you may see had been shared by then.' : 'No report with this id that you may see.');
    return (await this.views(rows, reader, at ? new Date(at) : now, at))[0];
  }

  /** Shared reports with no response, past their response date, longest overdue first. */
  async overdue(reader: ReportReader, now = new Date(), asOf?: Date | string | null): Promise<ReportView[]> {
    const at = momentOf(asOf, now) ?? now.toISOString();
    const params: unknown[] = [calendarDate(new Date(at)), at];
    const visible = visibleTo(reader, (value) => {
      params.push(value);
      return `$${params.length}`;
    });
    const { rows } = await this.db.query<ReportRow>(
      `SELECT ${REPORT_COLUMNS} FROM reports_reports r
        WHERE r.status = 'shared' AND r.shared_at <= $2::timestamptz AND (r.responded_at IS NULL OR r.responded_at > $2::timestamptz)
          AND r.response_due_on < $1::date AND ${visible}
        ORDER BY r.response_due_on, r.report_id`,
      params,
    );
    return this.views(rows, reader, new Date(at), asOf ? at : undefined);
  }

  /** The report's content: frozen once shared, else a preview made now. */
  async content(report: ReportView, now = new Date()): Promise<ReportContentView> {
    if (report.status === 'shared' && report.frozenContent) {
      const frozen = (typeof report.frozenContent === 'string' ? JSON.parse(report.frozenContent) : report.frozenContent) as ReportContent;
      return { ...contentView(frozen), frozen: true, quotes: await this.sharedQuotes(report.id, report.reader) };
    }
    const period = { from: report.from, to: report.to };
    const preview = discloseFigures(await this.sources.figures(report.scope, period, now.toISOString()), this.settings.suppressionThreshold, period, report.whatMightHelp);
    const candidates = new Map((await this.sources.quoteCandidates(report.scope, period)).map((q) => [q.observationId, q]));
    const chosen = report.quoteObservationIds.map((id) => candidates.get(id));
    const texts = await this.vault.openMany(chosen.map((q) => q?.text));
    const quotes = report.quoteObservationIds.map((id, i): ReportQuoteView => ({
      observationId: report.reader.internal ? id : null,
      text: texts[i],
      removed: texts[i] === null,
    }));
    return { ...contentView(preview), frozen: false, quotes };
  }

  /** Approved quotes a draft may include (influencers only; nothing for a shared report). */
  async quoteCandidates(report: ReportView): Promise<ReportQuoteCandidateView[]> {
    if (report.status !== 'draft' || !report.reader.influencer) return [];
    const candidates = await this.sources.quoteCandidates(report.scope, { from: report.from, to: report.to });
    const texts = await this.vault.openMany(candidates.map((q) => q.text));
    const chosen = new Set(report.quoteObservationIds);
    return candidates.map((q, i) => ({
      observationId: q.observationId,
      text: texts[i],
      occurredOn: q.occurredOn,
      categoryId: q.categoryId,
      themeNames: [...q.themeNames],
      chosen: chosen.has(q.observationId),
    }));
  }

  /** How services answer feedback, over reports shared from `from` to `to` (both optional). */
  async metrics(filter: { from?: string | null; to?: string | null; asOf?: Date | string | null }, now = new Date()): Promise<ReportMetricsView> {
    const at = momentOf(filter.asOf, now) ?? now.toISOString();
    const check = new Check();
    const from = filter.from ? check.date('from', filter.from, { allowFuture: true }) : null;
    const to = filter.to ? check.date('to', filter.to, { allowFuture: true }) : null;
    if (from && to && from > to) check.problem('to', 'cannot be before from');
    check.done();
    const { rows } = await this.db.query<{ report_id: string; organisation_id: string | null; audience: Audience; shared_on: string; responded_on: string | null; actions: string | number }>(
      `SELECT r.report_id, r.organisation_id, r.audience, ${DATE('r.shared_on', 'shared_on')},
              CASE WHEN r.responded_at <= $3::timestamptz THEN ${DAY('r.responded_on')} END AS responded_on,
              (SELECT count(*) FROM reports_actions a WHERE a.report_id = r.report_id AND a.agreed_at <= $3::timestamptz) AS actions
         FROM reports_reports r
        WHERE r.status = 'shared' AND r.shared_at <= $3::timestamptz
          AND ($1::date IS NULL OR r.shared_on >= $1::date) AND ($2::date IS NULL OR r.shared_on <= $2::date)`,
      [from, to, at],
    );
    const latest = await this.db.query<{ report_id: string; outcome: ChangeOutcome }>(
      `SELECT DISTINCT ON (c.report_id, c.action_id) c.report_id, c.outcome
         FROM reports_checks c JOIN reports_reports r ON r.report_id = c.report_id
        WHERE r.status = 'shared' AND c.checked_at <= $3::timestamptz
          AND ($1::date IS NULL OR r.shared_on >= $1::date) AND ($2::date IS NULL OR r.shared_on <= $2::date)
        ORDER BY c.report_id, c.action_id, c.revision DESC`,
      [from, to, at],
    );
    const outcomes = new Map<string, ChangeOutcome[]>();
    for (const row of latest.rows) outcomes.set(row.report_id, [...(outcomes.get(row.report_id) ?? []), row.outcome]);
    const facts: SharedReportFacts[] = rows.map((r) => ({
      organisationId: r.organisation_id,
      audience: r.audience,
      sharedOn: r.shared_on,
      respondedOn: r.responded_on,
      actions: Number(r.actions),
      checkedOutcomes: outcomes.get(r.report_id) ?? [],
    }));
    return { from, to, ...reportMetrics(facts) };
  }

  private async sharedQuotes(reportId: string, reader: ReportReader): Promise<ReportQuoteView[]> {
    const { rows } = await this.db.query<{ observation_id: string; text: Sealed | null; shareable: boolean }>(
      `SELECT q.observation_id, q.text, coalesce(p.share_words, false) AND NOT coalesce(p.forgotten, false) AS shareable
         FROM reports_quotes q LEFT JOIN reports_people p ON p.person_id = q.person_id
        WHERE q.report_id = $1 ORDER BY q.position`,
      [reportId],
    );
    const texts = await this.vault.openMany(rows.map((r) => (r.shareable ? r.text : null)));
    return rows.map((r, i) => ({ observationId: reader.internal ? r.observation_id : null, text: texts[i], removed: texts[i] === null }));
  }

  /**
   * Report views. With `at` (as of a past moment) they show what had been recorded by then:
   * actions agreed, done, checks made, the acknowledgement and the response only when recorded
   * by `at`. (Quotes always follow the person's consent as it is now: a withdrawn consent is
   * never overridden by looking back.)
   */
  private async views(rows: readonly ReportRow[], reader: ReportReader, now: Date, at?: string): Promise<ReportView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.report_id);
    const by = at ?? now.toISOString();
    const actions = await this.db.query<ActionRow>(
      `SELECT report_id, action_id, what, owner, ${DATE('due_on')}, theme_id, ${DATE('agreed_on')},
              CASE WHEN done_at <= $2::timestamptz THEN ${DAY('done_on')} END AS done_on
         FROM reports_actions WHERE report_id = ANY($1::uuid[]) AND agreed_at <= $2::timestamptz ORDER BY agreed_at, action_id`,
      [ids, by],
    );
    const checks = await this.db.query<CheckRow>(
      `SELECT report_id, action_id, theme_id, counted_theme_id, outcome, p_value, alpha, weeks, ${DATE('before_from')}, ${DATE('before_to')}, before_count,
              ${DATE('after_from')}, ${DATE('after_to')}, after_count, ${TIMESTAMP('checked_at', 'checked_at')}
         FROM reports_checks WHERE report_id = ANY($1::uuid[]) AND checked_at <= $2::timestamptz ORDER BY revision`,
      [ids, by],
    );
    const today = calendarDate(now);
    const checksOf = (reportId: string, actionId: string) =>
      checks.rows.filter((c) => c.report_id === reportId && c.action_id === actionId).map((c) => this.checkView(c, reader));
    const known = (timestamp: string | null) => timestamp !== null && timestamp <= by;
    return rows.map((row): ReportView => {
      const responded = known(row.responded_at);
      const scope: ReportScope = {
        audience: row.audience,
        ...(row.organisation_id ? { organisationId: row.organisation_id } : {}),
        ...(row.organisation_ids ? { organisationIds: row.organisation_ids } : {}),
        areaIds: row.area_ids,
      };
      const reportActions = actions.rows
        .filter((a) => a.report_id === row.report_id)
        .map((a): ReportActionView => {
          const all = checksOf(row.report_id, a.action_id);
          return {
            id: a.action_id,
            what: a.what,
            owner: a.owner,
            dueOn: a.due_on,
            themeId: a.theme_id,
            agreedOn: a.agreed_on,
            status: a.done_on ? 'done' : 'agreed',
            doneOn: a.done_on,
            overdue: !a.done_on && a.due_on < today,
            lastCheck: all.length > 0 ? all[all.length - 1] : null,
            checks: all,
          };
        });
      return {
        id: row.report_id,
        revision: row.revision,
        status: row.status,
        audience: row.audience,
        title: row.title,
        organisationId: row.organisation_id,
        organisationIds: row.organisation_ids ?? [],
        areaIds: row.area_ids,
        from: row.period_from,
        to: row.period_to,
        whatMightHelp: row.what_might_help,
        quoteObservationIds: reader.influencer ? row.quote_ids : [],
        draftedAt: row.drafted_at,
        sharedOn: row.shared_on,
        sharedAt: row.shared_at,
        responseDueOn: row.response_due_on,
        overdue: row.status === 'shared' && !responded && row.response_due_on !== null && row.response_due_on < today,
        acknowledgedAt: known(row.acknowledged_at) ? row.acknowledged_at : null,
        respondedAt: responded ? row.responded_at : null,
        response: responded ? row.response : null,
        actions: reportActions,
        reader,
        scope,
        frozenContent: row.content,
      };
    });
  }

  /** Inside the organisation the numbers as counted; outside, suppressed (and no p-value when either count is hidden). */
  private checkView(c: CheckRow, reader: ReportReader): ReportChangeCheckView {
    const shown = reader.internal
      ? { before: { value: c.before_count, suppressed: false }, after: { value: c.after_count, suppressed: false } }
      : (() => {
          const [before, after] = suppressList([{ key: 'before', count: c.before_count }, { key: 'after', count: c.after_count }], this.settings.suppressionThreshold).cells;
          return { before: { value: before.count.value, suppressed: before.count.suppressed }, after: { value: after.count.value, suppressed: after.count.suppressed } };
        })();
    return {
      outcome: c.outcome,
      pValue: shown.before.suppressed || shown.after.suppressed ? null : c.p_value,
      alpha: c.alpha,
      themeId: c.theme_id,
      countedThemeId: c.counted_theme_id,
      weeks: c.weeks,
      beforeFrom: c.before_from,
      beforeTo: c.before_to,
      beforeCount: shown.before,
      afterFrom: c.after_from,
      afterTo: c.after_to,
      afterCount: shown.after,
      checkedAt: c.checked_at,
    };
  }
}

function contentView(content: ReportContent): Omit<ReportContentView, 'frozen' | 'quotes'> {
  return {
    threshold: content.threshold,
    from: content.from,
    to: content.to,
    previousFrom: content.previousFrom,
    previousTo: content.previousTo,
    themes: content.themes.map((t) => ({ themeId: t.themeId, name: t.name, count: count(t.count), previousCount: count(t.previousCount), trend: t.trend })),
    impacts: content.impacts.map((i) => ({ key: i.key, label: i.label, count: count(i.count) })),
    brightSpots: content.brightSpots.map((b) => ({ key: b.key, label: b.label, count: count(b.count) })),
    brightSpotsTotal: count(content.brightSpotsTotal),
    whatMightHelp: content.whatMightHelp,
  };
}
