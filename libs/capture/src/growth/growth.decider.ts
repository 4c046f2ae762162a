import { ConflictError, type Decider, NotFoundError, type Sealed } from '#libs/kernel';
import type { AspirationStatus, ConnectionKind, GrowthEvent, StrengthNoticer } from './growth.events.js';

export type GrowthCommand =
  | { kind: 'set_aspiration'; aspirationId: string; inPersonsWords: Sealed; setOn: string }
  | { kind: 'note_progress'; aspirationId: string; note: Sealed; notedOn: string }
  | { kind: 'achieve_aspiration'; aspirationId: string; achievedOn: string; note?: Sealed }
  | { kind: 'change_aspiration'; aspirationId: string; newAspirationId: string; inPersonsWords: Sealed; changedOn: string; note?: Sealed }
  | { kind: 'let_go_of_aspiration'; aspirationId: string; letGoOn: string; note?: Sealed }
  | { kind: 'notice_strength'; strengthId: string; inPersonsWords: Sealed; noticedOn: string; noticedBy: StrengthNoticer }
  | { kind: 'make_connection'; connectionId: string; connectionKind: ConnectionKind; description: Sealed; madeOn: string }
  | { kind: 'end_connection'; connectionId: string; endedOn: string; note?: Sealed };

interface AspirationState {
  readonly status: AspirationStatus;
  readonly setOn: string;
  /** The latest date in its history: it cannot be closed before then. */
  readonly latest: string;
}

interface ConnectionState {
  readonly madeOn: string;
  readonly ended: boolean;
}

export interface GrowthState {
  readonly aspirations: ReadonlyMap<string, AspirationState>;
  readonly strengthIds: ReadonlySet<string>;
  readonly connections: ReadonlyMap<string, ConnectionState>;
}

const later = (a: string, b: string) => (a > b ? a : b);

function withAspiration(state: GrowthState, id: string, change: (current: AspirationState) => AspirationState): GrowthState {
  const current = state.aspirations.get(id);
  if (!current) return state;
  return { ...state, aspirations: new Map(state.aspirations).set(id, change(current)) };
}

export const growthDecider: Decider<GrowthCommand, GrowthEvent, GrowthState> = {
  initialState: { aspirations: new Map(), strengthIds: new Set(), connections: new Map() },

  evolve(state, event) {
    switch (event.type) {
      case 'aspiration.set': {
        const { aspirationId, setOn } = event.data;
        return { ...state, aspirations: new Map(state.aspirations).set(aspirationId, { status: 'active', setOn, latest: setOn }) };
      }
      case 'aspiration.progress_noted':
        return withAspiration(state, event.data.aspirationId, (a) => ({ ...a, latest: later(a.latest, event.data.notedOn) }));
      case 'aspiration.achieved':
        return withAspiration(state, event.data.aspirationId, (a) => ({ ...a, status: 'achieved', latest: later(a.latest, event.data.achievedOn) }));
      case 'aspiration.changed':
        return withAspiration(state, event.data.aspirationId, (a) => ({ ...a, status: 'changed', latest: later(a.latest, event.data.changedOn) }));
      case 'aspiration.let_go':
        return withAspiration(state, event.data.aspirationId, (a) => ({ ...a, status: 'let_go', latest: later(a.latest, event.data.letGoOn) }));
      case 'strength.noticed':
        return { ...state, strengthIds: new Set([...state.strengthIds, event.data.strengthId]) };
      case 'connection.made':
        return { ...state, connections: new Map(state.connections).set(event.data.connectionId, { madeOn: event.data.madeOn, ended: false }) };
      case 'connection.ended': {
        const current = state.connections.get(event.data.connectionId);
        if (!current) return state;
        return { ...state, connections: new Map(state.connections).set(event.data.connectionId, { ...current, ended: true }) };
      }
    }
  },

  decide(command, state) {
    switch (command.kind) {
      case 'set_aspiration': {
        if (state.aspirations.has(command.aspirationId)) throw new ConflictError('This aspiration is already set.');
        const { kind: _kind, ...data } = command;
        return [{ type: 'aspiration.set', data }];
      }
      case 'note_progress': {
        const aspiration = openAspiration(state, command.aspirationId, 'Progress can only be noted on an aspiration that is still open.');
        if (command.notedOn < aspiration.setOn) throw new ConflictError(`Progress cannot be dated before ${aspiration.setOn}, when the aspiration was set.`);
        const { kind: _kind, ...data } = command;
        return [{ type: 'aspiration.progress_noted', data }];
      }
      case 'achieve_aspiration': {
        const aspiration = openAspiration(state, command.aspirationId, 'Only an open aspiration can be achieved.');
        notBefore(command.achievedOn, aspiration.latest, 'Achieving it');
        const { kind: _kind, ...data } = command;
        return [{ type: 'aspiration.achieved', data }];
      }
      case 'change_aspiration': {
        const aspiration = openAspiration(state, command.aspirationId, 'Only an open aspiration can be changed.');
        notBefore(command.changedOn, aspiration.latest, 'The change');
        if (state.aspirations.has(command.newAspirationId)) throw new ConflictError('The new aspiration id is already in use.');
        const changed: GrowthEvent = {
          type: 'aspiration.changed',
          data: { aspirationId: command.aspirationId, changedOn: command.changedOn, changedTo: command.newAspirationId, ...(command.note ? { note: command.note } : {}) },
        };
        const set: GrowthEvent = {
          type: 'aspiration.set',
          data: { aspirationId: command.newAspirationId, inPersonsWords: command.inPersonsWords, setOn: command.changedOn, changedFrom: command.aspirationId },
        };
        return [changed, set];
      }
      case 'let_go_of_aspiration': {
        const aspiration = openAspiration(state, command.aspirationId, 'Only an open aspiration can be let go.');
        notBefore(command.letGoOn, aspiration.latest, 'Letting it go');
        const { kind: _kind, ...data } = command;
        return [{ type: 'aspiration.let_go', data }];
      }
      case 'notice_strength': {
        if (state.strengthIds.has(command.strengthId)) throw new ConflictError('This strength is already recorded.');
        const { kind: _kind, ...data } = command;
        return [{ type: 'strength.noticed', data }];
      }
      case 'make_connection': {
        if (state.connections.has(command.connectionId)) throw new ConflictError('This connection is already recorded.');
        const { connectionId, connectionKind, description, madeOn } = command;
        return [{ type: 'connection.made', data: { connectionId, kind: connectionKind, description, madeOn } }];
      }
      case 'end_connection': {
        const connection = state.connections.get(command.connectionId);
        if (!connection) throw new NotFoundError('No connection with this id is recorded for this person.');
        if (connection.ended) throw new ConflictError('This connection has already ended.');
        notBefore(command.endedOn, connection.madeOn, 'The ending');
        const { kind: _kind, ...data } = command;
        return [{ type: 'connection.ended', data }];
      }
    }
  },
};

function openAspiration(state: GrowthState, id: string, message: string): AspirationState {
  const aspiration = state.aspirations.get(id);
  if (!aspiration) throw new NotFoundError('No aspiration with this id is set for this person.');
  if (aspiration.status !== 'active') throw new ConflictError(`${message} This one is ${aspiration.status.replace('_', ' ')}.`);
  return aspiration;
}

function notBefore(date: string, earliest: string, what: string): void {
  if (date < earliest) throw new ConflictError(`${what} cannot be dated before ${earliest}, the last step recorded for it.`);
}
