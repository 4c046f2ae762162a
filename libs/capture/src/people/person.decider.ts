import { ConflictError, type Decider, NotFoundError, type Sealed } from '#libs/kernel';
import type { ReferralSource } from '../shared/vocabulary.js';
import type { ContactField, ForgetReason, PersonEvent, SealedContact } from './person.events.js';

export type PersonCommand =
  | {
      kind: 'join';
      personId: string;
      displayName: Sealed;
      contact: SealedContact;
      referralSource: ReferralSource;
      areaId: string;
      teamId: string;
      coachId: string;
      joinedOn: string;
      consent: { toHoldInformation: boolean; toShareWordsAnonymised: boolean };
    }
  | { kind: 'record_consent'; toHoldInformation: boolean; toShareWordsAnonymised: boolean; recordedOn: string }
  | { kind: 'change_details'; displayName?: Sealed; contact?: SealedContact; removed?: ContactField[] }
  | { kind: 'move_area'; areaId: string; teamId: string; coachId: string; movedOn: string }
  | { kind: 'forget'; personId: string; reason: ForgetReason };

export interface PersonState {
  readonly joined: boolean;
  readonly forgotten?: boolean;
  readonly areaId?: string;
  readonly teamId?: string;
  readonly coachId?: string;
  readonly consent: { readonly toHoldInformation: boolean; readonly toShareWordsAnonymised: boolean };
}

export const personDecider: Decider<PersonCommand, PersonEvent, PersonState> = {
  initialState: { joined: false, consent: { toHoldInformation: false, toShareWordsAnonymised: false } },

  evolve(state, event) {
    switch (event.type) {
      case 'person.joined':
        return { ...state, joined: true, areaId: event.data.areaId, teamId: event.data.teamId, coachId: event.data.coachId };
      case 'person.consent_recorded':
        return {
          ...state,
          consent: { toHoldInformation: event.data.toHoldInformation, toShareWordsAnonymised: event.data.toShareWordsAnonymised },
        };
      case 'person.moved_area':
        return { ...state, areaId: event.data.areaId, teamId: event.data.teamId, coachId: event.data.coachId };
      case 'person.details_changed':
        return state;
      case 'person.forgotten':
        return { ...state, forgotten: true, consent: { toHoldInformation: false, toShareWordsAnonymised: false } };
      default:
        // A later kind of event this version does not act on.
        return state;
    }
  },

  decide(command, state) {
    if (command.kind === 'join') {
      if (state.joined) throw new ConflictError('This person has already joined.');
      if (!command.consent.toHoldInformation) {
        throw new ConflictError('A person can only be recorded with their consent to hold their information.');
      }
      const { consent, kind: _kind, ...joined } = command;
      return [
        { type: 'person.joined', data: joined },
        { type: 'person.consent_recorded', data: { ...consent, recordedOn: command.joinedOn } },
      ];
    }
    if (!state.joined) throw new NotFoundError('No person with this id has joined.');
    if (state.forgotten) throw new ConflictError('This person has been forgotten: nothing more is recorded about them.');
    switch (command.kind) {
      case 'forget':
        return [{ type: 'person.forgotten', data: { personId: command.personId, reason: command.reason } }];
      case 'record_consent': {
        const { kind: _kind, ...data } = command;
        return [{ type: 'person.consent_recorded', data }];
      }
      case 'change_details': {
        const removed = command.removed ?? [];
        if (!command.displayName && !command.contact && removed.length === 0) return [];
        const data: { displayName?: Sealed; contact?: SealedContact; removed?: ContactField[] } = {};
        if (command.displayName) data.displayName = command.displayName;
        if (command.contact) data.contact = command.contact;
        if (removed.length > 0) data.removed = removed;
        return [{ type: 'person.details_changed', data }];
      }
      case 'move_area': {
        if (state.areaId === command.areaId && state.teamId === command.teamId && state.coachId === command.coachId) return [];
        const { kind: _kind, ...data } = command;
        return [{ type: 'person.moved_area', data }];
      }
    }
  },
};
