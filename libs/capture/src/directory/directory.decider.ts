import { ConflictError, type Decider, NotFoundError } from '#libs/kernel';
import type { AreaEvent, CoachEvent, TeamEvent } from './directory.events.js';

// ---------------------------------------------------------------------------------------------
// Areas

export type AreaCommand = { kind: 'register'; areaId: string; name: string } | { kind: 'rename'; name: string };

export interface AreaState {
  readonly registered: boolean;
  readonly areaId?: string;
  readonly name?: string;
}

export const areaDecider: Decider<AreaCommand, AreaEvent, AreaState> = {
  initialState: { registered: false },

  evolve(state, event) {
    switch (event.type) {
      case 'area.registered':
        return { registered: true, areaId: event.data.areaId, name: event.data.name };
      case 'area.renamed':
        return { ...state, name: event.data.name };
    }
  },

  decide(command, state) {
    if (command.kind === 'register') {
      if (state.registered) throw new ConflictError('An area with this id is already registered.');
      return [{ type: 'area.registered', data: { areaId: command.areaId, name: command.name } }];
    }
    if (!state.registered || !state.areaId) throw new NotFoundError('No area with this id is registered.');
    if (command.name === state.name) return [];
    return [{ type: 'area.renamed', data: { areaId: state.areaId, name: command.name } }];
  },
};

// ---------------------------------------------------------------------------------------------
// Teams

export type TeamCommand = { kind: 'form'; teamId: string; areaId: string; name: string } | { kind: 'rename'; name: string };

export interface TeamState {
  readonly formed: boolean;
  readonly teamId?: string;
  readonly areaId?: string;
  readonly name?: string;
}

export const teamDecider: Decider<TeamCommand, TeamEvent, TeamState> = {
  initialState: { formed: false },

  evolve(state, event) {
    switch (event.type) {
      case 'team.formed':
        return { formed: true, teamId: event.data.teamId, areaId: event.data.areaId, name: event.data.name };
      case 'team.renamed':
        return { ...state, name: event.data.name };
    }
  },

  decide(command, state) {
    if (command.kind === 'form') {
      if (state.formed) throw new ConflictError('A team with this id has already been formed.');
      return [{ type: 'team.formed', data: { teamId: command.teamId, areaId: command.areaId, name: command.name } }];
    }
    if (!state.formed || !state.teamId) throw new NotFoundError('No team with this id has been formed.');
    if (command.name === state.name) return [];
    return [{ type: 'team.renamed', data: { teamId: state.teamId, name: command.name } }];
  },
};

// ---------------------------------------------------------------------------------------------
// Coaches

export type CoachCommand =
  | { kind: 'join'; coachId: string; teamId: string; displayName: string; joinedOn: string }
  | { kind: 'move_team'; toTeamId: string; movedOn: string }
  | { kind: 'leave'; leftOn: string };

export interface CoachState {
  readonly joined: boolean;
  readonly coachId?: string;
  readonly teamId?: string;
  readonly active: boolean;
  /** The date of the latest change: later changes cannot be dated before it. */
  readonly since?: string;
}

export const coachDecider: Decider<CoachCommand, CoachEvent, CoachState> = {
  initialState: { joined: false, active: false },

  evolve(state, event) {
    switch (event.type) {
      case 'coach.joined':
        return { joined: true, active: true, coachId: event.data.coachId, teamId: event.data.teamId, since: event.data.joinedOn };
      case 'coach.moved_team':
        return { ...state, teamId: event.data.toTeamId, since: event.data.movedOn };
      case 'coach.left':
        return { ...state, active: false, since: event.data.leftOn };
    }
  },

  decide(command, state) {
    if (command.kind === 'join') {
      if (state.joined) throw new ConflictError('A coach with this id has already joined.');
      const { kind: _kind, ...data } = command;
      return [{ type: 'coach.joined', data }];
    }
    if (!state.joined || !state.coachId || !state.teamId) throw new NotFoundError('No coach with this id has joined.');
    if (!state.active) throw new ConflictError('This coach has left: nothing more can change for them.');
    const notBefore = (date: string, what: string) => {
      if (state.since && date < state.since) throw new ConflictError(`${what} cannot be dated before ${state.since}, the coach's last change.`);
    };
    switch (command.kind) {
      case 'move_team':
        if (command.toTeamId === state.teamId) return [];
        notBefore(command.movedOn, 'A move');
        return [{ type: 'coach.moved_team', data: { coachId: state.coachId, fromTeamId: state.teamId, toTeamId: command.toTeamId, movedOn: command.movedOn } }];
      case 'leave':
        notBefore(command.leftOn, 'Leaving');
        return [{ type: 'coach.left', data: { coachId: state.coachId, leftOn: command.leftOn } }];
    }
  },
};
