import { BACKENDS, openProjectionHarness, type ProjectionHarness } from '../testing/index.js';
import { eventStatisticsProjection } from './event-statistics.projection.js';

describe.each(BACKENDS)('event statistics projection (%s)', (backend) => {
  let h: ProjectionHarness;
  beforeEach(async () => {
    h = await openProjectionHarness(backend, [eventStatisticsProjection]);
  });
  afterEach(() => h.dispose());

  const daily = () =>
    h.rows<{ category: string; event_type: string; events: string }>(
      'SELECT category, event_type, events::text FROM event_statistics_daily ORDER BY category, event_type',
    );

  it('given events in two categories, then it counts them per category and type', async () => {
    await h.given('tally-a', { type: 'tally.counted', data: {} }, { type: 'tally.counted', data: {} });
    await h.given('tally-b', { type: 'tally.reset', data: {} });
    await h.given('note-1', { type: 'note.written', data: {} });
    await h.runner.catchUp();
    expect(await daily()).toEqual([
      { category: 'note', event_type: 'note.written', events: '1' },
      { category: 'tally', event_type: 'tally.counted', events: '2' },
      { category: 'tally', event_type: 'tally.reset', events: '1' },
    ]);
  });

  it('given the same events delivered twice, then the counts do not change', async () => {
    const events = await h.given('tally-a', { type: 'tally.counted', data: {} }, { type: 'tally.counted', data: {} });
    await h.runner.catchUp();
    expect(await h.runner.deliver('event_statistics', events)).toBe(0);
    expect(await daily()).toEqual([{ category: 'tally', event_type: 'tally.counted', events: '2' }]);
  });

  it('given no events, then the read model is empty but queryable', async () => {
    await h.runner.catchUp();
    expect(await daily()).toEqual([]);
  });
});
