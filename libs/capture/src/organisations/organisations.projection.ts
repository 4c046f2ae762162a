import type { RecordedEvent } from '#libs/kernel';
import type { SqlExecutor } from '#libs/database';
import type { Projection, ProjectionContext } from '#libs/projections';
import { ORGANISATION_EVENT_TYPES, type OrganisationEvent } from './organisation.events.js';

/**
 * Every organisation record as a node of the hierarchy, read through `organisations_nodes`.
 *
 * `ancestors` runs from the root to the node itself, so "this organisation and everything
 * below it" is `ancestors @> ARRAY[id]`; when a node moves, the whole subtree is re-rooted.
 *
 * A merged record keeps its row as an alias: `merged_into` names the survivor (always the final
 * one: when a survivor is merged in turn, its aliases follow), its live children move under the
 * survivor, and its ancestors place it (and its own aliases) below the survivor, so descendant
 * queries on the survivor include every record that now stands for it.
 */
export const organisationsProjection: Projection = {
  name: 'organisations',
  version: 1,
  tables: ['nodes'],
  eventTypes: ORGANISATION_EVENT_TYPES,

  async setup({ tx, table }: ProjectionContext) {
    await tx.query(`CREATE TABLE ${table('nodes')} (
      organisation_id  uuid PRIMARY KEY,
      name             text NOT NULL,
      kind             text NOT NULL,
      area_id          uuid NOT NULL,
      parent_id        uuid,
      ods_code         text,
      merged_into      uuid,
      ancestors        uuid[] NOT NULL
    )`);
    await tx.query(`CREATE INDEX ON ${table('nodes')} USING gin (ancestors)`);
    await tx.query(`CREATE INDEX ON ${table('nodes')} (parent_id)`);
    await tx.query(`CREATE INDEX ON ${table('nodes')} (merged_into)`);
    await tx.query(`CREATE INDEX ON ${table('nodes')} (lower(name), organisation_id)`);
  },

  async apply(events: readonly RecordedEvent[], { tx, table }: ProjectionContext) {
    const t = table('nodes');
    for (const recorded of events) {
      const event = recorded as unknown as OrganisationEvent;
      switch (event.type) {
        case 'organisation.registered': {
          const d = event.data;
          await tx.query(
            `INSERT INTO ${t} (organisation_id, name, kind, area_id, parent_id, ods_code, ancestors)
             VALUES ($1, $2, $3, $4, $5, $6,
                     coalesce((SELECT ancestors FROM ${t} WHERE organisation_id = $5), '{}'::uuid[]) || $1::uuid)
             ON CONFLICT (organisation_id) DO NOTHING`,
            [d.organisationId, d.name, d.kind, d.areaId, d.parentId, d.odsCode],
          );
          break;
        }
        case 'organisation.renamed':
          await tx.query(`UPDATE ${t} SET name = $2 WHERE organisation_id = $1`, [event.data.organisationId, event.data.name]);
          break;
        case 'organisation.moved':
          await tx.query(`UPDATE ${t} SET parent_id = $2 WHERE organisation_id = $1`, [event.data.organisationId, event.data.toParentId]);
          await reroot(tx, t, event.data.organisationId, event.data.toParentId);
          break;
        case 'organisation.merged': {
          const { organisationId: merged, intoOrganisationId: survivor } = event.data;
          await tx.query(`UPDATE ${t} SET merged_into = $2 WHERE merged_into = $1 OR organisation_id = $1`, [merged, survivor]);
          const { rows: children } = await tx.query<{ organisation_id: string }>(
            `SELECT organisation_id FROM ${t} WHERE parent_id = $1 AND merged_into IS NULL ORDER BY organisation_id`,
            [merged],
          );
          for (const child of children) {
            await tx.query(`UPDATE ${t} SET parent_id = $2 WHERE organisation_id = $1`, [child.organisation_id, survivor]);
            await reroot(tx, t, child.organisation_id, survivor);
          }
          // The alias (and the aliases it already had) now sits below the survivor.
          await reroot(tx, t, merged, survivor);
          break;
        }
      }
    }
  },
};

/** Places `nodeId` and its whole subtree below `parentId` (or at the top when null). */
async function reroot(tx: SqlExecutor, t: string, nodeId: string, parentId: string | null): Promise<void> {
  await tx.query(
    `UPDATE ${t}
        SET ancestors = coalesce((SELECT p.ancestors FROM ${t} p WHERE p.organisation_id = $2), '{}'::uuid[])
                        || ancestors[array_position(ancestors, $1::uuid):]
      WHERE ancestors @> ARRAY[$1::uuid]`,
    [nodeId, parentId],
  );
}
