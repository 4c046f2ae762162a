import { Inject, Injectable } from '@nestjs/common';
import type { SqlDatabase } from '#libs/database';
import { READ_MODELS } from '#libs/projections';
import type { CategoryView } from './taxonomy.graphql.js';

/** Reads the observation categories in display order. */
@Injectable()
export class TaxonomyQueries {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDatabase) {}

  async categories(includeRetired = false): Promise<CategoryView[]> {
    const { rows } = await this.db.query<{ category_id: string; name: string; polarity: string; retired: boolean; position: number }>(
      `SELECT category_id, name, polarity, retired, position FROM taxonomy_categories
        WHERE $1::boolean OR NOT retired ORDER BY position, category_id`,
      [includeRetired],
    );
    return rows.map((r) => ({ id: r.category_id, name: r.name, polarity: r.polarity, retired: r.retired, position: Number(r.position) }));
  }
}
