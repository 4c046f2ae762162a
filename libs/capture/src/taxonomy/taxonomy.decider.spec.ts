import { ConflictError, NotFoundError } from '#libs/kernel';
import { given } from '../testing/given-when-then.js';
import { taxonomyDecider } from './taxonomy.decider.js';
import { DEFAULT_CATEGORIES } from './taxonomy.defaults.js';
import { CATEGORY_ID, type CategoryEvent, categorySlug } from './taxonomy.events.js';

const added = (categoryId: string, name: string, polarity: 'barrier' | 'bright_spot' = 'barrier'): CategoryEvent => ({
  type: 'category.added',
  data: { categoryId, name, polarity },
});
const waiting = added('waiting_times', 'Waiting times');

describe('the observation categories', () => {
  it('given none, when a category is added, then it is added with its polarity', () => {
    given(taxonomyDecider).when({ kind: 'add', categoryId: 'waiting_times', name: 'Waiting times', polarity: 'barrier' }).then([waiting]);
  });

  it('given a category, when one with the same id or the same name in any case is added, then it is refused', () => {
    given(taxonomyDecider, waiting)
      .when({ kind: 'add', categoryId: 'waiting_times', name: 'Queues', polarity: 'barrier' })
      .thenThrows(ConflictError, 'already exists');
    given(taxonomyDecider, waiting)
      .when({ kind: 'add', categoryId: 'queues', name: 'WAITING TIMES', polarity: 'barrier' })
      .thenThrows(ConflictError, 'already has this name');
  });

  it('given a retired category, when its id is added again, then it is refused, but its name is free again', () => {
    const retired: CategoryEvent = { type: 'category.retired', data: { categoryId: 'waiting_times' } };
    given(taxonomyDecider, waiting, retired)
      .when({ kind: 'add', categoryId: 'waiting_times', name: 'Waiting times', polarity: 'barrier' })
      .thenThrows(ConflictError, 'retired category already has this id');
    given(taxonomyDecider, waiting, retired)
      .when({ kind: 'add', categoryId: 'waiting_lists', name: 'Waiting times', polarity: 'barrier' })
      .then([added('waiting_lists', 'Waiting times')]);
  });

  it('given a category, when it is renamed, then the id stays and the new name is recorded', () => {
    given(taxonomyDecider, waiting)
      .when({ kind: 'rename', categoryId: 'waiting_times', name: 'Waiting lists' })
      .then([{ type: 'category.renamed', data: { categoryId: 'waiting_times', name: 'Waiting lists' } }]);
  });

  it('given two categories, when one is renamed to the other\'s name, then it is refused', () => {
    given(taxonomyDecider, waiting, added('cliff_edge_ending', 'Cliff-edge ending'))
      .when({ kind: 'rename', categoryId: 'cliff_edge_ending', name: 'waiting times' })
      .thenThrows(ConflictError, 'already has this name');
  });

  it('given a category, when it is retired twice, then it is retired once', () => {
    given(taxonomyDecider, waiting)
      .when({ kind: 'retire', categoryId: 'waiting_times' })
      .then([{ type: 'category.retired', data: { categoryId: 'waiting_times' } }]);
    given(taxonomyDecider, waiting, { type: 'category.retired', data: { categoryId: 'waiting_times' } })
      .when({ kind: 'retire', categoryId: 'waiting_times' })
      .then([]);
  });

  it('given a retired category, when it is renamed, then it is refused', () => {
    given(taxonomyDecider, waiting, { type: 'category.retired', data: { categoryId: 'waiting_times' } })
      .when({ kind: 'rename', categoryId: 'waiting_times', name: 'Queues' })
      .thenThrows(ConflictError, 'retired');
  });

  it('given none, when an unknown category is renamed or retired, then it is not found', () => {
    given(taxonomyDecider).when({ kind: 'rename', categoryId: 'nope', name: 'X' }).thenThrows(NotFoundError, 'No category');
    given(taxonomyDecider).when({ kind: 'retire', categoryId: 'nope' }).thenThrows(NotFoundError, 'No category');
  });

  it('given none, when the defaults are seeded, then every default is added in order', () => {
    given(taxonomyDecider)
      .when({ kind: 'seed_defaults', categories: DEFAULT_CATEGORIES })
      .then(DEFAULT_CATEGORIES.map((c) => added(c.categoryId, c.name, c.polarity)));
  });

  it('given some categories already, when the defaults are seeded, then only the missing ones are added (ids and names kept)', () => {
    const ownWaiting = added('queues', 'Waiting times');
    const scene = given(taxonomyDecider, ownWaiting, added('good_practice', 'What worked well', 'bright_spot'));
    const expected = DEFAULT_CATEGORIES.filter((c) => c.categoryId !== 'good_practice' && c.categoryId !== 'waiting_times').map((c) =>
      added(c.categoryId, c.name, c.polarity),
    );
    scene.when({ kind: 'seed_defaults', categories: DEFAULT_CATEGORIES }).then(expected);
  });

  it('has defaults with stable slug ids, unique ids and names, "other" in both polarities', () => {
    for (const c of DEFAULT_CATEGORIES) expect(c.categoryId).toMatch(CATEGORY_ID);
    expect(new Set(DEFAULT_CATEGORIES.map((c) => c.categoryId)).size).toBe(DEFAULT_CATEGORIES.length);
    expect(new Set(DEFAULT_CATEGORIES.map((c) => c.name.toLowerCase())).size).toBe(DEFAULT_CATEGORIES.length);
    expect(DEFAULT_CATEGORIES.filter((c) => c.polarity === 'bright_spot').map((c) => c.categoryId)).toEqual(['good_practice', 'other_bright_spot']);
    expect(DEFAULT_CATEGORIES.find((c) => c.categoryId === 'other')?.polarity).toBe('barrier');
  });

  it('makes category ids from names', () => {
    expect(categorySlug('Waiting times')).toBe('waiting_times');
    expect(categorySlug('  Letters, jargon & no reply! ')).toBe('letters_jargon_no_reply');
    expect(categorySlug('13-week dismissals')).toBe('week_dismissals');
    expect(categorySlug('Café access')).toBe('cafe_access');
    expect(categorySlug('!!!')).toBe('');
  });
});
