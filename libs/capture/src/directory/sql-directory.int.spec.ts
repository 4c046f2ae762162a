import { randomUUID } from 'node:crypto';
import { BACKENDS, openProjectionHarness, type ProjectionHarness } from '../../../projections/src/testing/index.js';
import { organisationsProjection } from '../organisations/organisations.projection.js';
import { TAXONOMY_STREAM } from '../taxonomy/taxonomy.events.js';
import { taxonomyProjection } from '../taxonomy/taxonomy.projection.js';
import { directoryProjection } from './directory.projection.js';
import { SqlDirectory } from './sql-directory.js';

describe.each(BACKENDS)('the Directory over the read models (%s)', (backend) => {
  let h: ProjectionHarness;
  let directory: SqlDirectory;
  const ids = {
    area: randomUUID(),
    team: randomUUID(),
    coach: randomUUID(),
    council: randomUUID(),
    housing: randomUUID(),
    duplicate: randomUUID(),
    other: randomUUID(),
  };
  beforeAll(async () => {
    h = await openProjectionHarness(backend, [directoryProjection, organisationsProjection, taxonomyProjection]);
    directory = new SqlDirectory(h.db);
    const org = (id: string, name: string, parentId: string | null) => ({
      type: 'organisation.registered',
      data: { organisationId: id, name, kind: 'council', areaId: ids.area, parentId, odsCode: null },
    });
    await h.given(`area-${ids.area}`, { type: 'area.registered', data: { areaId: ids.area, name: 'Northshire' } });
    await h.given(`team-${ids.team}`, { type: 'team.formed', data: { teamId: ids.team, areaId: ids.area, name: 'Riverside coaches' } });
    await h.given(
      `coach-${ids.coach}`,
      { type: 'coach.joined', data: { coachId: ids.coach, teamId: ids.team, displayName: 'Coach Synthetic', joinedOn: '2026-01-05' } },
      { type: 'coach.left', data: { coachId: ids.coach, leftOn: '2026-06-30' } },
    );
    await h.given(`organisation-${ids.council}`, org(ids.council, 'Northshire Council', null));
    await h.given(`organisation-${ids.housing}`, org(ids.housing, 'Housing Options', ids.council));
    await h.given(`organisation-${ids.duplicate}`, org(ids.duplicate, 'Housing Options (again)', null));
    await h.given(`organisation-${ids.other}`, org(ids.other, 'Southvale Council', null));
    await h.given(`organisation-${ids.duplicate}`, { type: 'organisation.merged', data: { organisationId: ids.duplicate, intoOrganisationId: ids.housing } });
    await h.given(
      TAXONOMY_STREAM,
      { type: 'category.added', data: { categoryId: 'waiting_times', name: 'Waiting times', polarity: 'barrier' } },
      { type: 'category.retired', data: { categoryId: 'waiting_times' } },
    );
    await h.runner.catchUp();
  });
  afterAll(() => h.dispose());

  it('finds areas, teams and coaches, and says whether a coach is still active', async () => {
    expect(await directory.area(ids.area)).toEqual({ id: ids.area, name: 'Northshire' });
    expect(await directory.team(ids.team)).toEqual({ id: ids.team, name: 'Riverside coaches', areaId: ids.area });
    expect(await directory.coach(ids.coach)).toEqual({ id: ids.coach, teamId: ids.team, active: false });
  });

  it('finds nothing for unknown ids, or for text that is not an id', async () => {
    expect(await directory.area(randomUUID())).toBeUndefined();
    expect(await directory.team('not-an-id')).toBeUndefined();
    expect(await directory.organisation('not-an-id')).toBeUndefined();
    expect(await directory.organisationAndDescendants(randomUUID())).toEqual([]);
    expect(await directory.category('no_such_category')).toBeUndefined();
  });

  it('returns a merged organisation with its survivor, and descendant look-ups follow the survivor', async () => {
    expect(await directory.organisation(ids.duplicate)).toMatchObject({ id: ids.duplicate, mergedInto: ids.housing });
    expect(await directory.organisation(ids.housing)).toMatchObject({ parentId: ids.council, mergedInto: null, kind: 'council', areaId: ids.area });
    expect(await directory.organisationAndDescendants(ids.council)).toEqual([ids.council, ids.housing, ids.duplicate]);
    expect(await directory.organisationAndDescendants(ids.duplicate)).toEqual([ids.housing, ids.duplicate]);
    expect(await directory.organisationAndDescendants(ids.other)).toEqual([ids.other]);
  });

  it('finds categories, retired ones too', async () => {
    expect(await directory.category('waiting_times')).toEqual({ id: 'waiting_times', name: 'Waiting times', polarity: 'barrier', retired: true });
  });
});
