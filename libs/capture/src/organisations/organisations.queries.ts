import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '#libs/kernel';
import type { SqlDatabase } from '#libs/database';
import { READ_MODELS } from '#libs/projections';
import { ORGANISATION_KINDS } from '../shared/directory.js';
import { Check } from '../shared/validation.js';
import type { OrganisationConnection, OrganisationsArgs, OrganisationTreeNode, OrganisationView } from './organisations.graphql.js';

interface NodeRow {
  organisation_id: string;
  name: string;
  kind: string;
  area_id: string;
  parent_id: string | null;
  ods_code: string | null;
  merged_into: string | null;
  ancestors: string[];
  sort_name: string;
}

const COLUMNS = 'organisation_id, name, kind, area_id, parent_id, ods_code, merged_into, ancestors, lower(name) AS sort_name';
const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;

function view(row: NodeRow): OrganisationView {
  return {
    id: row.organisation_id,
    name: row.name,
    kind: row.kind,
    areaId: row.area_id,
    parentId: row.parent_id,
    odsCode: row.ods_code,
    mergedInto: row.merged_into,
    path: row.ancestors,
  };
}

/** A page position: the lower-cased name and the id of the last organisation on the page. */
function encodeCursor(row: NodeRow): string {
  return Buffer.from(JSON.stringify([row.sort_name, row.organisation_id]), 'utf8').toString('base64url');
}

function decodeCursor(check: Check, cursor: string): [string, string] | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      check.id('after', value[1]);
      return [value[0], value[1]];
    }
  } catch {
    // reported below
  }
  check.problem('after', 'must be an endCursor from an earlier page');
  return undefined;
}

/** `LIKE` pattern for a plain substring: %, _ and \ match only themselves. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Reads the organisations read model: search with paging, the hierarchy, one record. */
@Injectable()
export class OrganisationQueries {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDatabase) {}

  async organisations(args: OrganisationsArgs): Promise<OrganisationConnection> {
    const check = new Check();
    const search = check.text('search', args.search, { max: 200, optional: true });
    const areaId = check.id('areaId', args.areaId, true);
    const kind = check.oneOf('kind', args.kind, ORGANISATION_KINDS, true);
    const first = check.int('first', args.first, { min: 1, max: MAX_PAGE, optional: true }) ?? DEFAULT_PAGE;
    const after = args.after ? decodeCursor(check, args.after) : undefined;
    check.done();

    const filters = [
      'merged_into IS NULL',
      '($1::text IS NULL OR lower(name) LIKE lower($1::text))',
      '($2::uuid IS NULL OR area_id = $2::uuid)',
      '($3::text IS NULL OR kind = $3::text)',
    ].join(' AND ');
    const params = [search ? containing(search) : null, areaId ?? null, kind ?? null];
    const { rows } = await this.db.query<NodeRow>(
      `SELECT ${COLUMNS} FROM organisations_nodes
        WHERE ${filters} AND ($4::text IS NULL OR (lower(name), organisation_id) > ($4::text, $5::uuid))
        ORDER BY lower(name), organisation_id
        LIMIT $6`,
      [...params, after?.[0] ?? null, after?.[1] ?? null, first + 1],
    );
    const { rows: count } = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM organisations_nodes WHERE ${filters}`, params);
    const page = rows.slice(0, first);
    return {
      edges: page.map((row) => ({ cursor: encodeCursor(row), node: view(row) })),
      pageInfo: { hasNextPage: rows.length > first, endCursor: page.length > 0 ? encodeCursor(page[page.length - 1]) : null },
      totalCount: Number(count[0]?.n ?? 0),
    };
  }

  /** One record, merged or not: a merged one names its survivor in `mergedInto`. */
  async organisation(id: string): Promise<OrganisationView> {
    const check = new Check();
    check.id('id', id);
    check.done();
    const { rows } = await this.db.query<NodeRow>(`SELECT ${COLUMNS} FROM organisations_nodes WHERE organisation_id = $1`, [id]);
    if (!rows[0]) throw new NotFoundError('No organisation with this id is registered.');
    return view(rows[0]);
  }

  /**
   * The hierarchy, by name at every level: below one organisation (its survivor, when it was
   * merged), or every organisation from the top. Merged records are left out.
   */
  async tree(rootId?: string | null): Promise<OrganisationTreeNode[]> {
    let root: string | null = null;
    if (rootId) {
      const check = new Check();
      check.id('rootId', rootId);
      check.done();
      const { rows } = await this.db.query<{ id: string }>(
        'SELECT coalesce(merged_into, organisation_id) AS id FROM organisations_nodes WHERE organisation_id = $1',
        [rootId],
      );
      if (!rows[0]) throw new NotFoundError('No organisation with this id is registered.');
      root = rows[0].id;
    }
    const { rows } = await this.db.query<NodeRow>(
      `SELECT ${COLUMNS} FROM organisations_nodes
        WHERE merged_into IS NULL AND ($1::uuid IS NULL OR ancestors @> ARRAY[$1::uuid])
        ORDER BY lower(name), organisation_id`,
      [root],
    );
    const nodes = new Map<string, OrganisationTreeNode>();
    for (const row of rows) {
      nodes.set(row.organisation_id, { id: row.organisation_id, name: row.name, kind: row.kind, areaId: row.area_id, odsCode: row.ods_code, children: [] });
    }
    const tops: OrganisationTreeNode[] = [];
    for (const row of rows) {
      const node = nodes.get(row.organisation_id)!;
      const parent = row.organisation_id === root || !row.parent_id ? undefined : nodes.get(row.parent_id);
      if (parent) parent.children.push(node);
      else tops.push(node);
    }
    return tops;
  }
}
