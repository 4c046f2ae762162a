import { randomUUID } from 'node:crypto';
import { BACKENDS, openProjectionHarness, type ProjectionHarness } from '../../../projections/src/testing/index.js';
import type { ObservationRecorded } from './observation.events.js';
import { observationsProjection } from './observations.projection.js';

const sealed = (label: string) => `pd1.subject.iv.tag.${label}`;

describe.each(BACKENDS)('observations read model (%s)', (backend) => {
  let h: ProjectionHarness;
  const ids = {
    person: randomUUID(),
    org: randomUUID(),
    survivor: randomUUID(),
    lastSurvivor: randomUUID(),
    area: randomUUID(),
    interaction: randomUUID(),
  };
  beforeEach(async () => {
    h = await openProjectionHarness(backend, [observationsProjection]);
  });
  afterEach(() => h.dispose());

  const barrier = (observationId: string, overrides: Partial<ObservationRecorded> = {}) => ({
    type: 'observation.recorded',
    data: {
      observationId,
      kind: 'barrier',
      organisationId: ids.org,
      areaId: ids.area,
      categoryId: 'eligibility_criteria',
      whatHappened: sealed('what'),
      impact: sealed('impact'),
      impactTags: ['crisis', 'financial_loss'],
      quote: sealed('quote'),
      severity: 4,
      occurredOn: '2026-02-10',
      personId: ids.person,
      interactionId: ids.interaction,
      ...overrides,
    },
  });
  const consent = (toShareWordsAnonymised: boolean) => ({
    type: 'person.consent_recorded',
    data: { toHoldInformation: true, toShareWordsAnonymised, recordedOn: '2026-01-05' },
  });
  const row = async (observationId: string) =>
    (
      await h.rows<Record<string, unknown>>(
        `SELECT kind, organisation_id, named_organisation_id, unmatched_name, category_id, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on,
                severity, impact_tags, status, person_id, interaction_id, what_happened, impact, quote, quote_shareable,
                person_forgotten, retraction_reason, recorded_by, revision
           FROM observations_records WHERE observation_id = $1`,
        [observationId],
      )
    )[0];
  const historyOf = (observationId: string) =>
    h.rows<{ revision: number; change: string; fields: string[]; reason: string | null }>(
      'SELECT revision, change, fields, reason FROM observations_history WHERE observation_id = $1 ORDER BY revision',
      [observationId],
    );

  it('given a barrier with a quote from a person who consents, then it is listed with its words sealed and the quote shown', async () => {
    const id = randomUUID();
    await h.given(`person-${ids.person}`, consent(true));
    await h.given(`observation-${id}`, barrier(id));
    await h.runner.catchUp();
    expect(await row(id)).toEqual({
      kind: 'barrier',
      organisation_id: ids.org,
      named_organisation_id: ids.org,
      unmatched_name: null,
      category_id: 'eligibility_criteria',
      occurred_on: '2026-02-10',
      severity: 4,
      impact_tags: ['crisis', 'financial_loss'],
      status: 'recorded',
      person_id: ids.person,
      interaction_id: ids.interaction,
      what_happened: sealed('what'),
      impact: sealed('impact'),
      quote: sealed('quote'),
      quote_shareable: true,
      person_forgotten: false,
      retraction_reason: null,
      recorded_by: 'system:test',
      revision: 0,
    });
    expect(await historyOf(id)).toEqual([{ revision: 0, change: 'recorded', fields: [], reason: null }]);
  });

  it('given the person later withdraws consent, then the quote is no longer shareable; given it again, then it is', async () => {
    const id = randomUUID();
    await h.given(`person-${ids.person}`, consent(true));
    await h.given(`observation-${id}`, barrier(id));
    await h.given(`person-${ids.person}`, consent(false));
    await h.runner.catchUp();
    expect((await row(id)).quote_shareable).toBe(false);
    await h.given(`person-${ids.person}`, consent(true));
    await h.runner.catchUp();
    expect((await row(id)).quote_shareable).toBe(true);
  });

  it('given a quote approved, then it is kept sealed; given the quote amended (with other people\'s consents on record), then the approval lapses', async () => {
    const id = randomUUID();
    const other = randomUUID();
    await h.given(`person-${ids.person}`, consent(true));
    await h.given(`person-${other}`, consent(false));
    await h.given(`observation-${id}`, barrier(id));
    await h.given(`observation-${id}`, { type: 'observation.quote_approved', data: { observationId: id, text: sealed('redacted'), redacted: true } });
    await h.runner.catchUp();
    const approved = (await h.rows<{ approved_quote: string | null }>('SELECT approved_quote FROM observations_records WHERE observation_id = $1', [id]))[0];
    expect(approved.approved_quote).toBe(sealed('redacted'));
    await h.given(`observation-${id}`, { type: 'observation.amended', data: { observationId: id, corrections: { quote: sealed('new quote') } } });
    await h.runner.catchUp();
    expect(await row(id)).toMatchObject({ quote: sealed('new quote'), quote_shareable: true });
    const lapsed = (await h.rows<{ approved_quote: string | null }>('SELECT approved_quote FROM observations_records WHERE observation_id = $1', [id]))[0];
    expect(lapsed.approved_quote).toBeNull();
    expect((await historyOf(id)).map((c) => c.change)).toEqual(['recorded', 'quote_approved', 'amended']);
  });

  it('given a quote approval withdrawn, then the approved text is gone and the withdrawal is in the history', async () => {
    const id = randomUUID();
    await h.given(`person-${ids.person}`, consent(true));
    await h.given(`observation-${id}`, barrier(id));
    await h.given(`observation-${id}`, { type: 'observation.quote_approved', data: { observationId: id, text: sealed('redacted'), redacted: false } });
    await h.given(`observation-${id}`, { type: 'observation.quote_approval_withdrawn', data: { observationId: id, reason: sealed('why') } });
    await h.runner.catchUp();
    expect((await h.rows('SELECT 1 FROM observations_records WHERE observation_id = $1 AND approved_quote IS NULL', [id]))).toHaveLength(1);
    expect((await historyOf(id)).slice(-1)[0]).toMatchObject({ change: 'quote_approval_withdrawn', reason: sealed('why') });
  });

  it('given an amendment and a retraction, then the row has the corrections, the status, and a history of each change', async () => {
    const id = randomUUID();
    await h.given(`person-${ids.person}`, consent(true));
    await h.given(
      `observation-${id}`,
      barrier(id),
      {
        type: 'observation.amended',
        data: {
          observationId: id,
          corrections: { severity: 2, occurredOn: '2026-02-09', impactTags: ['missed_opportunity'], whatHappened: sealed('what-2'), quote: null },
          reason: sealed('why'),
        },
      },
    );
    await h.runner.catchUp();
    expect(await row(id)).toMatchObject({
      status: 'amended',
      severity: 2,
      occurred_on: '2026-02-09',
      impact_tags: ['missed_opportunity'],
      what_happened: sealed('what-2'),
      impact: sealed('impact'),
      quote: null,
      quote_shareable: false,
      revision: 1,
    });
    await h.given(`observation-${id}`, { type: 'observation.retracted', data: { observationId: id, reason: sealed('retracted') } });
    await h.runner.catchUp();
    expect(await row(id)).toMatchObject({ status: 'retracted', retraction_reason: sealed('retracted'), severity: 2, revision: 2 });
    expect(await historyOf(id)).toEqual([
      { revision: 0, change: 'recorded', fields: [], reason: null },
      { revision: 1, change: 'amended', fields: ['whatHappened', 'impactTags', 'quote', 'severity', 'occurredOn'], reason: sealed('why') },
      { revision: 2, change: 'retracted', fields: [], reason: sealed('retracted') },
    ]);
  });

  it('given an unmatched organisation name later matched, then it counts for that organisation and keeps the name as written', async () => {
    const id = randomUUID();
    const { organisationId: _o, ...unmatched } = barrier(id).data;
    await h.given(`observation-${id}`, { type: 'observation.recorded', data: { ...unmatched, unmatchedOrganisationName: 'Riverside Hub' } });
    await h.runner.catchUp();
    expect(await row(id)).toMatchObject({ organisation_id: null, unmatched_name: 'Riverside Hub' });
    await h.given(`observation-${id}`, {
      type: 'observation.organisation_matched',
      data: { observationId: id, organisationId: ids.org, unmatchedOrganisationName: 'Riverside Hub' },
    });
    await h.runner.catchUp();
    expect(await row(id)).toMatchObject({ organisation_id: ids.org, named_organisation_id: ids.org, unmatched_name: 'Riverside Hub', status: 'recorded' });
  });

  it('given organisations merged (twice over), then earlier and later observations of the merged records count for the last survivor', async () => {
    const before = randomUUID();
    const after = randomUUID();
    const matchedLater = randomUUID();
    await h.given(`observation-${before}`, barrier(before, { quote: undefined }));
    const { organisationId: _o, ...unmatched } = barrier(matchedLater, { quote: undefined }).data;
    await h.given(`observation-${matchedLater}`, { type: 'observation.recorded', data: { ...unmatched, unmatchedOrganisationName: 'Old Name Hub' } });
    await h.given(`organisation-${ids.org}`, { type: 'organisation.merged', data: { organisationId: ids.org, intoOrganisationId: ids.survivor } });
    await h.runner.catchUp();
    expect((await row(before)).organisation_id).toBe(ids.survivor);

    await h.given(`organisation-${ids.survivor}`, {
      type: 'organisation.merged',
      data: { organisationId: ids.survivor, intoOrganisationId: ids.lastSurvivor },
    });
    await h.given(`observation-${after}`, barrier(after, { quote: undefined }));
    await h.given(`observation-${matchedLater}`, {
      type: 'observation.organisation_matched',
      data: { observationId: matchedLater, organisationId: ids.org, unmatchedOrganisationName: 'Old Name Hub' },
    });
    await h.runner.catchUp();
    for (const id of [before, after, matchedLater]) {
      expect(await row(id)).toMatchObject({ organisation_id: ids.lastSurvivor, named_organisation_id: ids.org });
    }
  });

  it('given a person is forgotten, then their quotes are deleted and their observations still count', async () => {
    const id = randomUUID();
    const someoneElse = randomUUID();
    await h.given(`person-${ids.person}`, consent(true));
    await h.given(`observation-${id}`, barrier(id));
    await h.given(`observation-${id}`, { type: 'observation.quote_approved', data: { observationId: id, text: sealed('redacted'), redacted: true } });
    await h.given(`observation-${someoneElse}`, barrier(someoneElse, { personId: randomUUID() }));
    await h.given(`person-${ids.person}`, { type: 'person.forgotten', data: { personId: ids.person } });
    await h.runner.catchUp();
    expect(await row(id)).toMatchObject({ quote: null, quote_shareable: false, person_forgotten: true });
    expect(await h.rows('SELECT 1 FROM observations_records WHERE approved_quote IS NOT NULL')).toHaveLength(0);
    expect(await row(someoneElse)).toMatchObject({ quote: sealed('quote'), person_forgotten: false });
    expect(await h.rows('SELECT 1 FROM observations_records')).toHaveLength(2);
  });

  it('given the same events delivered twice, then nothing doubles and no amendment is applied twice', async () => {
    const id = randomUUID();
    const consented = await h.given(`person-${ids.person}`, consent(true));
    const events = await h.given(
      `observation-${id}`,
      barrier(id),
      { type: 'observation.amended', data: { observationId: id, corrections: { severity: 5 } } },
      { type: 'observation.retracted', data: { observationId: id, reason: sealed('retracted') } },
    );
    const merged = await h.given(`organisation-${ids.org}`, {
      type: 'organisation.merged',
      data: { organisationId: ids.org, intoOrganisationId: ids.survivor },
    });
    await h.runner.catchUp();
    const all = [...consented, ...events, ...merged];
    expect(await h.runner.deliver('observations', all)).toBe(0);
    // And the projection itself is idempotent, should a batch ever be applied again.
    await h.db.transaction((tx) => observationsProjection.apply(all, { tx, table: (name) => `observations_${name}` }));
    expect(await h.rows('SELECT 1 FROM observations_records')).toHaveLength(1);
    expect(await historyOf(id)).toHaveLength(3);
    expect(await row(id)).toMatchObject({ status: 'retracted', severity: 5, organisation_id: ids.survivor, revision: 2 });
  });
});
