import { randomUUID } from 'node:crypto';
import { START } from '#libs/kernel';
import { DIRECTORY, type Directory } from '../../libs/capture/src/shared/directory.js';
import { DEFAULT_CATEGORIES } from '../../libs/capture/src/taxonomy/taxonomy.defaults.js';
import { TaxonomyDefaultsSeeder } from '../../libs/capture/src/taxonomy/taxonomy-defaults.seeder.js';
import { openApi, type ApiHarness } from './api-harness.js';

/**
 * The reference data through GraphQL: areas, teams and coaches; partner services in a hierarchy
 * (renamed, moved, merged, searched a page at a time); the observation categories. All names
 * here are synthetic.
 */
describe('reference data through GraphQL', () => {
  let api: ApiHarness;
  const ids = {
    north: randomUUID(),
    south: randomUUID(),
    riverside: randomUUID(),
    valley: randomUUID(),
    coach: randomUUID(),
    leaver: randomUUID(),
    council: randomUUID(),
    housing: randomUUID(),
    prevention: randomUUID(),
    duplicate: randomUUID(),
    register: randomUUID(),
    talking: randomUUID(),
  };

  beforeAll(async () => {
    api = await openApi();
  });
  afterAll(() => api?.close());

  const mutate = (name: string, inputType: string, input: Record<string, unknown>, extra = '') =>
    api.graphql(`mutation($i: ${inputType}!) { ${name}(input: $i${extra}) { id revision replayed } }`, { i: input });
  const ok = async (name: string, inputType: string, input: Record<string, unknown>) => {
    const result = await mutate(name, inputType, input);
    if (result.errors) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
    return result.data[name] as { id: string; revision: number; replayed: boolean };
  };
  const eventCount = async () => (await api.runtime.store.readAll({ after: START, limit: 100_000 })).length;

  describe('areas, teams and coaches', () => {
    it('registers areas, forms teams in them, and coaches join, move and leave', async () => {
      await ok('registerArea', 'RegisterAreaInput', { areaId: ids.north, name: 'Northshire' });
      await ok('registerArea', 'RegisterAreaInput', { areaId: ids.south, name: 'Southvale' });
      expect(await ok('renameArea', 'RenameAreaInput', { areaId: ids.north, name: 'North Borough' })).toMatchObject({ id: ids.north, revision: 1 });
      await ok('formTeam', 'FormTeamInput', { teamId: ids.riverside, areaId: ids.north, name: 'Riverside coaches' });
      await ok('formTeam', 'FormTeamInput', { teamId: ids.valley, areaId: ids.south, name: 'Valley coaches' });
      await ok('renameTeam', 'RenameTeamInput', { teamId: ids.valley, name: 'Valley link workers' });
      await ok('addCoach', 'AddCoachInput', { coachId: ids.coach, teamId: ids.riverside, displayName: 'Coach Synthetic', joinedOn: '2026-01-05' });
      await ok('addCoach', 'AddCoachInput', { coachId: ids.leaver, teamId: ids.riverside, displayName: 'Coach Leaving', joinedOn: '2026-01-05' });
      await ok('moveCoach', 'MoveCoachInput', { coachId: ids.coach, teamId: ids.valley, movedOn: '2026-02-01' });
      await ok('coachLeft', 'CoachLeftInput', { coachId: ids.leaver, leftOn: '2026-03-01' });

      const data = await api.ok(
        `query($north: ID!, $riverside: ID!, $valley: ID!) {
           areas { id name }
           north: teams(areaId: $north) { id name areaId }
           riverside: coaches(teamId: $riverside) { id }
           riversideAll: coaches(teamId: $riverside, includeLeft: true) { id displayName active joinedOn leftOn }
           valley: coaches(teamId: $valley) { id displayName active }
         }`,
        { north: ids.north, riverside: ids.riverside, valley: ids.valley },
      );
      expect(data.areas).toEqual(
        expect.arrayContaining([
          { id: ids.north, name: 'North Borough' },
          { id: ids.south, name: 'Southvale' },
        ]),
      );
      expect(data.north).toEqual([{ id: ids.riverside, name: 'Riverside coaches', areaId: ids.north }]);
      expect(data.riverside).toEqual([]);
      expect(data.riversideAll).toEqual([{ id: ids.leaver, displayName: 'Coach Leaving', active: false, joinedOn: '2026-01-05', leftOn: '2026-03-01' }]);
      expect(data.valley).toEqual([{ id: ids.coach, displayName: 'Coach Synthetic', active: true }]);
    });

    it('refuses a team in an area that does not exist, and a coach in a team that does not exist (NOT_FOUND, naming the field)', async () => {
      const before = await eventCount();
      const team = await mutate('formTeam', 'FormTeamInput', { areaId: randomUUID(), name: 'Nowhere coaches' });
      expect(team.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
      expect(team.errors?.[0].message).toContain('areaId');
      const coach = await mutate('addCoach', 'AddCoachInput', { teamId: randomUUID(), displayName: 'Coach Nowhere' });
      expect(coach.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
      expect(coach.errors?.[0].message).toContain('teamId');
      expect(await eventCount()).toBe(before);
    });

    it('refuses bad input naming every field, without echoing it', async () => {
      const result = await mutate('addCoach', 'AddCoachInput', { coachId: 'not-an-id', teamId: ids.riverside, displayName: ' ', joinedOn: '2999-01-01' });
      expect(result.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        problems: [
          { field: 'coachId', message: 'must be an id (UUID)' },
          { field: 'displayName', message: 'is required' },
          { field: 'joinedOn', message: 'cannot be in the future' },
        ],
      });
      expect(JSON.stringify(result.errors)).not.toContain('not-an-id');
    });

    it('lets a person join only where the area, team and an active coach exist', async () => {
      const join = (coachId: string, teamId = ids.valley) =>
        api.graphql(`mutation($i: JoinPersonInput!) { joinPerson(input: $i) { id } }`, {
          i: {
            displayName: 'Synthetic Person',
            referralSource: 'SELF',
            areaId: ids.south,
            teamId,
            coachId,
            joinedOn: '2026-03-02',
            consentToHoldInformation: true,
            consentToShareWordsAnonymised: false,
          },
        });
      await api.coachIn(ids.riverside);
      const missing = await join(randomUUID(), randomUUID());
      expect(missing.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
      expect(missing.errors?.[0].message).toContain('teamId');
      expect(missing.errors?.[0].message).toContain('coachId');
      expect(missing.errors?.[0].message).not.toContain('areaId');
      // A coach records people only in their own team.
      const notMine = await join(ids.coach);
      expect(notMine.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      await api.coachIn(ids.valley);
      const left = await join(ids.leaver);
      expect(left.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
      expect(left.errors?.[0].message).toContain('has left');
      const joined = await join(ids.coach);
      expect(joined.errors).toBeUndefined();
      const start = await api.graphql(`mutation($i: StartCoachingInput!) { startCoaching(input: $i) { id } }`, {
        i: { personId: joined.data.joinPerson.id, coachId: randomUUID(), startedOn: '2026-03-02' },
      });
      expect(start.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
      expect(start.errors?.[0].message).toContain('coachId');
    });
  });

  describe('organisations', () => {
    const register = (organisationId: string, name: string, kind: string, parentId: string | null = null, areaId = ids.north, odsCode?: string) =>
      ok('registerOrganisation', 'RegisterOrganisationInput', { organisationId, name, kind, areaId, parentId, odsCode });
    const tree = `id name children { id name children { id name children { id name } } }`;

    it('keeps a hierarchy (council, its housing options team, a team below that) that can be renamed and moved', async () => {
      await register(ids.council, 'Northshire Council', 'COUNCIL');
      await register(ids.housing, 'Housing Options', 'COUNCIL', ids.council);
      await register(ids.prevention, 'Homelessness Prevention', 'COUNCIL', ids.housing);
      await register(ids.talking, 'Talking Therapies', 'MENTAL_HEALTH', null, ids.north, 'rx4');
      await ok('renameOrganisation', 'RenameOrganisationInput', { organisationId: ids.housing, name: 'Housing Options and Advice' });

      const data = await api.ok(`query($id: ID!, $t: ID!) { organisationTree(rootId: $id) { ${tree} } talking: organisation(id: $t) { kind odsCode path } }`, {
        id: ids.council,
        t: ids.talking,
      });
      expect(data.organisationTree).toEqual([
        {
          id: ids.council,
          name: 'Northshire Council',
          children: [{ id: ids.housing, name: 'Housing Options and Advice', children: [{ id: ids.prevention, name: 'Homelessness Prevention', children: [] }] }],
        },
      ]);
      expect(data.talking).toEqual({ kind: 'MENTAL_HEALTH', odsCode: 'RX4', path: [ids.talking] });

      // Housing options moves, with the team below it, under the mental health service and back.
      await ok('moveOrganisation', 'MoveOrganisationInput', { organisationId: ids.housing, parentId: ids.talking });
      const moved = await api.ok(`query($id: ID!) { organisation(id: $id) { parentId path } }`, { id: ids.prevention });
      expect(moved.organisation).toEqual({ parentId: ids.housing, path: [ids.talking, ids.housing, ids.prevention] });
      await ok('moveOrganisation', 'MoveOrganisationInput', { organisationId: ids.housing, parentId: ids.council });
    });

    it('refuses a move that would make a cycle, and bad input', async () => {
      const before = await eventCount();
      const cycle = await mutate('moveOrganisation', 'MoveOrganisationInput', { organisationId: ids.council, parentId: ids.prevention });
      expect(cycle.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
      expect(cycle.errors?.[0].message).toContain('below it');
      const self = await mutate('moveOrganisation', 'MoveOrganisationInput', { organisationId: ids.council, parentId: ids.council });
      expect(self.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', problems: [{ field: 'parentId', message: 'cannot be the organisation itself' }] });
      const bad = await mutate('registerOrganisation', 'RegisterOrganisationInput', { name: 'GP Surgery', kind: 'GP_PRACTICE', areaId: ids.north, odsCode: 'A8-1001' });
      expect(bad.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', problems: [{ field: 'odsCode', message: 'must be 3 to 10 letters and digits' }] });
      const unknownParent = await mutate('registerOrganisation', 'RegisterOrganisationInput', {
        name: 'Lost team',
        kind: 'OTHER',
        areaId: ids.north,
        parentId: randomUUID(),
      });
      expect(unknownParent.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
      expect(unknownParent.errors?.[0].message).toContain('parentId');
      expect(await eventCount()).toBe(before);
    });

    it('merges a duplicate record: it becomes an alias, refuses changes, and what was below it follows the survivor', async () => {
      await register(ids.duplicate, 'Northshire Housing Options', 'COUNCIL');
      await register(ids.register, 'Housing Register', 'COUNCIL', ids.duplicate);
      const merge = await ok('mergeOrganisations', 'MergeOrganisationsInput', { organisationId: ids.duplicate, intoOrganisationId: ids.housing });
      expect(merge).toMatchObject({ id: ids.duplicate, revision: 1, replayed: false });

      const alias = await api.ok(`query($id: ID!) { organisation(id: $id) { id mergedInto } }`, { id: ids.duplicate });
      expect(alias.organisation).toEqual({ id: ids.duplicate, mergedInto: ids.housing });
      for (const [name, type, input] of [
        ['renameOrganisation', 'RenameOrganisationInput', { organisationId: ids.duplicate, name: 'Anything' }],
        ['moveOrganisation', 'MoveOrganisationInput', { organisationId: ids.duplicate, parentId: null }],
        ['mergeOrganisations', 'MergeOrganisationsInput', { organisationId: ids.duplicate, intoOrganisationId: ids.talking }],
      ] as const) {
        const refused = await mutate(name, type, input);
        expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
        expect(refused.errors?.[0].message).toContain(`merged into ${ids.housing}`);
      }
      const underAlias = await mutate('registerOrganisation', 'RegisterOrganisationInput', {
        name: 'Allocations',
        kind: 'COUNCIL',
        areaId: ids.north,
        parentId: ids.duplicate,
      });
      expect(underAlias.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
      expect(underAlias.errors?.[0].message).toContain('parentId');

      const directory = api.app.get<Directory>(DIRECTORY);
      expect((await directory.organisationAndDescendants(ids.council)).sort()).toEqual(
        [ids.council, ids.housing, ids.prevention, ids.duplicate, ids.register].sort(),
      );
      expect((await directory.organisationAndDescendants(ids.duplicate)).sort()).toEqual([ids.housing, ids.prevention, ids.duplicate, ids.register].sort());

      const data = await api.ok(`query($id: ID!) { organisationTree(rootId: $id) { ${tree} } }`, { id: ids.duplicate });
      expect(data.organisationTree).toEqual([
        {
          id: ids.housing,
          name: 'Housing Options and Advice',
          children: [
            { id: ids.prevention, name: 'Homelessness Prevention', children: [] },
            { id: ids.register, name: 'Housing Register', children: [] },
          ],
        },
      ]);
    });

    it('searches by part of the name in any case, a page at a time, and filters by area and kind', async () => {
      const surgeries = ['Elm Street SURGERY', 'Ash Surgery', 'Birch surgery', 'Cedar Surgery', 'Drum Surgery 100%'];
      for (const name of surgeries) await register(randomUUID(), name, 'GP_PRACTICE', null, ids.south);
      await register(randomUUID(), 'Surgery Road Jobcentre', 'DWP_JOBCENTRE', null, ids.south);

      const page = `query($after: String) { organisations(search: "surgery", areaId: "${ids.south}", kind: GP_PRACTICE, first: 2, after: $after) {
        totalCount edges { cursor node { name kind areaId mergedInto } } pageInfo { hasNextPage endCursor } } }`;
      const names: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const data: any = await api.ok(page, { after });
        const connection = data.organisations;
        expect(connection.totalCount).toBe(5);
        expect(connection.edges.length).toBeLessThanOrEqual(2);
        for (const edge of connection.edges) {
          expect(edge.node).toMatchObject({ kind: 'GP_PRACTICE', areaId: ids.south, mergedInto: null });
          names.push(edge.node.name);
        }
        pages += 1;
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect(pages).toBe(3);
      expect(names).toEqual(['Ash Surgery', 'Birch surgery', 'Cedar Surgery', 'Drum Surgery 100%', 'Elm Street SURGERY']);

      const special = await api.ok(`{ organisations(search: "100%") { edges { node { name } } } }`);
      expect(special.organisations.edges).toEqual([{ node: { name: 'Drum Surgery 100%' } }]);
      const housing = await api.ok(`{ organisations(search: "housing options") { totalCount edges { node { id } } } }`);
      // The merged record is left out of search: only the survivor is found.
      expect(housing.organisations).toEqual({ totalCount: 1, edges: [{ node: { id: ids.housing } }] });

      const badPage = await api.graphql(`{ organisations(first: 0, after: "nonsense") { totalCount } }`);
      expect(badPage.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('observation categories', () => {
    const categories = async (includeRetired = false) =>
      (await api.ok(`query($r: Boolean) { categories(includeRetired: $r) { id name polarity retired position } }`, { r: includeRetired })).categories as Array<{
        id: string;
        name: string;
        polarity: string;
        retired: boolean;
      }>;

    it('has the default categories after start, once, however often the defaults are sent again', async () => {
      await api.runtime.projections.waitFor(await api.runtime.store.headPosition(), { projections: ['taxonomy'], timeoutMs: 5000 });
      const seeded = await categories();
      expect(seeded.map((c) => c.id)).toEqual(DEFAULT_CATEGORIES.map((c) => c.categoryId));
      expect(seeded.find((c) => c.id === 'good_practice')).toMatchObject({ polarity: 'BRIGHT_SPOT', retired: false });
      expect(seeded.find((c) => c.id === 'other')).toMatchObject({ polarity: 'BARRIER' });
      expect(seeded.find((c) => c.id === 'other_bright_spot')).toMatchObject({ polarity: 'BRIGHT_SPOT' });

      const before = await eventCount();
      const again = await api.app.get(TaxonomyDefaultsSeeder).seed();
      expect(again.replayed).toBe(true);
      expect(await eventCount()).toBe(before);
    });

    it('adds, renames and retires categories, keeping their ids', async () => {
      const added = await ok('addCategory', 'AddCategoryInput', { name: 'Digital exclusion', polarity: 'BARRIER' });
      expect(added.id).toBe('digital_exclusion');
      await ok('renameCategory', 'RenameCategoryInput', { categoryId: 'digital_exclusion', name: 'Digital only, no other way in' });
      await ok('retireCategory', 'RetireCategoryInput', { categoryId: 'waiting_times' });

      const current = await categories();
      expect(current.map((c) => c.id)).not.toContain('waiting_times');
      expect(current[current.length - 1]).toMatchObject({ id: 'digital_exclusion', name: 'Digital only, no other way in', polarity: 'BARRIER' });
      expect((await categories(true)).find((c) => c.id === 'waiting_times')).toMatchObject({ retired: true });

      const dup = await mutate('addCategory', 'AddCategoryInput', { categoryId: 'labels', name: 'labels and STIGMA', polarity: 'BARRIER' });
      expect(dup.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
      const bad = await mutate('addCategory', 'AddCategoryInput', { categoryId: 'Not A Slug', name: 'Something', polarity: 'BRIGHT_SPOT' });
      expect(bad.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        problems: [{ field: 'categoryId', message: 'must be lower-case letters, digits and single underscores, starting with a letter' }],
      });
      const missing = await mutate('renameCategory', 'RenameCategoryInput', { categoryId: 'no_such_category', name: 'X' });
      expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('says CONFLICT when a change was made on an older revision of the categories', async () => {
      const stale = await mutate('renameCategory', 'RenameCategoryInput', { categoryId: 'good_practice', name: 'What worked well' }, ', expectedRevision: 0');
      expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    });
  });
});
