import { ConflictError, type Decider, NotFoundError } from '#libs/kernel';
import type { Polarity } from '../shared/directory.js';
import type { CategoryEvent } from './taxonomy.events.js';

export interface CategoryDraft {
  readonly categoryId: string;
  readonly name: string;
  readonly polarity: Polarity;
}

export type TaxonomyCommand =
  | ({ kind: 'add' } & CategoryDraft)
  | { kind: 'rename'; categoryId: string; name: string }
  | { kind: 'retire'; categoryId: string }
  /** Adds those of the defaults whose id and name are both still free; the rest are left alone. */
  | { kind: 'seed_defaults'; categories: readonly CategoryDraft[] };

export interface CategoryState {
  readonly name: string;
  readonly polarity: Polarity;
  readonly retired: boolean;
}

export interface TaxonomyState {
  readonly categories: ReadonlyMap<string, CategoryState>;
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The category (other than `except`) in use that already has this name, if any. */
function nameTaken(state: TaxonomyState, name: string, except?: string): boolean {
  for (const [id, category] of state.categories) {
    if (id !== except && !category.retired && sameName(category.name, name)) return true;
  }
  return false;
}

export const taxonomyDecider: Decider<TaxonomyCommand, CategoryEvent, TaxonomyState> = {
  initialState: { categories: new Map() },

  evolve(state, event) {
    const categories = new Map(state.categories);
    switch (event.type) {
      case 'category.added':
        categories.set(event.data.categoryId, { name: event.data.name, polarity: event.data.polarity, retired: false });
        break;
      case 'category.renamed': {
        const current = categories.get(event.data.categoryId);
        if (current) categories.set(event.data.categoryId, { ...current, name: event.data.name });
        break;
      }
      case 'category.retired': {
        const current = categories.get(event.data.categoryId);
        if (current) categories.set(event.data.categoryId, { ...current, retired: true });
        break;
      }
    }
    return { categories };
  },

  decide(command, state) {
    switch (command.kind) {
      case 'add': {
        const existing = state.categories.get(command.categoryId);
        if (existing) {
          throw new ConflictError(
            existing.retired ? 'A retired category already has this id: choose another id.' : 'A category with this id already exists.',
          );
        }
        if (nameTaken(state, command.name)) throw new ConflictError('Another category in use already has this name.');
        return [{ type: 'category.added', data: { categoryId: command.categoryId, name: command.name, polarity: command.polarity } }];
      }
      case 'rename': {
        const existing = state.categories.get(command.categoryId);
        if (!existing) throw new NotFoundError('No category with this id.');
        if (existing.retired) throw new ConflictError('This category is retired: it can no longer be renamed.');
        if (existing.name === command.name) return [];
        if (nameTaken(state, command.name, command.categoryId)) throw new ConflictError('Another category in use already has this name.');
        return [{ type: 'category.renamed', data: { categoryId: command.categoryId, name: command.name } }];
      }
      case 'retire': {
        const existing = state.categories.get(command.categoryId);
        if (!existing) throw new NotFoundError('No category with this id.');
        if (existing.retired) return [];
        return [{ type: 'category.retired', data: { categoryId: command.categoryId } }];
      }
      case 'seed_defaults': {
        const events: CategoryEvent[] = [];
        let current = state;
        for (const draft of command.categories) {
          if (current.categories.has(draft.categoryId) || nameTaken(current, draft.name)) continue;
          const event: CategoryEvent = { type: 'category.added', data: { categoryId: draft.categoryId, name: draft.name, polarity: draft.polarity } };
          events.push(event);
          current = taxonomyDecider.evolve(current, event);
        }
        return events;
      }
    }
  },
};
