import { randomUUID } from 'node:crypto';
import { BACKENDS, openProjectionHarness, type ProjectionHarness } from '../../../projections/src/testing/index.js';
import { coachingProjection } from '../coaching/coaching.projection.js';
import { peopleProjection } from './people.projection.js';

const sealed = (label: string) => `pd1.subject.iv.tag.${label}`;

describe.each(BACKENDS)('people and coaching read models (%s)', (backend) => {
  let h: ProjectionHarness;
  const person = randomUUID();
  const coach = randomUUID();
  const ids = { area: randomUUID(), team: randomUUID() };
  beforeEach(async () => {
    h = await openProjectionHarness(backend, [peopleProjection, coachingProjection]);
  });
  afterEach(() => h.dispose());

  const joined = {
    type: 'person.joined',
    data: {
      personId: person,
      displayName: sealed('name'),
      contact: { email: sealed('email') },
      referralSource: 'self',
      areaId: ids.area,
      teamId: ids.team,
      coachId: coach,
      joinedOn: '2026-01-05',
    },
  };
  const interaction = (id: string, occurredOn: string) => ({
    type: 'interaction.recorded',
    data: {
      interactionId: id,
      occurredOn,
      channel: 'phone',
      initiatedBy: 'coach',
      minutes: 20,
      whatMattered: sealed('mattered'),
      strengthsNoticed: [],
      aspirationsMentioned: [sealed('aspiration')],
      connectionsMade: [],
      organisationsIntroduced: [],
    },
  });
  const directory = async () =>
    (
      await h.rows<Record<string, unknown>>(
        `SELECT display_name, email, relationship_status, to_char(last_contact_on, 'YYYY-MM-DD') AS last_contact_on, interactions, consent_share_words
           FROM people_directory WHERE person_id = $1`,
        [person],
      )
    )[0];

  it('given a person who joined, started coaching, talked twice and paused, then the directory and timeline show it, sealed', async () => {
    await h.given(`person-${person}`, joined, {
      type: 'person.consent_recorded',
      data: { toHoldInformation: true, toShareWordsAnonymised: true, recordedOn: '2026-01-05' },
    });
    await h.given(
      `coaching-${person}`,
      { type: 'coaching.started', data: { personId: person, coachId: coach, startedOn: '2026-01-05' } },
      interaction(randomUUID(), '2026-01-20'),
      interaction(randomUUID(), '2026-01-10'),
      { type: 'coaching.paused', data: { requestedBy: 'person', pausedOn: '2026-02-01' } },
    );
    await h.runner.catchUp();
    expect(await directory()).toEqual({
      display_name: sealed('name'),
      email: sealed('email'),
      relationship_status: 'paused',
      last_contact_on: '2026-01-20',
      interactions: 2,
      consent_share_words: true,
    });
    const timeline = await h.rows<{ kind: string }>('SELECT kind FROM coaching_timeline WHERE person_id = $1 ORDER BY occurred_on, recorded_at', [person]);
    expect(timeline.map((t) => t.kind)).toEqual([
      'person.joined',
      'coaching.started',
      'interaction.recorded',
      'interaction.recorded',
      'coaching.paused',
    ]);
    const [stored] = await h.rows<{ what_mattered: string; aspirations: string[] }>(
      'SELECT what_mattered, aspirations FROM coaching_interactions WHERE person_id = $1 LIMIT 1',
      [person],
    );
    expect(stored).toEqual({ what_mattered: sealed('mattered'), aspirations: [sealed('aspiration')] });
  });

  it('given the same events delivered twice, then counts and rows do not double', async () => {
    const first = await h.given(`person-${person}`, joined);
    const talks = await h.given(
      `coaching-${person}`,
      { type: 'coaching.started', data: { personId: person, coachId: coach, startedOn: '2026-01-05' } },
      interaction(randomUUID(), '2026-01-20'),
    );
    await h.runner.catchUp();
    expect(await h.runner.deliver('people', [...first, ...talks])).toBe(0);
    expect(await h.runner.deliver('coaching', [...first, ...talks])).toBe(0);
    expect((await directory()).interactions).toBe(1);
    expect(await h.rows('SELECT interaction_id FROM coaching_interactions')).toHaveLength(1);
  });

  it('given a person moved area, then their row follows them and the relationship carries on', async () => {
    await h.given(`person-${person}`, joined);
    await h.given(`coaching-${person}`, { type: 'coaching.started', data: { personId: person, coachId: coach, startedOn: '2026-01-05' } });
    const newArea = randomUUID();
    await h.given(`person-${person}`, { type: 'person.moved_area', data: { areaId: newArea, teamId: ids.team, coachId: coach, movedOn: '2026-03-01' } });
    await h.runner.catchUp();
    const [row] = await h.rows<{ area_id: string; relationship_status: string }>(
      'SELECT area_id, relationship_status FROM people_directory WHERE person_id = $1',
      [person],
    );
    expect(row).toEqual({ area_id: newArea, relationship_status: 'active' });
  });
});
