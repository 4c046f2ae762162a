import { isUuid } from '#libs/kernel';
import type { SqlExecutor } from '#libs/database';

/**
 * Read models that count by organisation follow `organisation.merged`: a duplicate record folds
 * into its survivor, and counts made against it count for the survivor. Each such read model
 * keeps its own merges table (`merged_id uuid PRIMARY KEY, into_id uuid NOT NULL`); these are
 * the two pieces of SQL every one of them needs.
 */
export const ORGANISATION_MERGES_COLUMNS = `merged_id uuid PRIMARY KEY, into_id uuid NOT NULL`;

/** SQL for the organisation an id (a parameter such as `$4`) counts as now: its survivor when it was merged. */
export function survivorSql(mergesTable: string, param: string): string {
  return `coalesce((SELECT into_id FROM ${mergesTable} WHERE merged_id = ${param}::uuid), ${param}::uuid)`;
}

/**
 * Records that `merged` was folded into `into`, resolving the survivor once so that chains (a
 * into b, then b into c) always point at the last one. Returns false for a merge that names no
 * real pair, which the read model then ignores.
 */
export async function recordOrganisationMerge(tx: SqlExecutor, mergesTable: string, merged: string, into: string): Promise<boolean> {
  if (!isUuid(merged) || !isUuid(into) || merged === into) return false;
  await tx.query(
    `INSERT INTO ${mergesTable} (merged_id, into_id) VALUES ($1, ${survivorSql(mergesTable, '$2')})
     ON CONFLICT (merged_id) DO UPDATE SET into_id = excluded.into_id`,
    [merged, into],
  );
  await tx.query(`UPDATE ${mergesTable} SET into_id = ${survivorSql(mergesTable, '$2')} WHERE into_id = $1`, [merged, into]);
  return true;
}
