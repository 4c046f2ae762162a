import { Inject, Injectable } from '@nestjs/common';
import type { SqlDatabase } from '#libs/database';
import { READ_MODELS } from '#libs/projections';
import { Check } from '#libs/capture';
import { TIMESTAMP_KEY } from '../shared/as-of.js';
import type { LoopEvent } from './loop.events.js';
import type {
  LearningAgreedActionView,
  LearningTimelineConnection,
  LearningTimelineEntryView,
  LearningReflectionView,
  LearningReportView,
  LearningThemeView,
} from './timeline.graphql.js';
import type { ReflectionDetail, TimelineKind } from './timeline.projection.js';

export interface LearningTimelineArgs {
  from?: string | null;
  to?: string | null;
  asOf?: Date | string | null;
  first?: number | null;
  after?: string | null;
  /** Also the reflections withdrawn by `asOf`, with their withdrawal. */
  includeWithdrawn?: boolean | null;
}

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

const VIEW = 'learning_timeline_entries';

interface EntryRow {
  entry_id: string;
  version: number;
  kind: TimelineKind;
  happened_on: string;
  recorded_key: string;
  valid_from_key: string;
  detail: unknown;
  recorded_by: string;
  withdrawn: boolean;
  changed_by: string;
  /** For a withdrawn reflection: when the version before its withdrawal was made, if that was a revision. */
  revised_before_key: string | null;
}

type Data<T extends LoopEvent['type']> = Extract<LoopEvent, { type: T }>['data'];

type Key = [happenedOn: string, recordedKey: string, entryId: string];

const ENTRY_ID = /^[A-Za-z0-9][A-Za-z0-9_:.@-]{0,250}$/;

/** A cursor is the sort key of the last entry seen, so pages stay stable while entries are added. */
export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): Key | undefined {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(key) &&
      key.length === 3 &&
      /^\d{4}-\d{2}-\d{2}$/.test(String(key[0])) &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(String(key[1])) &&
      ENTRY_ID.test(String(key[2]))
    ) {
      return [String(key[0]), String(key[1]), String(key[2])];
    }
  } catch {
    // falls through: not a cursor this API made
  }
  return undefined;
}

/**
 * Reads the learning timeline as it stood at a moment: reflections (as revised by then, and not
 * withdrawn by then, unless withdrawn ones are asked for) interleaved with the loop's key events
 * recorded by then, newest first. The themes and reports entries name are shown with the name or
 * title they had been given by then.
 */
@Injectable()
export class LearningTimelineQueries {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDatabase) {}

  async list(args: LearningTimelineArgs, now: Date = new Date()): Promise<LearningTimelineConnection> {
    const check = new Check(now);
    const size = check.int('first', args.first ?? DEFAULT_PAGE, { min: 1, max: MAX_PAGE });
    const from = args.from ? check.date('from', args.from, { allowFuture: true }) : undefined;
    const to = args.to ? check.date('to', args.to, { allowFuture: true }) : undefined;
    if (from && to && from > to) check.problem('to', 'cannot be before from');
    const asOf = check.asOf(args.asOf);
    const cursor = args.after ? decodeCursor(args.after) : undefined;
    if (args.after && !cursor) check.problem('after', 'is not a cursor from this timeline');
    check.done();

    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const moment = param(asOf.toISOString());
    const where = [`valid_from <= ${moment}::timestamptz`, `(valid_to IS NULL OR valid_to > ${moment}::timestamptz)`];
    if (!args.includeWithdrawn) where.push('NOT withdrawn');
    if (from) where.push(`happened_on >= ${param(from)}::date`);
    if (to) where.push(`happened_on <= ${param(to)}::date`);

    const counted = await this.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${VIEW} WHERE ${where.join(' AND ')}`, params);
    if (cursor) {
      where.push(
        `(happened_on, first_recorded_at, entry_id) < (${param(cursor[0])}::date, ${param(cursor[1])}::timestamptz, ${param(cursor[2])}::text COLLATE "C")`,
      );
    }
    // A withdrawn version's own moment is its withdrawal: when it was last revised is the version before's.
    const { rows } = await this.db.query<EntryRow>(
      `SELECT entry_id, version, kind, to_char(happened_on, 'YYYY-MM-DD') AS happened_on, ${TIMESTAMP_KEY('first_recorded_at', 'recorded_key')},
              ${TIMESTAMP_KEY('valid_from', 'valid_from_key')}, detail, recorded_by, withdrawn, changed_by,
              CASE WHEN withdrawn THEN (
                SELECT CASE WHEN p.version > 0 THEN to_char(p.valid_from AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') END
                  FROM ${VIEW} p WHERE p.entry_id = e.entry_id AND p.version < e.version ORDER BY p.version DESC LIMIT 1
              ) END AS revised_before_key
         FROM ${VIEW} e WHERE ${where.join(' AND ')}
        ORDER BY happened_on DESC, first_recorded_at DESC, entry_id DESC LIMIT ${param(size + 1)}`,
      params,
    );

    const page = rows.slice(0, size);
    const names = await this.namesAsOf(page, asOf);
    const edges = page.map((row) => ({ cursor: encodeCursor([row.happened_on, row.recorded_key, row.entry_id]), node: entryView(row, names) }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > size, endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null },
      totalCount: Number(counted.rows[0].n),
      asOf,
    };
  }

  /** The themes' names, reports' titles and actions' agreements the page refers to, as they were known at `asOf`. */
  private async namesAsOf(rows: readonly EntryRow[], asOf: Date): Promise<Names> {
    const themeIds = new Set<string>();
    const reportIds = new Set<string>();
    const actionIds = new Set<string>();
    for (const row of rows) {
      const d = row.detail as Partial<ReflectionDetail & Data<'report.change_checked'>>;
      if (row.kind === 'reflection') {
        d.themeIds?.forEach((id) => themeIds.add(id));
        d.reportIds?.forEach((id) => reportIds.add(id));
      }
      if (d.themeId) themeIds.add(d.themeId);
      if (d.reportId) reportIds.add(d.reportId);
      if (row.kind === 'change_checked' && d.actionId) actionIds.add(d.actionId);
    }
    const latest = async <T>(kind: TimelineKind, key: string, ids: Set<string>): Promise<Map<string, T>> => {
      if (ids.size === 0) return new Map();
      const { rows: found } = await this.db.query<{ id: string; detail: T }>(
        `SELECT DISTINCT ON (detail->>'${key}') detail->>'${key}' AS id, detail FROM ${VIEW}
          WHERE kind = $1 AND detail->>'${key}' = ANY($2::text[]) AND valid_from <= $3::timestamptz
          ORDER BY detail->>'${key}', valid_from DESC`,
        [kind, [...ids], asOf.toISOString()],
      );
      return new Map(found.map((r) => [r.id, r.detail]));
    };
    const themes = new Map<string, string>();
    if (themeIds.size > 0) {
      const { rows: found } = await this.db.query<{ theme_id: string; name: string }>(
        `SELECT DISTINCT ON (theme_id) theme_id, name FROM learning_timeline_theme_names
          WHERE theme_id = ANY($1::text[]) AND recorded_at <= $2::timestamptz
          ORDER BY theme_id, recorded_at DESC, revision DESC`,
        [[...themeIds], asOf.toISOString()],
      );
      for (const r of found) themes.set(r.theme_id, r.name);
    }
    return {
      themes,
      reports: await latest<Data<'report.shared'>>('report_shared', 'reportId', reportIds),
      actions: await latest<Data<'report.action_agreed'>>('action_agreed', 'actionId', actionIds),
    };
  }
}

interface Names {
  /** Each theme's name as of the moment asked about. */
  themes: Map<string, string>;
  reports: Map<string, Data<'report.shared'>>;
  actions: Map<string, Data<'report.action_agreed'>>;
}

function themeView(id: string, names: Names): LearningThemeView {
  return { id, name: names.themes.get(id) ?? null };
}

function reportView(id: string, names: Names): LearningReportView {
  const shared = names.reports.get(id);
  return { id, title: shared?.title ?? null, organisationId: shared?.organisationId ?? null, areaIds: [...(shared?.areaIds ?? [])] };
}

function actionView(id: string, agreed: Data<'report.action_agreed'> | undefined): LearningAgreedActionView {
  return { id, what: agreed?.what ?? null, owner: agreed?.owner ?? null, dueOn: agreed?.dueOn ?? null };
}

function reflectionView(row: EntryRow, names: Names): LearningReflectionView {
  const d = row.detail as ReflectionDetail;
  return {
    id: row.entry_id,
    revision: row.version,
    learningQuestion: d.learningQuestion,
    whatHappened: d.whatHappened,
    insight: d.insight,
    decision: d.decision ?? null,
    experiment: d.experiment ?? null,
    themes: d.themeIds.map((id) => themeView(id, names)),
    reports: d.reportIds.map((id) => reportView(id, names)),
    occurredOn: d.occurredOn,
    recordedBy: row.recorded_by,
    revisedAt: row.withdrawn ? row.revised_before_key : row.version > 0 ? row.valid_from_key : null,
    // Kept with the version its revision made (and so with a withdrawn one made from it).
    revisionReason: d.revisionReason ?? null,
    withdrawal: row.withdrawn ? { reason: d.withdrawalReason ?? '', withdrawnAt: row.valid_from_key, withdrawnBy: row.changed_by } : null,
  };
}

function entryView(row: EntryRow, names: Names): LearningTimelineEntryView {
  const base = { id: row.entry_id, kind: row.kind, on: row.happened_on, recordedAt: row.recorded_key };
  switch (row.kind) {
    case 'reflection':
      return { ...base, reflection: reflectionView(row, names) };
    case 'theme_confirmed': {
      const d = row.detail as Data<'theme.confirmed'>;
      // The name it was confirmed with, which is what this entry is about.
      return { ...base, theme: { id: d.themeId, name: d.name } };
    }
    case 'theme_status_changed': {
      const d = row.detail as Data<'theme.status_changed'>;
      return { ...base, theme: themeView(d.themeId, names), themeStatusChange: { from: d.from, to: d.to, note: d.note ?? null } };
    }
    case 'report_shared': {
      const d = row.detail as Data<'report.shared'>;
      return { ...base, report: { id: d.reportId, title: d.title, organisationId: d.organisationId ?? null, areaIds: [...(d.areaIds ?? [])] } };
    }
    case 'action_agreed': {
      const d = row.detail as Data<'report.action_agreed'>;
      return { ...base, report: reportView(d.reportId, names), action: actionView(d.actionId, d) };
    }
    case 'change_checked': {
      const d = row.detail as Data<'report.change_checked'>;
      return {
        ...base,
        report: reportView(d.reportId, names),
        theme: themeView(d.themeId, names),
        action: actionView(d.actionId, names.actions.get(d.actionId)),
        changeCheck: { outcome: d.outcome, pValue: d.pValue ?? null },
      };
    }
  }
}
