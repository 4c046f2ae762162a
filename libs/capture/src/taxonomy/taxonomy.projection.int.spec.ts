import { BACKENDS, openProjectionHarness, type ProjectionHarness } from '../../../projections/src/testing/index.js';
import { taxonomyProjection } from './taxonomy.projection.js';
import { TAXONOMY_STREAM } from './taxonomy.events.js';

describe.each(BACKENDS)('taxonomy read model (%s)', (backend) => {
  let h: ProjectionHarness;
  beforeEach(async () => {
    h = await openProjectionHarness(backend, [taxonomyProjection]);
  });
  afterEach(() => h.dispose());

  const added = (categoryId: string, name: string, polarity = 'barrier') => ({ type: 'category.added', data: { categoryId, name, polarity } });
  const categories = () => h.rows('SELECT category_id, name, polarity, retired, position FROM taxonomy_categories ORDER BY position');

  it('given categories added, renamed and retired, then they keep their ids and the order they were added in', async () => {
    await h.given(TAXONOMY_STREAM, added('waiting_times', 'Waiting times'), added('good_practice', 'Good practice', 'bright_spot'));
    await h.given(
      TAXONOMY_STREAM,
      { type: 'category.renamed', data: { categoryId: 'waiting_times', name: 'Waiting lists' } },
      added('cliff_edge_ending', 'Cliff-edge ending'),
      { type: 'category.retired', data: { categoryId: 'good_practice' } },
    );
    await h.runner.catchUp();
    expect(await categories()).toEqual([
      { category_id: 'waiting_times', name: 'Waiting lists', polarity: 'barrier', retired: false, position: 1 },
      { category_id: 'good_practice', name: 'Good practice', polarity: 'bright_spot', retired: true, position: 2 },
      { category_id: 'cliff_edge_ending', name: 'Cliff-edge ending', polarity: 'barrier', retired: false, position: 3 },
    ]);
  });

  it('given the same events delivered twice, then no category is added twice and positions stay', async () => {
    const events = await h.given(TAXONOMY_STREAM, added('waiting_times', 'Waiting times'), added('other', 'Something else not working'));
    await h.runner.catchUp();
    expect(await h.runner.deliver('taxonomy', events)).toBe(0);
    expect((await categories()).map((c) => [c.category_id, c.position])).toEqual([
      ['waiting_times', 1],
      ['other', 2],
    ]);
  });
});
