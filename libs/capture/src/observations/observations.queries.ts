import { Inject, Injectable } from '@nestjs/common';
import { isUuid, NotFoundError, type PersonalDataVault, type Sealed } from '#libs/kernel';
import type { SqlDatabase } from '#libs/database';
import { READ_MODELS } from '#libs/projections';
import { DIRECTORY, type Directory } from '../shared/directory.js';
import { PERSONAL_DATA_VAULT } from '../shared/tokens.js';
import { Check } from '../shared/validation.js';
import { matchesAllTerms, searchTerms } from './observation-search.js';
import { OBSERVATION_KINDS, type ObservationKind } from './observation.events.js';
import { type ObservationChangeView, type ObservationConnection, type ObservationView, QUOTE_APPROVAL_FILTERS } from './observations.graphql.js';

export interface ObservationFilterInput {
  organisationId?: string | null;
  unmatched?: boolean | null;
  areaId?: string | null;
  categoryId?: string | null;
  kind?: string | null;
  from?: string | null;
  to?: string | null;
  search?: string | null;
  includeRetracted?: boolean | null;
  quoteApproval?: string | null;
}

interface RecordRow {
  observation_id: string;
  revision: number;
  kind: string;
  organisation_id: string | null;
  named_organisation_id: string | null;
  unmatched_name: string | null;
  area_id: string;
  category_id: string;
  occurred_on: string;
  severity: number;
  impact_tags: string[];
  status: string;
  person_id: string | null;
  interaction_id: string | null;
  what_happened: Sealed;
  impact: Sealed;
  /** Only when the person's current consent allows it to be shown. */
  quote: Sealed | null;
  /** The approved, redacted quote: only while the person's consent allows and the approval stands. */
  approved_quote: Sealed | null;
  retraction_reason: Sealed | null;
  recorded_by: string;
  recorded_key: string;
  changed_key: string;
}

/** A row with its words opened. */
interface Opened {
  row: RecordRow;
  texts: { whatHappened: string | null; impact: string | null; quote: string | null; approvedQuote: string | null; retractionReason: string | null };
}

const TIMESTAMP = (column: string, as: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ${as}`;

const COLUMNS = `observation_id, revision, kind, organisation_id, named_organisation_id, unmatched_name, area_id, category_id,
  to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, severity, impact_tags, status, person_id, interaction_id, what_happened, impact,
  CASE WHEN quote_shareable THEN quote END AS quote, CASE WHEN quote_shareable THEN approved_quote END AS approved_quote, retraction_reason, recorded_by,
  ${TIMESTAMP('recorded_at', 'recorded_key')}, ${TIMESTAMP('changed_at', 'changed_key')}`;

/** Newest first: by the date it happened, then when it was recorded; the id settles ties. */
const ORDER = 'ORDER BY occurred_on DESC, recorded_at DESC, observation_id DESC';

type Key = [occurredOn: string, recordedKey: string, id: string];

const keyOf = (row: RecordRow): Key => [row.occurred_on, row.recorded_key, row.observation_id];

/** A cursor is the sort key of the last row seen, so pages stay stable while rows are added or corrected. */
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
      isUuid(String(key[2]))
    ) {
      return [key[0], key[1], String(key[2]).toLowerCase()] as Key;
    }
  } catch {
    // falls through: not a cursor this API made
  }
  return undefined;
}

/** Whether `a` comes after `b` in newest-first order. */
function isAfterKey(a: Key, b: Key): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

/**
 * Reads the observations read model for internal users (coaches and system influencers). Words
 * are opened here, on the way out; quotes appear only while the person's consent allows, and
 * words come back null once a person has been forgotten.
 *
 * Search opens the candidates the other filters leave and matches them in memory (see
 * observations.projection.ts for why there is no plain-text index): the cost grows with the
 * candidates, so filters narrow first.
 */
@Injectable()
export class ObservationsQueries {
  constructor(
    @Inject(READ_MODELS) private readonly db: SqlDatabase,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async list(filter: ObservationFilterInput | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<ObservationConnection> {
    const f = filter ?? {};
    const check = new Check();
    const size = check.int('first', first ?? DEFAULT_PAGE, { min: 1, max: MAX_PAGE });
    const organisationId = f.organisationId ? check.id('filter.organisationId', f.organisationId) : undefined;
    const areaId = f.areaId ? check.id('filter.areaId', f.areaId) : undefined;
    const categoryId = f.categoryId ? check.text('filter.categoryId', f.categoryId, { max: 64 }) : undefined;
    const kind = f.kind ? check.oneOf<ObservationKind>('filter.kind', f.kind, OBSERVATION_KINDS) : undefined;
    const from = f.from ? check.date('filter.from', f.from, { allowFuture: true }) : undefined;
    const to = f.to ? check.date('filter.to', f.to, { allowFuture: true }) : undefined;
    if (from && to && from > to) check.problem('filter.to', 'cannot be before filter.from');
    const search = check.text('filter.search', f.search, { max: 200, optional: true });
    const quoteApproval = f.quoteApproval ? check.oneOf('filter.quoteApproval', f.quoteApproval, QUOTE_APPROVAL_FILTERS) : undefined;
    const cursor = after ? decodeCursor(after) : undefined;
    if (after && !cursor) check.problem('after', 'is not a cursor from this list');
    check.done();

    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (!f.includeRetracted) where.push(`status <> 'retracted'`);
    if (organisationId) {
      const ids = new Set([organisationId, ...(await this.directory.organisationAndDescendants(organisationId))]);
      where.push(`organisation_id = ANY(${param([...ids])}::uuid[])`);
    }
    if (quoteApproval) where.push(`quote_shareable AND approved_quote IS ${quoteApproval === 'approved' ? 'NOT ' : ''}NULL`);
    if (f.unmatched === true) where.push('organisation_id IS NULL');
    if (f.unmatched === false) where.push('organisation_id IS NOT NULL');
    if (areaId) where.push(`area_id = ${param(areaId)}::uuid`);
    if (categoryId) where.push(`category_id = ${param(categoryId)}`);
    if (kind) where.push(`kind = ${param(kind)}`);
    if (from) where.push(`occurred_on >= ${param(from)}::date`);
    if (to) where.push(`occurred_on <= ${param(to)}::date`);
    const terms = searchTerms(search);

    let total: number;
    let page: Opened[];
    if (terms.length > 0) {
      // Open every candidate: what is left after the other filters, newest first.
      const { rows } = await this.db.query<RecordRow>(`SELECT ${COLUMNS} FROM observations_records ${clause(where)} ${ORDER}`, params);
      const matched = (await this.open(rows)).filter((o) =>
        matchesAllTerms(terms, [o.texts.whatHappened, o.texts.impact, o.texts.quote, o.row.unmatched_name]),
      );
      total = matched.length;
      page = (cursor ? matched.filter((o) => isAfterKey(keyOf(o.row), cursor)) : matched).slice(0, size + 1);
    } else {
      const counted = await this.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM observations_records ${clause(where)}`, params);
      total = Number(counted.rows[0].n);
      if (cursor) {
        where.push(`(occurred_on, recorded_at, observation_id) < (${param(cursor[0])}::date, ${param(cursor[1])}::timestamptz, ${param(cursor[2])}::uuid)`);
      }
      const { rows } = await this.db.query<RecordRow>(
        `SELECT ${COLUMNS} FROM observations_records ${clause(where)} ${ORDER} LIMIT ${param(size + 1)}`,
        params,
      );
      page = await this.open(rows);
    }

    const hasNextPage = page.length > size;
    const edges = page.slice(0, size).map((o) => ({ cursor: encodeCursor(keyOf(o.row)), node: view(o) }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null }, totalCount: total };
  }

  async one(id: string): Promise<ObservationView> {
    const check = new Check();
    check.id('id', id);
    check.done();
    const { rows } = await this.db.query<RecordRow>(`SELECT ${COLUMNS} FROM observations_records WHERE observation_id = $1`, [id]);
    if (!rows[0]) throw new NotFoundError('No observation with this id.');
    return view((await this.open(rows))[0]);
  }

  /** Every change to one observation, oldest first, with the reasons given opened. */
  async history(id: string): Promise<ObservationChangeView[]> {
    const { rows } = await this.db.query<{ revision: number; change: string; fields: string[]; reason: Sealed | null; actor: string; at: string }>(
      `SELECT revision, change, fields, reason, actor, ${TIMESTAMP('at', 'at')}
         FROM observations_history WHERE observation_id = $1 ORDER BY revision`,
      [id],
    );
    const reasons = await this.vault.openMany(rows.map((r) => r.reason));
    return rows.map((r, i) => ({
      revision: r.revision,
      change: r.change,
      fields: r.fields,
      reason: reasons[i],
      by: r.actor,
      at: new Date(r.at).toISOString(),
    }));
  }

  private async open(rows: readonly RecordRow[]): Promise<Opened[]> {
    const opened = await this.vault.openMany(rows.flatMap((r) => [r.what_happened, r.impact, r.quote, r.approved_quote, r.retraction_reason]));
    return rows.map((row, i) => ({
      row,
      texts: {
        whatHappened: opened[i * 5],
        impact: opened[i * 5 + 1],
        quote: opened[i * 5 + 2],
        approvedQuote: opened[i * 5 + 3],
        retractionReason: opened[i * 5 + 4],
      },
    }));
  }
}

function clause(where: readonly string[]): string {
  return where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
}

function view({ row, texts }: Opened): ObservationView {
  return {
    id: row.observation_id,
    kind: row.kind,
    status: row.status,
    organisationId: row.organisation_id,
    namedOrganisationId: row.named_organisation_id,
    unmatchedOrganisationName: row.unmatched_name,
    areaId: row.area_id,
    categoryId: row.category_id,
    whatHappened: texts.whatHappened,
    impact: texts.impact,
    impactTags: row.impact_tags,
    quote: texts.quote,
    approvedQuote: texts.approvedQuote,
    severity: row.severity,
    occurredOn: row.occurred_on,
    personId: row.person_id,
    interactionId: row.interaction_id,
    recordedBy: row.recorded_by,
    recordedAt: new Date(row.recorded_key).toISOString(),
    changedAt: new Date(row.changed_key).toISOString(),
    revision: row.revision,
    retractionReason: texts.retractionReason,
  };
}
