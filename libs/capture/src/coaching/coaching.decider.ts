import { ConflictError, type Decider, type Sealed } from '#libs/kernel';
import type { Channel, Ending, Frequency, PauseRequester } from '../shared/vocabulary.js';
import type { CoachingEvent, InteractionRecorded } from './coaching.events.js';

export type CoachingCommand =
  | { kind: 'start'; personId: string; coachId: string; startedOn: string }
  | { kind: 'pause'; requestedBy: PauseRequester; pausedOn: string; reason?: Sealed }
  | { kind: 'resume'; resumedOn: string }
  | { kind: 'vary'; frequency: Frequency; preferredChannel: Channel; variedOn: string }
  | { kind: 'end'; ending: Ending; endedOn: string; endingConversationHeld: boolean; inPersonsWords?: Sealed }
  | { kind: 'reopen'; reopenedOn: string; coachId: string }
  | ({ kind: 'record_interaction' } & InteractionRecorded);

export type RelationshipStatus = 'not_started' | 'active' | 'paused' | 'ended';

export interface CoachingState {
  readonly status: RelationshipStatus;
  /** The date of the latest change of status: later changes cannot be dated before it. */
  readonly since?: string;
  readonly interactionIds: ReadonlySet<string>;
}

export const coachingDecider: Decider<CoachingCommand, CoachingEvent, CoachingState> = {
  initialState: { status: 'not_started', interactionIds: new Set() },

  evolve(state, event) {
    switch (event.type) {
      case 'coaching.started':
        return { ...state, status: 'active', since: event.data.startedOn };
      case 'coaching.paused':
        return { ...state, status: 'paused', since: event.data.pausedOn };
      case 'coaching.resumed':
        return { ...state, status: 'active', since: event.data.resumedOn };
      case 'coaching.ended':
        return { ...state, status: 'ended', since: event.data.endedOn };
      case 'coaching.reopened':
        return { ...state, status: 'active', since: event.data.reopenedOn };
      case 'coaching.varied':
        return state;
      case 'interaction.recorded':
        return { ...state, interactionIds: new Set([...state.interactionIds, event.data.interactionId]) };
      default:
        return state;
    }
  },

  decide(command, state) {
    const notBefore = (date: string, what: string) => {
      if (state.since && date < state.since) throw new ConflictError(`${what} cannot be dated before ${state.since}, the last change to this relationship.`);
    };
    switch (command.kind) {
      case 'start': {
        if (state.status !== 'not_started') throw new ConflictError('This coaching relationship has already started.');
        const { kind: _kind, ...data } = command;
        return [{ type: 'coaching.started', data }];
      }
      case 'pause': {
        requireStatus(state, ['active'], 'Only an active relationship can be paused.');
        notBefore(command.pausedOn, 'A pause');
        const { kind: _kind, ...data } = command;
        return [{ type: 'coaching.paused', data }];
      }
      case 'resume':
        requireStatus(state, ['paused'], 'Only a paused relationship can be resumed.');
        notBefore(command.resumedOn, 'Resuming');
        return [{ type: 'coaching.resumed', data: { resumedOn: command.resumedOn } }];
      case 'vary': {
        requireStatus(state, ['active', 'paused'], 'Only an ongoing relationship can be varied.');
        const { kind: _kind, ...data } = command;
        return [{ type: 'coaching.varied', data }];
      }
      case 'end': {
        requireStatus(state, ['active', 'paused'], 'Only an ongoing relationship can end.');
        notBefore(command.endedOn, 'The ending');
        const { kind: _kind, ...data } = command;
        return [{ type: 'coaching.ended', data }];
      }
      case 'reopen':
        requireStatus(state, ['ended'], 'Only a relationship that ended can be re-opened.');
        notBefore(command.reopenedOn, 'Re-opening');
        return [{ type: 'coaching.reopened', data: { reopenedOn: command.reopenedOn, coachId: command.coachId } }];
      case 'record_interaction': {
        if (state.status === 'not_started') throw new ConflictError('Start the coaching relationship before recording interactions.');
        if (state.status === 'ended') throw new ConflictError('This relationship has ended: re-open it to record a new interaction.');
        if (state.interactionIds.has(command.interactionId)) throw new ConflictError('This interaction is already recorded.');
        const { kind: _kind, ...data } = command;
        return [{ type: 'interaction.recorded', data }];
      }
    }
  },
};

function requireStatus(state: CoachingState, allowed: RelationshipStatus[], message: string): void {
  if (!allowed.includes(state.status)) {
    throw new ConflictError(state.status === 'not_started' ? 'No coaching relationship has started with this person.' : message);
  }
}
