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

  it('given coaching varied, then varied again and once more back-dated, then the directory keeps the latest agreed way of meeting through a pause', async () => {
    await h.given(`person-${person}`, joined);
    await h.given(
      `coaching-${person}`,
      { type: 'coaching.started', data: { personId: person, coachId: coach, startedOn: '2026-01-05' } },
      { type: 'coaching.varied', data: { frequency: 'weekly', preferredChannel: 'in_person', variedOn: '2026-01-12' } },
      { type: 'coaching.varied', data: { frequency: 'fortnightly', preferredChannel: 'phone', variedOn: '2026-02-10' } },
      // Recorded later, but agreed before the one above: it does not replace it.
      { type: 'coaching.varied', data: { frequency: 'monthly', preferredChannel: 'email', variedOn: '2026-02-01' } },
      { type: 'coaching.paused', data: { requestedBy: 'person', pausedOn: '2026-02-20' } },
    );
    await h.runner.catchUp();
    const meeting = async () =>
      (
        await h.rows<Record<string, unknown>>(
          `SELECT relationship_status, meeting_frequency, meeting_channel, to_char(meeting_agreed_on, 'YYYY-MM-DD') AS meeting_agreed_on
             FROM people_directory WHERE person_id = $1`,
          [person],
        )
      )[0];
    expect(await meeting()).toEqual({
      relationship_status: 'paused',
      meeting_frequency: 'fortnightly',
      meeting_channel: 'phone',
      meeting_agreed_on: '2026-02-10',
    });

    // Agreed again on the same day: the one recorded last is the way they meet now.
    await h.given(`coaching-${person}`, { type: 'coaching.varied', data: { frequency: 'when_the_person_asks', preferredChannel: 'text', variedOn: '2026-02-10' } });
    await h.runner.catchUp();
    expect(await meeting()).toMatchObject({ meeting_frequency: 'when_the_person_asks', meeting_channel: 'text', meeting_agreed_on: '2026-02-10' });
  });

  it('given a directory built by version 1 (which let a variation pass), when version 2 is deployed, then it is rebuilt from the events with the way of meeting', async () => {
    const versionOne = {
      ...peopleProjection,
      version: 1,
      apply: (events: Parameters<typeof peopleProjection.apply>[0], ctx: Parameters<typeof peopleProjection.apply>[1]) =>
        peopleProjection.apply(events.filter((e) => e.type !== 'coaching.varied'), ctx),
    };
    await h.dispose();
    h = await openProjectionHarness(backend, [versionOne]);
    await h.given(`person-${person}`, joined);
    await h.given(
      `coaching-${person}`,
      { type: 'coaching.started', data: { personId: person, coachId: coach, startedOn: '2026-01-05' } },
      { type: 'coaching.varied', data: { frequency: 'fortnightly', preferredChannel: 'video', variedOn: '2026-01-19' } },
    );
    await h.runner.catchUp();
    const meeting = async () =>
      (await h.rows('SELECT relationship_status, meeting_frequency, meeting_channel FROM people_directory WHERE person_id = $1', [person]))[0];
    expect(await meeting()).toEqual({ relationship_status: 'active', meeting_frequency: null, meeting_channel: null });

    const next = await h.restart([peopleProjection]);
    await next.catchUp();
    expect((await next.status())[0]).toMatchObject({ version: 2, state: 'live' });
    expect(await meeting()).toEqual({ relationship_status: 'active', meeting_frequency: 'fortnightly', meeting_channel: 'video' });
  });

  it('given coaching never varied, then no way of meeting is kept', async () => {
    await h.given(`person-${person}`, joined);
    await h.given(`coaching-${person}`, { type: 'coaching.started', data: { personId: person, coachId: coach, startedOn: '2026-01-05' } });
    await h.runner.catchUp();
    const [row] = await h.rows('SELECT meeting_frequency, meeting_channel, meeting_agreed_on FROM people_directory WHERE person_id = $1', [person]);
    expect(row).toEqual({ meeting_frequency: null, meeting_channel: null, meeting_agreed_on: null });
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
