import { randomUUID } from 'node:crypto';
import { BACKENDS, openProjectionHarness, type ProjectionHarness } from '../../../projections/src/testing/index.js';
import { applyAgain } from '../growth/testing/apply-again.js';
import { wellbeingProjection } from './wellbeing.projection.js';
import { wellbeingTrendOf } from './wellbeing.queries.js';

const answers = 'pd1.subject.iv.tag.answers';

describe.each(BACKENDS)('wellbeing read model (%s)', (backend) => {
  let h: ProjectionHarness;
  const person = randomUUID();
  const ids = { w1: randomUUID(), w2: randomUUID(), w3: randomUUID(), w4: randomUUID() };
  beforeEach(async () => {
    h = await openProjectionHarness(backend, [wellbeingProjection]);
  });
  afterEach(() => h.dispose());

  const checkIn = (checkInId: string, scale: string, checkedInOn: string, rawScore: number, score: number) => ({
    type: 'wellbeing.checked_in',
    data: { checkInId, scale, checkedInOn, rawScore, score, answers },
  });
  const story = () =>
    h.given(
      `wellbeing-${person}`,
      checkIn(ids.w1, 'swemwbs', '2026-01-10', 17, 16.88),
      checkIn(ids.w2, 'wemwbs', '2026-01-10', 38, 38),
      // Entered late from a paper form: dated between the others, it is still not the latest.
      checkIn(ids.w4, 'swemwbs', '2026-02-10', 21, 19.25),
      checkIn(ids.w3, 'swemwbs', '2026-04-10', 23, 20.73),
    );

  it('given check-ins on both scales, then the trend compares first and latest per scale, scores only', async () => {
    await story();
    await h.runner.catchUp();
    const trend = await wellbeingTrendOf(h.db, person);
    expect(trend.checkIns.map((c) => [c.checkedInOn, c.scale, c.score])).toEqual([
      ['2026-01-10', 'swemwbs', 16.88],
      ['2026-01-10', 'wemwbs', 38],
      ['2026-02-10', 'swemwbs', 19.25],
      ['2026-04-10', 'swemwbs', 20.73],
    ]);
    expect(trend.changes).toEqual([
      { scale: 'wemwbs', checkIns: 1, first: trend.checkIns[1], latest: trend.checkIns[1], change: 0 },
      { scale: 'swemwbs', checkIns: 3, first: trend.checkIns[0], latest: trend.checkIns[3], change: 3.85 },
    ]);
    const columns = await h.rows<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name LIKE 'wellbeing_checkins__s%' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).not.toContain('answers');
  });

  it('given the same events delivered twice, then no check-in is counted twice', async () => {
    const events = await story();
    await h.runner.catchUp();
    expect(await h.runner.deliver('wellbeing', events)).toBe(0);
    await applyAgain(h, wellbeingProjection, events);
    expect(await h.rows('SELECT check_in_id FROM wellbeing_checkins WHERE person_id = $1', [person])).toHaveLength(4);
  });

  it('given nobody checked in, then the trend is empty', async () => {
    await h.runner.catchUp();
    expect(await wellbeingTrendOf(h.db, randomUUID())).toEqual({ checkIns: [], changes: [] });
  });
});
