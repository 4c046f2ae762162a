import type { RecordedEvent } from '#libs/kernel';
import type { Projection, ProjectionContext } from '#libs/projections';
import { CATEGORY_EVENT_TYPES, type CategoryEvent } from './taxonomy.events.js';

/**
 * The observation categories as they stand, in the order they were added (`position`), read
 * through `taxonomy_categories`. Retired ones stay, flagged, for what was filed under them.
 */
export const taxonomyProjection: Projection = {
  name: 'taxonomy',
  version: 1,
  tables: ['categories'],
  eventTypes: CATEGORY_EVENT_TYPES,

  async setup({ tx, table }: ProjectionContext) {
    await tx.query(`CREATE TABLE ${table('categories')} (
      category_id  text PRIMARY KEY,
      name         text NOT NULL,
      polarity     text NOT NULL,
      retired      boolean NOT NULL DEFAULT false,
      position     integer NOT NULL
    )`);
  },

  async apply(events: readonly RecordedEvent[], { tx, table }: ProjectionContext) {
    const t = table('categories');
    for (const recorded of events) {
      const event = recorded as unknown as CategoryEvent;
      switch (event.type) {
        case 'category.added':
          await tx.query(
            `INSERT INTO ${t} (category_id, name, polarity, position)
             VALUES ($1, $2, $3, (SELECT coalesce(max(position), 0) + 1 FROM ${t}))
             ON CONFLICT (category_id) DO NOTHING`,
            [event.data.categoryId, event.data.name, event.data.polarity],
          );
          break;
        case 'category.renamed':
          await tx.query(`UPDATE ${t} SET name = $2 WHERE category_id = $1`, [event.data.categoryId, event.data.name]);
          break;
        case 'category.retired':
          await tx.query(`UPDATE ${t} SET retired = true WHERE category_id = $1`, [event.data.categoryId]);
          break;
      }
    }
  },
};
