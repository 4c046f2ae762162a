import { randomUUID } from 'node:crypto';
import { BACKENDS, openProjectionHarness, type ProjectionHarness } from '../../../projections/src/testing/index.js';
import { directoryProjection } from './directory.projection.js';

describe.each(BACKENDS)('directory read model (%s)', (backend) => {
  let h: ProjectionHarness;
  const ids = { area: randomUUID(), otherArea: randomUUID(), team: randomUUID(), otherTeam: randomUUID(), coach: randomUUID() };
  beforeEach(async () => {
    h = await openProjectionHarness(backend, [directoryProjection]);
  });
  afterEach(() => h.dispose());

  const registered = { type: 'area.registered', data: { areaId: ids.area, name: 'Northshire' } };
  const formed = { type: 'team.formed', data: { teamId: ids.team, areaId: ids.area, name: 'Riverside coaches' } };
  const joined = { type: 'coach.joined', data: { coachId: ids.coach, teamId: ids.team, displayName: 'Coach Synthetic', joinedOn: '2026-01-05' } };
  const coach = async () =>
    (
      await h.rows(
        `SELECT team_id, display_name, active, to_char(joined_on, 'YYYY-MM-DD') AS joined_on, to_char(left_on, 'YYYY-MM-DD') AS left_on
           FROM directory_coaches WHERE coach_id = $1`,
        [ids.coach],
      )
    )[0];

  it('given areas, teams and a coach with renames, a move and a leaving, then each table shows where things stand', async () => {
    await h.given(`area-${ids.area}`, registered, { type: 'area.renamed', data: { areaId: ids.area, name: 'North Borough' } });
    await h.given(`area-${ids.otherArea}`, { type: 'area.registered', data: { areaId: ids.otherArea, name: 'Southvale' } });
    await h.given(`team-${ids.team}`, formed, { type: 'team.renamed', data: { teamId: ids.team, name: 'Hillside coaches' } });
    await h.given(`team-${ids.otherTeam}`, { type: 'team.formed', data: { teamId: ids.otherTeam, areaId: ids.otherArea, name: 'Valley coaches' } });
    await h.given(`coach-${ids.coach}`, joined);
    await h.runner.catchUp();
    expect(await coach()).toEqual({ team_id: ids.team, display_name: 'Coach Synthetic', active: true, joined_on: '2026-01-05', left_on: null });

    await h.given(
      `coach-${ids.coach}`,
      { type: 'coach.moved_team', data: { coachId: ids.coach, fromTeamId: ids.team, toTeamId: ids.otherTeam, movedOn: '2026-03-01' } },
      { type: 'coach.left', data: { coachId: ids.coach, leftOn: '2026-06-30' } },
    );
    await h.runner.catchUp();
    expect(await h.rows('SELECT area_id, name FROM directory_areas ORDER BY name')).toEqual([
      { area_id: ids.area, name: 'North Borough' },
      { area_id: ids.otherArea, name: 'Southvale' },
    ]);
    expect(await h.rows('SELECT team_id, area_id, name FROM directory_teams WHERE team_id = $1', [ids.team])).toEqual([
      { team_id: ids.team, area_id: ids.area, name: 'Hillside coaches' },
    ]);
    expect(await coach()).toEqual({ team_id: ids.otherTeam, display_name: 'Coach Synthetic', active: false, joined_on: '2026-01-05', left_on: '2026-06-30' });
  });

  it('given the same events delivered twice, then nothing doubles or goes back', async () => {
    const first = [
      ...(await h.given(`area-${ids.area}`, registered)),
      ...(await h.given(`team-${ids.team}`, formed)),
      ...(await h.given(`coach-${ids.coach}`, joined)),
    ];
    const later = await h.given(`area-${ids.area}`, { type: 'area.renamed', data: { areaId: ids.area, name: 'North Borough' } });
    await h.runner.catchUp();
    expect(await h.runner.deliver('directory', [...first, ...later])).toBe(0);
    expect(await h.rows('SELECT name FROM directory_areas')).toEqual([{ name: 'North Borough' }]);
    expect(await h.rows('SELECT team_id FROM directory_teams')).toHaveLength(1);
    expect(await h.rows('SELECT coach_id FROM directory_coaches')).toHaveLength(1);
  });
});
