import { randomUUID } from 'node:crypto';
import { openApi, type ApiHarness } from './api-harness.js';

/**
 * Themes through GraphQL on the real server: an influencer proposes a theme from observations,
 * confirms it, moves it along the loop, merges and splits; an injected rise in one theme is
 * flagged by the rate test while a flat one is not; answers as of a past moment do not change
 * when later events arrive. All words and names are synthetic.
 */
describe('themes through GraphQL', () => {
  let api: ApiHarness;
  const ids: Record<string, string> = {};
  const category = `e2e_theme_${randomUUID().slice(0, 8)}`;
  const DAY = 86_400_000;
  const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

  const observe = async (occurredOn: string, organisationId = ids.org, whatHappened = 'Synthetic account of being asked to retell everything again'): Promise<string> =>
    (
      await api.ok(`mutation($i: RecordObservationInput!) { recordObservation(input: $i) { id } }`, {
        i: {
          kind: 'BARRIER',
          organisationId,
          areaId: ids.area,
          categoryId: category,
          whatHappened,
          impact: 'Synthetic impact',
          severity: 3,
          occurredOn,
        },
      })
    ).recordObservation.id;
  const propose = async (name: string, observationIds: string[]) =>
    (
      await api.ok(`mutation($i: ProposeThemeInput!) { proposeTheme(input: $i) { id } }`, {
        i: { name, description: 'Synthetic theme', categoryIds: [category], keyTerms: ['Retell'], observationIds },
      })
    ).proposeTheme.id as string;
  const trends = async (asOf?: string) =>
    (
      await api.ok(
        `query($asOf: DateTime) { themeTrends(asOf: $asOf) { recentFrom recentTo baselineFrom baselineTo alpha tested
           rising { themeId name direction recentCount expected baselineCount ratio pValue adjustedPValue }
           falling { themeId direction } } }`,
        { asOf },
      )
    ).themeTrends;

  beforeAll(async () => {
    api = await openApi();
    ids.area = (await api.ok(`mutation { registerArea(input: { name: "Theme Test Borough" }) { id } }`)).registerArea.id;
    for (const key of ['org', 'otherOrg']) {
      ids[key] = (
        await api.ok(`mutation($i: RegisterOrganisationInput!) { registerOrganisation(input: $i) { id } }`, {
          i: { name: `Synthetic Service ${key}`, kind: 'OTHER', areaId: ids.area },
        })
      ).registerOrganisation.id;
    }
    await api.ok(`mutation($i: AddCategoryInput!) { addCategory(input: $i) { id } }`, { i: { categoryId: category, name: 'Retelling', polarity: 'BARRIER' } });
  }, 60_000);
  afterAll(() => api?.close());

  it('proposes, confirms and moves a theme along the loop, keeping every step; refuses what the lifecycle does not allow', async () => {
    const evidence = [await observe(daysAgo(10)), await observe(daysAgo(12))];
    const themeId = await propose('Asked to retell the story', evidence);
    const duplicate = await api.graphql(`mutation($i: ProposeThemeInput!) { proposeTheme(input: $i) { id } }`, { i: { name: 'asked to retell the STORY' } });
    expect(duplicate.errors?.[0].extensions?.problems).toEqual([{ field: 'name', message: 'is already the name of another theme: choose another, or merge the two' }]);
    const early = await api.graphql(`mutation($i: ChangeThemeStatusInput!) { changeThemeStatus(input: $i) { id } }`, {
      i: { themeId, status: 'RAISED_WITH_SERVICES', note: 'too soon' },
    });
    expect(early.errors?.[0].extensions?.code).toBe('CONFLICT');
    await api.ok(`mutation($t: ID!) { confirmTheme(themeId: $t) { id } }`, { t: themeId });
    await api.ok(`mutation($i: ChangeThemeStatusInput!) { changeThemeStatus(input: $i) { id } }`, {
      i: { themeId, status: 'RAISED_WITH_SERVICES', note: 'Raised at the synthetic partnership meeting' },
    });
    const unknown = await api.graphql(`mutation($i: ThemeObservationsInput!) { linkObservations(input: $i) { id } }`, { i: { themeId, observationIds: [randomUUID()] } });
    expect(unknown.errors?.[0].extensions?.problems).toEqual([{ field: 'observationIds[0]', message: 'is not a recorded observation' }]);

    const theme = (
      await api.ok(`query($id: ID!) { theme(id: $id) { name status observationCount keyTerms observationIds trend(period: WEEK) { period count }
        history { change status note } } }`, { id: themeId })
    ).theme;
    expect(theme).toMatchObject({ name: 'Asked to retell the story', status: 'RAISED_WITH_SERVICES', observationCount: 2, keyTerms: ['retell'] });
    expect([...theme.observationIds].sort()).toEqual([...evidence].sort());
    expect(theme.trend.reduce((sum: number, p: { count: number }) => sum + p.count, 0)).toBe(2);
    expect(theme.history.map((h: { change: string; status: string }) => `${h.change}:${h.status}`)).toEqual([
      'proposed:EMERGING',
      'confirmed:CONFIRMED',
      'status_changed:RAISED_WITH_SERVICES',
    ]);
  });

  it('merges one theme into another (observations follow) and splits chosen observations off into a new theme', async () => {
    const a = [await observe(daysAgo(20)), await observe(daysAgo(21))];
    const b = [await observe(daysAgo(22)), await observe(daysAgo(23))];
    const first = await propose('Letters never answered', a);
    const second = await propose('Calls never returned', b);
    const mergeInput = { i: { themeId: first, intoThemeId: second } };
    const merge = `mutation($i: MergeThemesInput!, $c: ID) { mergeThemes(input: $i, commandId: $c) { id replayed } }`;
    const commandId = randomUUID();
    expect((await api.ok(merge, { ...mergeInput, c: commandId })).mergeThemes.replayed).toBe(false);
    expect((await api.ok(merge, { ...mergeInput, c: commandId })).mergeThemes.replayed).toBe(true);
    const after = await api.ok(`query($a: ID!, $b: ID!) { a: theme(id: $a) { status mergedInto observationCount } b: theme(id: $b) { observationCount } }`, { a: first, b: second });
    expect(after).toEqual({ a: { status: 'MERGED', mergedInto: second, observationCount: 0 }, b: { observationCount: 4 } });

    const split = await api.ok(`mutation($i: SplitThemeInput!) { splitTheme(input: $i) { id } }`, { i: { themeId: second, name: 'Letters lost in the post', observationIds: a } });
    const parts = await api.ok(`query($a: ID!, $b: ID!) { a: theme(id: $a) { observationCount splitFrom } b: theme(id: $b) { observationCount } }`, { a: split.splitTheme.id, b: second });
    expect(parts).toEqual({ a: { observationCount: 2, splitFrom: second }, b: { observationCount: 2 } });
  });

  it('flags an injected rise with the numbers behind it, not a flat theme, and answers as of a past moment the same after later events', async () => {
    // A flat theme: one a fortnight for a year. A rising one: one a fortnight, then three a week for the last eight weeks.
    const flat: string[] = [];
    const rising: string[] = [];
    for (let d = 3; d < 420; d += 14) flat.push(await observe(daysAgo(d), ids.otherOrg));
    for (let d = 60; d < 420; d += 14) rising.push(await observe(daysAgo(d)));
    for (let d = 1; d < 56; d += 2.4) rising.push(await observe(daysAgo(Math.floor(d))));
    const flatTheme = await propose('Synthetic flat theme', flat);
    const risingTheme = await propose('Synthetic rising theme', rising);

    const now = await trends();
    expect(now.rising.map((t: { themeId: string }) => t.themeId)).toEqual([risingTheme]);
    expect(now.falling).toEqual([]);
    const flagged = now.rising[0];
    expect(flagged.recentCount).toBe(rising.length - 26);
    expect(flagged.baselineCount).toBeGreaterThan(20);
    expect(flagged.ratio).toBeGreaterThan(3);
    expect(flagged.pValue).toBeLessThan(0.001);
    expect(flagged.adjustedPValue).toBeGreaterThanOrEqual(flagged.pValue);
    expect(flatTheme).not.toEqual(risingTheme);

    // As of this moment, before more evidence arrives.
    const moment = new Date().toISOString();
    const themesThen = await api.ok(`query($at: DateTime) { themes(asOf: $at) { id name status observationCount } }`, { at: moment });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await api.ok(`mutation($i: ThemeObservationsInput!) { linkObservations(input: $i) { id } }`, {
      i: { themeId: flatTheme, observationIds: [await observe(daysAgo(2), ids.otherOrg), await observe(daysAgo(3), ids.otherOrg)] },
    });
    await api.ok(`mutation($i: RedefineThemeInput!) { redefineTheme(input: $i) { id } }`, { i: { themeId: flatTheme, name: 'Synthetic flat theme, renamed' } });
    await api.ok(`mutation($t: ID!) { confirmTheme(themeId: $t) { id } }`, { t: flatTheme });
    expect(await api.ok(`query($at: DateTime) { themes(asOf: $at) { id name status observationCount } }`, { at: moment })).toEqual(themesThen);
    expect(await trends(moment)).toEqual(now);
    const current = (await api.ok(`query($id: ID!) { theme(id: $id) { name status observationCount } }`, { id: flatTheme })).theme;
    expect(current).toEqual({ name: 'Synthetic flat theme, renamed', status: 'CONFIRMED', observationCount: flat.length + 2 });
  }, 120_000);

  it('suggests the theme an unthemed observation looks like and clusters of alike ones, and never offers a dismissed one again', async () => {
    const lookalike = await observe(daysAgo(4), ids.org, 'Asked to retell everything again to yet another assessor');
    const housing = [
      'The housing officer stopped answering calls after the move to the new flat',
      'After the move the housing officer never answered calls or letters',
      'Housing officer stopped returning calls once the move happened',
      'No answer from the housing officer to calls after moving flat',
    ];
    const cluster: string[] = [];
    for (const [i, text] of housing.entries()) cluster.push(await observe(daysAgo(5 + i), ids.otherOrg, text));
    const query = `{ themeSuggestions { considered suggestions { observationId themeId themeName score sharedTerms } clusters { key observationIds terms cohesion } } }`;
    const first = (await api.ok(query)).themeSuggestions;
    expect(first.considered).toBeGreaterThanOrEqual(5);
    const forLookalike = first.suggestions.filter((s: { observationId: string }) => s.observationId === lookalike);
    // Every theme made above is evidenced by accounts of retelling: the look-alike is offered one of them, for that word.
    expect(forLookalike.length).toBeGreaterThan(0);
    expect(forLookalike[0].sharedTerms).toContain('retell');
    const proposal = first.clusters.find((c: { observationIds: string[] }) => cluster.every((id) => c.observationIds.includes(id)));
    expect(proposal).toBeDefined();
    expect(proposal.terms).toEqual(expect.arrayContaining(['housing', 'officer']));

    await api.ok(`mutation($i: DismissClusterProposalInput!) { dismissClusterProposal(input: $i) { id } }`, { i: { observationIds: proposal.observationIds } });
    await api.ok(`mutation($i: ThemeObservationsInput!) { dismissThemeSuggestions(input: $i) { id } }`, {
      i: { themeId: forLookalike[0].themeId, observationIds: [lookalike] },
    });
    const after = (await api.ok(query)).themeSuggestions;
    expect(after.clusters.find((c: { key: string }) => c.key === proposal.key)).toBeUndefined();
    expect(after.suggestions.filter((s: { observationId: string; themeId: string }) => s.observationId === lookalike && s.themeId === forLookalike[0].themeId)).toEqual([]);
  }, 60_000);
});
