import { ConflictError, type Decider, NotFoundError } from '#libs/kernel';
import { type Grant, sameGrant } from '#libs/policy';
import type { PasswordSetVia, UserEvent } from './user.events.js';

export interface UserState {
  readonly invited: boolean;
  readonly active: boolean;
  readonly grants: readonly Grant[];
  readonly hasPassword: boolean;
  /** The coach record this account is the coach of, if linked. */
  readonly coachId?: string;
}

export type UserCommand =
  | { kind: 'invite'; userId: string; email: string; displayName: string; grants: Grant[] }
  | { kind: 'grant'; grant: Grant }
  | { kind: 'revoke'; grant: Grant }
  | { kind: 'set_password'; via: PasswordSetVia }
  | { kind: 'deactivate' }
  | { kind: 'reactivate' }
  | { kind: 'lock_out'; until: string }
  /** Links the account to a coach record, or (null) unlinks it. */
  | { kind: 'link_coach_record'; coachId: string | null };

const initialState: UserState = { invited: false, active: false, grants: [], hasPassword: false };

export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  initialState,
  evolve(state, event) {
    switch (event.type) {
      case 'user.invited':
        return { invited: true, active: true, grants: event.data.grants, hasPassword: false };
      case 'user.role_granted':
        return { ...state, grants: [...state.grants, event.data.grant] };
      case 'user.role_revoked':
        return { ...state, grants: state.grants.filter((g) => !sameGrant(g, event.data.grant)) };
      case 'user.password_set':
        return { ...state, hasPassword: true };
      case 'user.deactivated':
        return { ...state, active: false };
      case 'user.reactivated':
        return { ...state, active: true };
      case 'user.locked_out':
        return state;
      case 'user.coach_record_linked':
        return { ...state, coachId: event.data.coachId };
      case 'user.coach_record_unlinked': {
        const { coachId: _unlinked, ...rest } = state;
        return rest;
      }
    }
  },
  decide(command, state) {
    if (command.kind === 'invite') {
      if (state.invited) throw new ConflictError('A user with this email already exists.');
      return [{ type: 'user.invited', data: { userId: command.userId, email: command.email, displayName: command.displayName, grants: command.grants } }];
    }
    if (!state.invited) throw new NotFoundError('No user with this id.');
    switch (command.kind) {
      case 'grant':
        if (state.grants.some((g) => sameGrant(g, command.grant))) throw new ConflictError('The user already holds this role.');
        return [{ type: 'user.role_granted', data: { grant: command.grant } }];
      case 'revoke':
        if (!state.grants.some((g) => sameGrant(g, command.grant))) throw new ConflictError('The user does not hold this role.');
        return [{ type: 'user.role_revoked', data: { grant: command.grant } }];
      case 'set_password':
        if (!state.active) throw new ConflictError('This user has been deactivated.');
        return [{ type: 'user.password_set', data: { via: command.via } }];
      case 'deactivate':
        if (!state.active) throw new ConflictError('This user is already deactivated.');
        return [{ type: 'user.deactivated', data: {} }];
      case 'reactivate':
        if (state.active) throw new ConflictError('This user is active.');
        return [{ type: 'user.reactivated', data: {} }];
      case 'lock_out':
        return [{ type: 'user.locked_out', data: { until: command.until } }];
      case 'link_coach_record': {
        if (command.coachId === (state.coachId ?? null)) return [];
        const unlink: UserEvent[] = state.coachId ? [{ type: 'user.coach_record_unlinked', data: { coachId: state.coachId } }] : [];
        if (command.coachId === null) return unlink;
        if (!state.active) throw new ConflictError('This user has been deactivated: reactivate them before linking a coach record.');
        return [...unlink, { type: 'user.coach_record_linked', data: { coachId: command.coachId } }];
      }
    }
  },
};
