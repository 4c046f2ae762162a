import { ConflictError, NotFoundError } from '#libs/kernel';
import type { CoachRef, Directory } from '../shared/directory.js';

/**
 * Checks that span aggregates, through the Directory read models: the area, team or coach a
 * command refers to must exist. Missing ones are all named at once, by field.
 */
export async function requireArea(directory: Directory, areaId: string, field = 'areaId'): Promise<void> {
  if (!(await directory.area(areaId))) throw new NotFoundError(`${field}: no area with this id is registered.`);
}

export async function requireTeam(directory: Directory, teamId: string, field = 'teamId'): Promise<void> {
  if (!(await directory.team(teamId))) throw new NotFoundError(`${field}: no team with this id has been formed.`);
}

/** The coach exists and has not left. */
export async function requireActiveCoach(directory: Directory, coachId: string, field = 'coachId'): Promise<CoachRef> {
  const coach = await directory.coach(coachId);
  if (!coach) throw new NotFoundError(`${field}: no coach with this id has joined.`);
  if (!coach.active) throw new ConflictError(`${field}: this coach has left; choose a coach who is active.`);
  return coach;
}

/** Where a person is coached: the area, the team and an active coach all exist. */
export async function requirePlacement(
  directory: Directory,
  placement: { readonly areaId: string; readonly teamId: string; readonly coachId: string },
): Promise<void> {
  const [area, team, coach] = await Promise.all([
    directory.area(placement.areaId),
    directory.team(placement.teamId),
    directory.coach(placement.coachId),
  ]);
  const missing: string[] = [];
  if (!area) missing.push('areaId: no area with this id is registered');
  if (!team) missing.push('teamId: no team with this id has been formed');
  if (!coach) missing.push('coachId: no coach with this id has joined');
  if (missing.length > 0) throw new NotFoundError(`${missing.join('; ')}.`);
  if (!coach!.active) throw new ConflictError('coachId: this coach has left; choose a coach who is active.');
}
