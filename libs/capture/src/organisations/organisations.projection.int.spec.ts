import { randomUUID } from 'node:crypto';
import { BACKENDS, openProjectionHarness, type ProjectionHarness } from '../../../projections/src/testing/index.js';
import { organisationsProjection } from './organisations.projection.js';

describe.each(BACKENDS)('organisations read model (%s)', (backend) => {
  let h: ProjectionHarness;
  const area = randomUUID();
  const ids = {
    council: randomUUID(),
    housing: randomUUID(),
    homeless: randomUUID(),
    nhs: randomUUID(),
    duplicate: randomUUID(),
    dupChild: randomUUID(),
    older: randomUUID(),
  };
  beforeEach(async () => {
    h = await openProjectionHarness(backend, [organisationsProjection]);
  });
  afterEach(() => h.dispose());

  const registered = (id: string, name: string, parentId: string | null = null, kind = 'council', odsCode: string | null = null) => ({
    type: 'organisation.registered',
    data: { organisationId: id, name, kind, areaId: area, parentId, odsCode },
  });
  const given = (id: string, ...events: Array<{ type: string; data: unknown }>) => h.given(`organisation-${id}`, ...events);
  const nodes = async () => {
    const rows = await h.rows<{ organisation_id: string; parent_id: string | null; merged_into: string | null; ancestors: string[] }>(
      'SELECT organisation_id, parent_id, merged_into, ancestors FROM organisations_nodes',
    );
    return new Map(rows.map((r) => [r.organisation_id, r]));
  };
  const below = async (id: string) =>
    (await h.rows<{ organisation_id: string }>('SELECT organisation_id FROM organisations_nodes WHERE ancestors @> ARRAY[$1::uuid] ORDER BY organisation_id', [id]))
      .map((r) => r.organisation_id)
      .sort();

  async function council() {
    await given(ids.council, registered(ids.council, 'Northshire Council'));
    await given(ids.housing, registered(ids.housing, 'Housing Options', ids.council));
    await given(ids.homeless, registered(ids.homeless, 'Homeless Prevention', ids.housing));
    await given(ids.nhs, registered(ids.nhs, 'Northshire Talking Therapies', null, 'mental_health', 'RX4'));
  }

  it('given a council with a housing options team and a team below that, then ancestors run from the root to each node', async () => {
    await council();
    await given(ids.housing, { type: 'organisation.renamed', data: { organisationId: ids.housing, name: 'Housing Options and Advice' } });
    await h.runner.catchUp();
    const n = await nodes();
    expect(n.get(ids.homeless)?.ancestors).toEqual([ids.council, ids.housing, ids.homeless]);
    expect(n.get(ids.nhs)?.ancestors).toEqual([ids.nhs]);
    expect(await below(ids.council)).toEqual([ids.council, ids.housing, ids.homeless].sort());
    expect(await h.rows('SELECT name, kind, ods_code FROM organisations_nodes WHERE organisation_id IN ($1, $2) ORDER BY name', [ids.housing, ids.nhs])).toEqual([
      { name: 'Housing Options and Advice', kind: 'council', ods_code: null },
      { name: 'Northshire Talking Therapies', kind: 'mental_health', ods_code: 'RX4' },
    ]);
  });

  it('given a node moves, then its whole subtree follows, and moving to the top makes it a root', async () => {
    await council();
    await given(ids.housing, { type: 'organisation.moved', data: { organisationId: ids.housing, fromParentId: ids.council, toParentId: ids.nhs } });
    await h.runner.catchUp();
    let n = await nodes();
    expect(n.get(ids.housing)).toMatchObject({ parent_id: ids.nhs, ancestors: [ids.nhs, ids.housing] });
    expect(n.get(ids.homeless)?.ancestors).toEqual([ids.nhs, ids.housing, ids.homeless]);
    expect(await below(ids.council)).toEqual([ids.council]);

    await given(ids.housing, { type: 'organisation.moved', data: { organisationId: ids.housing, fromParentId: ids.nhs, toParentId: null } });
    await h.runner.catchUp();
    n = await nodes();
    expect(n.get(ids.housing)).toMatchObject({ parent_id: null, ancestors: [ids.housing] });
    expect(n.get(ids.homeless)?.ancestors).toEqual([ids.housing, ids.homeless]);
  });

  it('given a duplicate with a child is merged, then it becomes an alias below the survivor and its child moves to the survivor', async () => {
    await council();
    await given(ids.duplicate, registered(ids.duplicate, 'Housing Options (duplicate)', ids.council));
    await given(ids.dupChild, registered(ids.dupChild, 'Housing Register', ids.duplicate));
    await given(ids.duplicate, { type: 'organisation.merged', data: { organisationId: ids.duplicate, intoOrganisationId: ids.housing } });
    await h.runner.catchUp();
    const n = await nodes();
    expect(n.get(ids.duplicate)).toMatchObject({ merged_into: ids.housing, parent_id: ids.council, ancestors: [ids.council, ids.housing, ids.duplicate] });
    expect(n.get(ids.dupChild)).toMatchObject({ merged_into: null, parent_id: ids.housing, ancestors: [ids.council, ids.housing, ids.dupChild] });
    expect(await below(ids.housing)).toEqual([ids.housing, ids.homeless, ids.duplicate, ids.dupChild].sort());
  });

  it('given a chain of merges in order, then every alias sits below the final survivor', async () => {
    await council();
    await given(ids.duplicate, registered(ids.duplicate, 'Housing Options (duplicate)'));
    await given(ids.older, registered(ids.older, 'Old Housing Options'));
    await given(ids.older, { type: 'organisation.merged', data: { organisationId: ids.older, intoOrganisationId: ids.duplicate } });
    await given(ids.duplicate, { type: 'organisation.merged', data: { organisationId: ids.duplicate, intoOrganisationId: ids.housing } });
    await h.runner.catchUp();
    const n = await nodes();
    expect(n.get(ids.older)).toMatchObject({ merged_into: ids.housing, ancestors: [ids.council, ids.housing, ids.duplicate, ids.older] });
    expect(await below(ids.housing)).toEqual([ids.housing, ids.homeless, ids.duplicate, ids.older].sort());
    expect(await below(ids.council)).toHaveLength(5);
  });

  it('given the same events delivered twice, then nothing doubles and the tree stays as it was', async () => {
    const events = [
      ...(await given(ids.council, registered(ids.council, 'Northshire Council'))),
      ...(await given(ids.housing, registered(ids.housing, 'Housing Options', ids.council))),
      ...(await given(ids.duplicate, registered(ids.duplicate, 'Housing Options (duplicate)', ids.council))),
      ...(await given(ids.duplicate, { type: 'organisation.merged', data: { organisationId: ids.duplicate, intoOrganisationId: ids.housing } })),
      ...(await given(ids.housing, { type: 'organisation.moved', data: { organisationId: ids.housing, fromParentId: ids.council, toParentId: null } })),
    ];
    await h.runner.catchUp();
    const before = await nodes();
    expect(await h.runner.deliver('organisations', events)).toBe(0);
    expect(await nodes()).toEqual(before);
    expect(before.size).toBe(3);
    expect(before.get(ids.duplicate)?.ancestors).toEqual([ids.housing, ids.duplicate]);
  });
});
