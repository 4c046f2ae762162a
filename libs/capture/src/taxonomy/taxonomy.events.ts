import type { Polarity } from '../shared/directory.js';

/**
 * The categories coaches file observations under, each a barrier (a service not working) or a
 * bright spot (what worked). All of them live in one stream, so names stay unique and the
 * display order is the order they were added. Category ids are stable lower snake slugs:
 * renaming keeps the id, retiring keeps the category for what was filed under it.
 */
export type CategoryEvent =
  | { type: 'category.added'; data: { categoryId: string; name: string; polarity: Polarity } }
  | { type: 'category.renamed'; data: { categoryId: string; name: string } }
  | { type: 'category.retired'; data: { categoryId: string } };

export const CATEGORY_EVENT_TYPES = ['category.added', 'category.renamed', 'category.retired'] as const;

export const TAXONOMY_STREAM = 'taxonomy-categories';

/** Lower snake case, starting with a letter: `eligibility_criteria`. */
export const CATEGORY_ID = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
export const CATEGORY_ID_MAX = 60;
export const CATEGORY_NAME_MAX = 100;

/** A category id made from a name: "Waiting times" gives `waiting_times`. Empty when nothing is left. */
export function categorySlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, CATEGORY_ID_MAX)
    .replace(/_+$/, '');
}
