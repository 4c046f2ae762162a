import { randomUUID } from 'node:crypto';
import { BACKENDS, openProjectionHarness, type ProjectionHarness } from '../../../projections/src/testing/index.js';
import { themesProjection } from './themes.projection.js';

describe.each(BACKENDS)('themes read model (%s)', (backend) => {
  let h: ProjectionHarness;
  const ids = { theme: randomUUID(), other: randomUUID(), split: randomUUID(), o1: randomUUID(), o2: randomUUID(), o3: randomUUID(), org: randomUUID(), area: randomUUID() };
  beforeEach(async () => {
    h = await openProjectionHarness(backend, [themesProjection]);
  });
  afterEach(() => h.dispose());

  const observation = (observationId: string, occurredOn = '2026-03-02') => ({
    type: 'observation.recorded',
    data: { observationId, kind: 'barrier', organisationId: ids.org, areaId: ids.area, categoryId: 'eligibility_criteria', occurredOn, whatHappened: 'pd1.x', impact: 'pd1.y', impactTags: [], severity: 3 },
  });
  const proposed = (themeId: string, observationIds: string[], name = 'Retelling the story') => ({
    type: 'theme.proposed',
    data: { themeId, name, description: 'People asked to retell their story.', categoryIds: ['eligibility_criteria'], keyTerms: ['retell'], observationIds },
  });
  const linkedNow = (themeId: string) =>
    h.rows<{ observation_id: string }>(`SELECT observation_id FROM themes_links WHERE theme_id = $1 AND unlinked_at IS NULL ORDER BY observation_id`, [themeId]);
  const theme = async (themeId: string) => (await h.rows<Record<string, unknown>>('SELECT name, status, merged_into, split_from FROM themes_themes WHERE theme_id = $1', [themeId]))[0];
  const changes = (themeId: string) => h.rows<{ change: string; status: string; note: string | null }>('SELECT change, status, note FROM themes_changes WHERE theme_id = $1 ORDER BY revision', [themeId]);

  it('given a theme proposed, confirmed and moved along with a note, then it stands so and every step is kept with its status', async () => {
    await h.given(`theme-${ids.theme}`, proposed(ids.theme, [ids.o1]), { type: 'theme.confirmed', data: { themeId: ids.theme, name: 'Retelling the story' } }, {
      type: 'theme.status_changed',
      data: { themeId: ids.theme, from: 'confirmed', to: 'raised_with_services', note: 'Raised at the partnership meeting' },
    });
    await h.runner.catchUp();
    expect(await theme(ids.theme)).toMatchObject({ name: 'Retelling the story', status: 'raised_with_services' });
    expect(await changes(ids.theme)).toEqual([
      { change: 'proposed', status: 'emerging', note: null },
      { change: 'confirmed', status: 'confirmed', note: null },
      { change: 'status_changed', status: 'raised_with_services', note: 'Raised at the partnership meeting' },
    ]);
  });

  it('given observations linked and unlinked, then the links keep when each held, and a re-link starts a new period', async () => {
    await h.given(`theme-${ids.theme}`, proposed(ids.theme, [ids.o1]), { type: 'theme.observations_linked', data: { themeId: ids.theme, observationIds: [ids.o2, ids.o3] } });
    await h.given(`theme-${ids.theme}`, { type: 'theme.observations_unlinked', data: { themeId: ids.theme, observationIds: [ids.o2] } });
    await h.given(`theme-${ids.theme}`, { type: 'theme.observations_linked', data: { themeId: ids.theme, observationIds: [ids.o2] } });
    await h.runner.catchUp();
    expect((await linkedNow(ids.theme)).map((r) => r.observation_id)).toEqual([ids.o1, ids.o2, ids.o3].sort());
    expect(await h.rows('SELECT 1 FROM themes_links WHERE observation_id = $1', [ids.o2])).toHaveLength(2);
  });

  it('given a merge (both sides) and a split (both sides), then the observations follow and the merged theme keeps its history', async () => {
    await h.given(`theme-${ids.theme}`, proposed(ids.theme, [ids.o1, ids.o2]));
    await h.given(`theme-${ids.other}`, proposed(ids.other, [ids.o3], 'Another'));
    await h.given(`theme-${ids.theme}`, { type: 'theme.merged', data: { themeId: ids.theme, intoThemeId: ids.other, observationIds: [ids.o1, ids.o2] } });
    await h.given(`theme-${ids.other}`, { type: 'theme.absorbed', data: { themeId: ids.other, fromThemeId: ids.theme, observationIds: [ids.o1, ids.o2] } });
    await h.given(`theme-${ids.other}`, { type: 'theme.split', data: { themeId: ids.other, newThemeId: ids.split, observationIds: [ids.o3] } });
    await h.given(`theme-${ids.split}`, {
      type: 'theme.split_off',
      data: { ...proposed(ids.split, [ids.o3], 'Split part').data, fromThemeId: ids.other, status: 'emerging' },
    });
    await h.runner.catchUp();
    expect(await theme(ids.theme)).toMatchObject({ status: 'merged', merged_into: ids.other });
    expect(await linkedNow(ids.theme)).toEqual([]);
    expect((await linkedNow(ids.other)).map((r) => r.observation_id)).toEqual([ids.o1, ids.o2].sort());
    expect(await theme(ids.split)).toMatchObject({ name: 'Split part', split_from: ids.other });
    expect((await linkedNow(ids.split)).map((r) => r.observation_id)).toEqual([ids.o3]);
  });

  it('given an observation recorded, amended and retracted, then each version of its facts is kept with when it held', async () => {
    await h.given(`observation-${ids.o1}`, observation(ids.o1));
    await h.given(`observation-${ids.o1}`, { type: 'observation.amended', data: { observationId: ids.o1, corrections: { occurredOn: '2026-03-09', severity: 2 } } });
    await h.given(`observation-${ids.o1}`, { type: 'observation.amended', data: { observationId: ids.o1, corrections: { severity: 1 } } });
    await h.given(`observation-${ids.o1}`, { type: 'observation.retracted', data: { observationId: ids.o1, reason: 'pd1.z' } });
    await h.runner.catchUp();
    const versions = await h.rows<{ occurred_on: string; retracted: boolean; open: boolean }>(
      `SELECT to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, retracted, valid_to IS NULL AS open FROM themes_facts WHERE observation_id = $1 ORDER BY revision`,
      [ids.o1],
    );
    expect(versions).toEqual([
      { occurred_on: '2026-03-02', retracted: false, open: false },
      { occurred_on: '2026-03-09', retracted: false, open: false },
      { occurred_on: '2026-03-09', retracted: true, open: true },
    ]);
  });

  it('given the same events delivered twice, then nothing doubles', async () => {
    const themed = await h.given(`theme-${ids.theme}`, proposed(ids.theme, [ids.o1]), { type: 'theme.observations_linked', data: { themeId: ids.theme, observationIds: [ids.o2] } });
    const observed = await h.given(`observation-${ids.o1}`, observation(ids.o1), { type: 'observation.retracted', data: { observationId: ids.o1, reason: 'pd1.z' } });
    await h.runner.catchUp();
    const all = [...themed, ...observed];
    expect(await h.runner.deliver('themes', all)).toBe(0);
    await h.db.transaction((tx) => themesProjection.apply(all, { tx, table: (name) => `themes_${name}` }));
    expect(await h.rows('SELECT 1 FROM themes_links')).toHaveLength(2);
    expect(await changes(ids.theme)).toHaveLength(2);
    expect(await h.rows('SELECT 1 FROM themes_facts')).toHaveLength(2);
  });
});
