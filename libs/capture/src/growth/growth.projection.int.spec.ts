import { randomUUID } from 'node:crypto';
import { BACKENDS, openProjectionHarness, type ProjectionHarness } from '../../../projections/src/testing/index.js';
import { applyAgain } from './testing/apply-again.js';
import { growthProjection } from './growth.projection.js';

const sealed = (label: string) => `pd1.subject.iv.tag.${label}`;

describe.each(BACKENDS)('growth read model (%s)', (backend) => {
  let h: ProjectionHarness;
  const person = randomUUID();
  const ids = { a1: randomUUID(), a2: randomUUID(), a3: randomUUID(), s1: randomUUID(), c1: randomUUID(), c2: randomUUID() };
  beforeEach(async () => {
    h = await openProjectionHarness(backend, [growthProjection]);
  });
  afterEach(() => h.dispose());

  const story = () =>
    h.given(
      `growth-${person}`,
      { type: 'aspiration.set', data: { aspirationId: ids.a1, inPersonsWords: sealed('a1'), setOn: '2026-01-10' } },
      { type: 'aspiration.progress_noted', data: { aspirationId: ids.a1, note: sealed('p1'), notedOn: '2026-02-01' } },
      { type: 'aspiration.changed', data: { aspirationId: ids.a1, changedOn: '2026-02-15', changedTo: ids.a2 } },
      { type: 'aspiration.set', data: { aspirationId: ids.a2, inPersonsWords: sealed('a2'), setOn: '2026-02-15', changedFrom: ids.a1 } },
      { type: 'aspiration.achieved', data: { aspirationId: ids.a2, achievedOn: '2026-04-01', note: sealed('done') } },
      { type: 'aspiration.set', data: { aspirationId: ids.a3, inPersonsWords: sealed('a3'), setOn: '2026-03-01' } },
      { type: 'strength.noticed', data: { strengthId: ids.s1, inPersonsWords: sealed('s1'), noticedOn: '2026-01-12', noticedBy: 'person' } },
      { type: 'connection.made', data: { connectionId: ids.c1, kind: 'community_group', description: sealed('c1'), madeOn: '2026-01-20' } },
      { type: 'connection.made', data: { connectionId: ids.c2, kind: 'volunteering', description: sealed('c2'), madeOn: '2026-02-20' } },
      { type: 'connection.ended', data: { connectionId: ids.c1, endedOn: '2026-05-01', note: sealed('end') } },
    );

  const snapshot = async () => ({
    aspirations: await h.rows(
      `SELECT aspiration_id, in_persons_words, status, to_char(set_on, 'YYYY-MM-DD') AS set_on, to_char(closed_on, 'YYYY-MM-DD') AS closed_on,
              changed_from, changed_to
         FROM growth_aspirations WHERE person_id = $1 ORDER BY set_on`,
      [person],
    ),
    steps: await h.rows(
      `SELECT aspiration_id, kind, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, note FROM growth_aspiration_steps
        WHERE person_id = $1 ORDER BY revision`,
      [person],
    ),
    strengths: await h.rows(`SELECT strength_id, in_persons_words, noticed_by FROM growth_strengths WHERE person_id = $1`, [person]),
    connections: await h.rows(
      `SELECT connection_id, kind, description, to_char(ended_on, 'YYYY-MM-DD') AS ended_on, end_note FROM growth_connections
        WHERE person_id = $1 ORDER BY made_on`,
      [person],
    ),
  });

  it('given aspirations set, progressed, changed and achieved, strengths and connections, then the person\'s growth reads as it happened, sealed', async () => {
    await story();
    await h.runner.catchUp();
    const seen = await snapshot();
    expect(seen.aspirations).toEqual([
      { aspiration_id: ids.a1, in_persons_words: sealed('a1'), status: 'changed', set_on: '2026-01-10', closed_on: '2026-02-15', changed_from: null, changed_to: ids.a2 },
      { aspiration_id: ids.a2, in_persons_words: sealed('a2'), status: 'achieved', set_on: '2026-02-15', closed_on: '2026-04-01', changed_from: ids.a1, changed_to: null },
      { aspiration_id: ids.a3, in_persons_words: sealed('a3'), status: 'active', set_on: '2026-03-01', closed_on: null, changed_from: null, changed_to: null },
    ]);
    expect(seen.steps).toEqual([
      { aspiration_id: ids.a1, kind: 'aspiration.set', occurred_on: '2026-01-10', note: sealed('a1') },
      { aspiration_id: ids.a1, kind: 'aspiration.progress_noted', occurred_on: '2026-02-01', note: sealed('p1') },
      { aspiration_id: ids.a1, kind: 'aspiration.changed', occurred_on: '2026-02-15', note: null },
      { aspiration_id: ids.a2, kind: 'aspiration.set', occurred_on: '2026-02-15', note: sealed('a2') },
      { aspiration_id: ids.a2, kind: 'aspiration.achieved', occurred_on: '2026-04-01', note: sealed('done') },
      { aspiration_id: ids.a3, kind: 'aspiration.set', occurred_on: '2026-03-01', note: sealed('a3') },
    ]);
    expect(seen.strengths).toEqual([{ strength_id: ids.s1, in_persons_words: sealed('s1'), noticed_by: 'person' }]);
    expect(seen.connections).toEqual([
      { connection_id: ids.c1, kind: 'community_group', description: sealed('c1'), ended_on: '2026-05-01', end_note: sealed('end') },
      { connection_id: ids.c2, kind: 'volunteering', description: sealed('c2'), ended_on: null, end_note: null },
    ]);
  });

  it('given the same events delivered twice, then nothing doubles or changes', async () => {
    const events = await story();
    await h.runner.catchUp();
    const once = await snapshot();
    expect(await h.runner.deliver('growth', events)).toBe(0);
    await applyAgain(h, growthProjection, events);
    expect(await snapshot()).toEqual(once);
    expect(once.steps).toHaveLength(6);
  });
});
