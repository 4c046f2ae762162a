/**
 * Where coaching happens: areas (a borough or county), the teams in them and the coaches in
 * those teams. Staff reference data, not personal data about the people coached: a coach's
 * display name is stored as written. Every event carries the id of its own record.
 */
export type AreaEvent =
  | { type: 'area.registered'; data: { areaId: string; name: string } }
  | { type: 'area.renamed'; data: { areaId: string; name: string } };

export type TeamEvent =
  | { type: 'team.formed'; data: { teamId: string; areaId: string; name: string } }
  | { type: 'team.renamed'; data: { teamId: string; name: string } };

export type CoachEvent =
  | { type: 'coach.joined'; data: { coachId: string; teamId: string; displayName: string; joinedOn: string } }
  | { type: 'coach.moved_team'; data: { coachId: string; fromTeamId: string; toTeamId: string; movedOn: string } }
  | { type: 'coach.left'; data: { coachId: string; leftOn: string } };

export const AREA_EVENT_TYPES = ['area.registered', 'area.renamed'] as const;
export const TEAM_EVENT_TYPES = ['team.formed', 'team.renamed'] as const;
export const COACH_EVENT_TYPES = ['coach.joined', 'coach.moved_team', 'coach.left'] as const;

export function areaStream(areaId: string): string {
  return `area-${areaId}`;
}

export function teamStream(teamId: string): string {
  return `team-${teamId}`;
}

export function coachStream(coachId: string): string {
  return `coach-${coachId}`;
}
