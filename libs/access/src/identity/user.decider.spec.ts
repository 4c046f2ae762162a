import { ConflictError, NotFoundError } from '#libs/kernel';
import type { Grant } from '#libs/policy';
import { type UserCommand, userDecider } from './user.decider.js';
import type { UserEvent } from './user.events.js';

/**
 * A staff account's life as given events / when command / then events (or a refusal). The
 * stream id is derived from the email elsewhere; here only the decisions are specified.
 */
function given(...history: UserEvent[]) {
  const state = history.reduce(userDecider.evolve, userDecider.initialState);
  return {
    when(command: UserCommand) {
      return {
        then(expected: readonly UserEvent[]): void {
          expect(userDecider.decide(command, state)).toEqual(expected);
        },
        thenRefuses(type: typeof ConflictError | typeof NotFoundError, message: string | RegExp): void {
          let thrown: unknown;
          try {
            userDecider.decide(command, state);
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(type);
          expect((thrown as Error).message).toMatch(message);
        },
      };
    },
  };
}

const USER_ID = '00000000-0000-4000-8000-0000000000a1';
const TEAM_A = '00000000-0000-4000-8000-0000000000b1';
const TEAM_B = '00000000-0000-4000-8000-0000000000b2';
const coachA: Grant = { role: 'coach', teamId: TEAM_A };
const coachB: Grant = { role: 'coach', teamId: TEAM_B };
const influencer: Grant = { role: 'influencer' };

const invite: UserCommand = { kind: 'invite', userId: USER_ID, email: 'user-a1@example.test', displayName: 'Synthetic User', grants: [coachA] };
const invitedData = { userId: USER_ID, email: 'user-a1@example.test', displayName: 'Synthetic User', grants: [coachA] };
const invited: UserEvent = { type: 'user.invited', data: invitedData };
const passwordSet: UserEvent = { type: 'user.password_set', data: { via: 'invitation' } };
const deactivated: UserEvent = { type: 'user.deactivated', data: {} };
const reactivated: UserEvent = { type: 'user.reactivated', data: {} };
const granted = (grant: Grant): UserEvent => ({ type: 'user.role_granted', data: { grant } });
const revoked = (grant: Grant): UserEvent => ({ type: 'user.role_revoked', data: { grant } });

describe('a staff account', () => {
  describe('invite', () => {
    it('given nothing, when the user is invited, then they are invited with their first roles', () => {
      given().when(invite).then([invited]);
    });

    it('given nothing, when the user is invited with no roles, then they are invited holding none', () => {
      given()
        .when({ ...invite, grants: [] })
        .then([{ type: 'user.invited', data: { ...invitedData, grants: [] } }]);
    });

    it('given an invited user, when the same account is invited again, then it is refused as already existing', () => {
      given(invited).when(invite).thenRefuses(ConflictError, 'already exists');
    });

    it('given a deactivated user, when they are invited again, then it is still refused (reactivate instead)', () => {
      given(invited, deactivated).when(invite).thenRefuses(ConflictError, 'already exists');
    });
  });

  describe('grant', () => {
    it('given an invited coach, when an influencer role is granted, then it is granted', () => {
      given(invited).when({ kind: 'grant', grant: influencer }).then([granted(influencer)]);
    });

    it('given a coach of one team, when they are made coach of another team too, then that is a different grant', () => {
      given(invited).when({ kind: 'grant', grant: coachB }).then([granted(coachB)]);
    });

    it('given a role held from the invitation, when it is granted again, then it is refused', () => {
      given(invited).when({ kind: 'grant', grant: { role: 'coach', teamId: TEAM_A } }).thenRefuses(ConflictError, 'already holds this role');
    });

    it('given a role granted later, when it is granted again, then it is refused', () => {
      given(invited, granted(influencer)).when({ kind: 'grant', grant: influencer }).thenRefuses(ConflictError, 'already holds this role');
    });

    it('given a role that was revoked, when it is granted again, then it is granted', () => {
      given(invited, granted(influencer), revoked(influencer)).when({ kind: 'grant', grant: influencer }).then([granted(influencer)]);
    });
  });

  describe('revoke', () => {
    it('given a role held, when it is revoked, then it is revoked', () => {
      given(invited).when({ kind: 'revoke', grant: coachA }).then([revoked(coachA)]);
    });

    it('given a role never held, when it is revoked, then it is refused', () => {
      given(invited).when({ kind: 'revoke', grant: influencer }).thenRefuses(ConflictError, 'does not hold this role');
    });

    it('given a coach of one team, when their coaching of another team is revoked, then it is refused (scope matters)', () => {
      given(invited).when({ kind: 'revoke', grant: coachB }).thenRefuses(ConflictError, 'does not hold this role');
    });

    it('given a role already revoked, when it is revoked again, then it is refused', () => {
      given(invited, revoked(coachA)).when({ kind: 'revoke', grant: coachA }).thenRefuses(ConflictError, 'does not hold this role');
    });

    it('given two roles, when one is revoked, then the other is still held', () => {
      given(invited, granted(influencer), revoked(coachA)).when({ kind: 'revoke', grant: influencer }).then([revoked(influencer)]);
    });
  });

  describe('set_password', () => {
    it('given an invited user, when they choose a password with the invitation, then it is set (the event holds no secret)', () => {
      given(invited).when({ kind: 'set_password', via: 'invitation' }).then([passwordSet]);
    });

    it('given a user with a password, when they change it, then the change is recorded as such', () => {
      given(invited, passwordSet).when({ kind: 'set_password', via: 'change' }).then([{ type: 'user.password_set', data: { via: 'change' } }]);
    });

    it('given a deactivated user, when a password is set, then it is refused', () => {
      given(invited, passwordSet, deactivated).when({ kind: 'set_password', via: 'change' }).thenRefuses(ConflictError, 'deactivated');
    });

    it('given a deactivated user, when they try to use their invitation, then it is refused', () => {
      given(invited, deactivated).when({ kind: 'set_password', via: 'invitation' }).thenRefuses(ConflictError, 'deactivated');
    });

    it('given a reactivated user, when a password is set, then it is set', () => {
      given(invited, deactivated, reactivated).when({ kind: 'set_password', via: 'admin_cli' }).then([{ type: 'user.password_set', data: { via: 'admin_cli' } }]);
    });
  });

  describe('deactivate', () => {
    it('given an active user, when they are deactivated, then they are deactivated', () => {
      given(invited, passwordSet).when({ kind: 'deactivate' }).then([deactivated]);
    });

    it('given a deactivated user, when they are deactivated again, then it is refused', () => {
      given(invited, deactivated).when({ kind: 'deactivate' }).thenRefuses(ConflictError, 'already deactivated');
    });

    it('given a user deactivated and reactivated, when they are deactivated again, then they are deactivated', () => {
      given(invited, deactivated, reactivated).when({ kind: 'deactivate' }).then([deactivated]);
    });
  });

  describe('reactivate', () => {
    it('given a deactivated user, when they are reactivated, then they are reactivated', () => {
      given(invited, deactivated).when({ kind: 'reactivate' }).then([reactivated]);
    });

    it('given an active user, when they are reactivated, then it is refused', () => {
      given(invited).when({ kind: 'reactivate' }).thenRefuses(ConflictError, 'is active');
    });

    it('given a reactivated user, when they are reactivated again, then it is refused', () => {
      given(invited, deactivated, reactivated).when({ kind: 'reactivate' }).thenRefuses(ConflictError, 'is active');
    });
  });

  describe('lock_out', () => {
    const until = '2026-03-01T10:15:00.000Z';

    it('given an invited user, when sign-in locks them out, then the lock and its end are recorded', () => {
      given(invited, passwordSet).when({ kind: 'lock_out', until }).then([{ type: 'user.locked_out', data: { until } }]);
    });

    it('given a locked-out user, when an admin acts on the account, then the lock changed nothing the decider keeps', () => {
      const locked: UserEvent = { type: 'user.locked_out', data: { until } };
      given(invited, passwordSet, locked).when({ kind: 'deactivate' }).then([deactivated]);
      given(invited, locked).when({ kind: 'grant', grant: coachA }).thenRefuses(ConflictError, 'already holds this role');
    });
  });

  describe('link_coach_record', () => {
    const COACH_1 = '00000000-0000-4000-8000-0000000000c1';
    const COACH_2 = '00000000-0000-4000-8000-0000000000c2';
    const linked = (coachId: string): UserEvent => ({ type: 'user.coach_record_linked', data: { coachId } });
    const unlinked = (coachId: string): UserEvent => ({ type: 'user.coach_record_unlinked', data: { coachId } });

    it('given an account with no coach record, when one is linked, then it is linked', () => {
      given(invited).when({ kind: 'link_coach_record', coachId: COACH_1 }).then([linked(COACH_1)]);
    });

    it('given an account linked to a coach record, when the same one is linked again, then nothing more is recorded', () => {
      given(invited, linked(COACH_1)).when({ kind: 'link_coach_record', coachId: COACH_1 }).then([]);
    });

    it('given an account linked to a coach record, when another is linked, then the first is unlinked and the second linked', () => {
      given(invited, linked(COACH_1)).when({ kind: 'link_coach_record', coachId: COACH_2 }).then([unlinked(COACH_1), linked(COACH_2)]);
    });

    it('given a linked account, when it is unlinked, then it is unlinked; and unlinking again records nothing', () => {
      given(invited, linked(COACH_1)).when({ kind: 'link_coach_record', coachId: null }).then([unlinked(COACH_1)]);
      given(invited, linked(COACH_1), unlinked(COACH_1)).when({ kind: 'link_coach_record', coachId: null }).then([]);
    });

    it('given a deactivated account, when a coach record is linked, then it is refused; but an old link can still be removed', () => {
      given(invited, deactivated).when({ kind: 'link_coach_record', coachId: COACH_1 }).thenRefuses(ConflictError, /deactivated/);
      given(invited, linked(COACH_1), deactivated).when({ kind: 'link_coach_record', coachId: null }).then([unlinked(COACH_1)]);
    });
  });

  describe('a user never invited', () => {
    const commands: UserCommand[] = [
      { kind: 'grant', grant: influencer },
      { kind: 'revoke', grant: coachA },
      { kind: 'set_password', via: 'invitation' },
      { kind: 'set_password', via: 'admin_cli' },
      { kind: 'deactivate' },
      { kind: 'reactivate' },
      { kind: 'lock_out', until: '2026-03-01T10:15:00.000Z' },
      { kind: 'link_coach_record', coachId: '00000000-0000-4000-8000-0000000000c1' },
    ];

    it.each(commands.map((command) => [`${command.kind}${'via' in command ? ` via ${command.via}` : ''}`, command] as const))(
      'given nothing, when %s, then there is no such user',
      (_name, command) => {
        given().when(command).thenRefuses(NotFoundError, 'No user with this id');
      },
    );
  });
});
