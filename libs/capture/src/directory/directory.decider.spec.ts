import { ConflictError, NotFoundError } from '#libs/kernel';
import { given } from '../testing/given-when-then.js';
import { areaDecider, coachDecider, teamDecider } from './directory.decider.js';
import type { AreaEvent, CoachEvent, TeamEvent } from './directory.events.js';

const ids = { area: 'a1', team: 't1', otherTeam: 't2', coach: 'c1' };

describe('an area', () => {
  const registered: AreaEvent = { type: 'area.registered', data: { areaId: ids.area, name: 'Northshire' } };

  it('given nothing, when it is registered, then it is registered with its name', () => {
    given(areaDecider).when({ kind: 'register', areaId: ids.area, name: 'Northshire' }).then([registered]);
  });

  it('given a registered area, when it is registered again, then it is refused', () => {
    given(areaDecider, registered).when({ kind: 'register', areaId: ids.area, name: 'Other' }).thenThrows(ConflictError, 'already registered');
  });

  it('given a registered area, when it is renamed, then the new name is recorded', () => {
    given(areaDecider, registered)
      .when({ kind: 'rename', name: 'North Borough' })
      .then([{ type: 'area.renamed', data: { areaId: ids.area, name: 'North Borough' } }]);
  });

  it('given a registered area, when it is renamed to its own name, then nothing is recorded', () => {
    given(areaDecider, registered).when({ kind: 'rename', name: 'Northshire' }).then([]);
  });

  it('given nothing, when an area is renamed, then it is not found', () => {
    given(areaDecider).when({ kind: 'rename', name: 'X' }).thenThrows(NotFoundError, 'No area');
  });
});

describe('a team', () => {
  const formed: TeamEvent = { type: 'team.formed', data: { teamId: ids.team, areaId: ids.area, name: 'Riverside coaches' } };

  it('given nothing, when it is formed in an area, then it is formed there', () => {
    given(teamDecider).when({ kind: 'form', teamId: ids.team, areaId: ids.area, name: 'Riverside coaches' }).then([formed]);
  });

  it('given a team, when it is formed again, then it is refused', () => {
    given(teamDecider, formed).when({ kind: 'form', teamId: ids.team, areaId: ids.area, name: 'X' }).thenThrows(ConflictError, 'already been formed');
  });

  it('given a team, when it is renamed, then the new name is recorded', () => {
    given(teamDecider, formed)
      .when({ kind: 'rename', name: 'Hillside coaches' })
      .then([{ type: 'team.renamed', data: { teamId: ids.team, name: 'Hillside coaches' } }]);
  });

  it('given nothing, when a team is renamed, then it is not found', () => {
    given(teamDecider).when({ kind: 'rename', name: 'X' }).thenThrows(NotFoundError, 'No team');
  });
});

describe('a coach', () => {
  const joined: CoachEvent = { type: 'coach.joined', data: { coachId: ids.coach, teamId: ids.team, displayName: 'Coach Synthetic', joinedOn: '2026-01-05' } };
  const left: CoachEvent = { type: 'coach.left', data: { coachId: ids.coach, leftOn: '2026-06-30' } };

  it('given nothing, when a coach joins a team, then they joined, active', () => {
    const scene = given(coachDecider);
    scene.when({ kind: 'join', coachId: ids.coach, teamId: ids.team, displayName: 'Coach Synthetic', joinedOn: '2026-01-05' }).then([joined]);
    expect(given(coachDecider, joined).state.active).toBe(true);
  });

  it('given a coach, when they join again, then it is refused', () => {
    given(coachDecider, joined)
      .when({ kind: 'join', coachId: ids.coach, teamId: ids.team, displayName: 'X', joinedOn: '2026-01-05' })
      .thenThrows(ConflictError, 'already joined');
  });

  it('given a coach, when they move to another team, then the move names both teams', () => {
    given(coachDecider, joined)
      .when({ kind: 'move_team', toTeamId: ids.otherTeam, movedOn: '2026-03-01' })
      .then([{ type: 'coach.moved_team', data: { coachId: ids.coach, fromTeamId: ids.team, toTeamId: ids.otherTeam, movedOn: '2026-03-01' } }]);
  });

  it('given a coach, when moved to the team they are in, then nothing is recorded', () => {
    given(coachDecider, joined).when({ kind: 'move_team', toTeamId: ids.team, movedOn: '2026-03-01' }).then([]);
  });

  it('given a coach, when a move is dated before they joined, then it is refused', () => {
    given(coachDecider, joined).when({ kind: 'move_team', toTeamId: ids.otherTeam, movedOn: '2025-12-01' }).thenThrows(ConflictError, 'cannot be dated before');
  });

  it('given a coach, when they leave, then they are no longer active', () => {
    given(coachDecider, joined).when({ kind: 'leave', leftOn: '2026-06-30' }).then([left]);
    expect(given(coachDecider, joined, left).state.active).toBe(false);
  });

  it('given a coach who left, when they are moved or leave again, then it is refused', () => {
    given(coachDecider, joined, left).when({ kind: 'move_team', toTeamId: ids.otherTeam, movedOn: '2026-07-01' }).thenThrows(ConflictError, 'has left');
    given(coachDecider, joined, left).when({ kind: 'leave', leftOn: '2026-07-01' }).thenThrows(ConflictError, 'has left');
  });

  it('given nobody, when a coach leaves, then it is not found', () => {
    given(coachDecider).when({ kind: 'leave', leftOn: '2026-07-01' }).thenThrows(NotFoundError, 'No coach');
  });
});
