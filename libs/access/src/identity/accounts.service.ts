import { Inject, Injectable } from '@nestjs/common';
import type { SqlDatabase } from '#libs/database';
import { Check, type CommandContext, CommandExecutor, type CommandReceipt, DIRECTORY, type Directory } from '#libs/capture';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '#libs/kernel';
import { READ_MODELS } from '#libs/projections';
import { type Grant, grantKey, type Principal } from '#libs/policy';
import { type IssuedSession, SessionStore } from '../sessions/session-store.js';
import { SignInLockout } from '../sessions/sign-in-lockout.js';
import { CREDENTIAL_STORE, LOCKOUT, SESSION_STORE } from '../tokens.js';
import { CredentialStore } from './credential-store.js';
import { checkPassword, decoyHash, hashPassword, verifyPassword } from './password.js';
import { userDecider } from './user.decider.js';
import { userStream } from './user.events.js';
import { normaliseEmail, userIdFor } from './user-id.js';

export const USER = { stream: userStream, decider: userDecider, readModels: ['users'] };

const INVITATION_VALID_MS = 7 * 24 * 60 * 60 * 1000;

export interface Account {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly active: boolean;
  readonly grants: Grant[];
  /** The coach record this account is the coach of, if an administrator linked one. */
  readonly coachId: string | null;
}

/**
 * Staff accounts: invitations, passwords, sign-in with lockout, sessions, role grants. Account
 * changes are commands on the user's stream; the secrets (hashes, tokens) stay in the stores.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(READ_MODELS) private readonly db: SqlDatabase,
    @Inject(CREDENTIAL_STORE) private readonly credentials: CredentialStore,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(LOCKOUT) private readonly lockout: SignInLockout,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  /** Invites a user with their first roles; the invitation token lets them choose a password. */
  async invite(
    input: { email: string; displayName: string; grants: Grant[] },
    context: CommandContext,
  ): Promise<{ receipt: CommandReceipt; invitationToken: string; expiresAt: Date }> {
    const check = new Check(context.now);
    const email = normaliseEmail(check.email('email', input.email) ?? '');
    const displayName = check.text('displayName', input.displayName, { max: 80 });
    const grants = checkGrants(check, input.grants);
    check.done();
    const userId = userIdFor(email);
    const receipt = await this.executor.on(USER).record(userId, context, { kind: 'invite', userId, email, displayName, grants });
    const invitation = await this.credentials.createInvitation(userId, INVITATION_VALID_MS);
    return { receipt, invitationToken: invitation.token, expiresAt: invitation.expiresAt };
  }

  /** Uses an invitation to set the first password. */
  async acceptInvitation(token: string, password: string, context: CommandContext): Promise<CommandReceipt> {
    const invalid = () => new UnauthenticatedError('This invitation is not valid: it may have been used or have expired. Ask for a new one.');
    const invited = await this.credentials.invitedUser(token ?? '');
    if (!invited) throw invalid();
    const check = new Check(context.now);
    const chosen = checkPassword(check, 'password', password, (await this.byId(invited))?.email);
    check.done();
    // Used up only once the password is acceptable, so a refused one leaves the invitation valid.
    const userId = await this.credentials.redeemInvitation(token);
    if (!userId) throw invalid();
    return this.setPassword(userId, chosen, 'invitation', { ...context, actor: `user:${userId}` });
  }

  /** Sets a password directly (the first admin, from the command line). */
  async setPassword(userId: string, password: string, via: 'invitation' | 'change' | 'admin_cli', context: CommandContext): Promise<CommandReceipt> {
    const receipt = await this.executor.on(USER).record(userId, context, { kind: 'set_password', via });
    if (!receipt.replayed) await this.credentials.setPasswordHash(userId, await hashPassword(password));
    await this.sessions.revokeAllOf(userId);
    return receipt;
  }

  /**
   * Checks an email and password; on success issues a session. Every refusal says the same
   * thing, and an unknown email costs the same hashing as a wrong password.
   */
  async signIn(emailGiven: string, password: string, context: CommandContext): Promise<{ session: IssuedSession; account: Account }> {
    const email = normaliseEmail(emailGiven ?? '');
    const lockedUntil = await this.lockout.lockedUntil(email);
    if (lockedUntil) throw new ForbiddenError('Too many failed sign-ins: this account is locked for a while. Try again later.');
    const account = await this.byEmail(email);
    const stored = account ? await this.credentials.passwordHashOf(account.userId) : undefined;
    const matches = await verifyPassword(stored ?? (await decoyHash()), password ?? '');
    if (!account || !stored || !matches || !account.active) {
      const locked = await this.lockout.recordFailure(email);
      if (locked && account) {
        await this.executor.on(USER).record(account.userId, { ...context, actor: 'system:sign-in' }, { kind: 'lock_out', until: locked.toISOString() });
      }
      throw new UnauthenticatedError('The email or password is not right.');
    }
    await this.lockout.clear(email);
    return { session: await this.sessions.issue(account.userId), account };
  }

  signOut(sessionToken: string): Promise<void> {
    return this.sessions.revoke(sessionToken);
  }

  /** Changes one's own password; every other session of the user ends. */
  async changePassword(principal: Principal, current: string, next: string, sessionToken: string, context: CommandContext): Promise<CommandReceipt> {
    const account = await this.byId(principal.userId);
    if (!account) throw new NotFoundError('No user with this id.');
    const check = new Check(context.now);
    const chosen = checkPassword(check, 'newPassword', next, account.email);
    if (chosen && chosen === current) check.problem('newPassword', 'must differ from the current password');
    check.done();
    const stored = await this.credentials.passwordHashOf(account.userId);
    if (!stored || !(await verifyPassword(stored, current ?? ''))) throw new ValidationError('is not your current password', 'currentPassword');
    const receipt = await this.executor.on(USER).record(account.userId, context, { kind: 'set_password', via: 'change' });
    await this.credentials.setPasswordHash(account.userId, await hashPassword(chosen));
    await this.sessions.revokeAllOf(account.userId, sessionToken);
    return receipt;
  }

  async grant(userId: string, grant: Grant, context: CommandContext): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const [checked] = checkGrants(check, [grant]);
    check.done();
    return this.executor.on(USER).record(userId, context, { kind: 'grant', grant: checked });
  }

  async revoke(userId: string, grant: Grant, context: CommandContext): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const [checked] = checkGrants(check, [grant]);
    check.done();
    if (context.actor === `user:${userId}` && checked.role === 'admin') throw new ConflictError('You cannot take away your own admin role.');
    return this.executor.on(USER).record(userId, context, { kind: 'revoke', grant: checked });
  }

  /**
   * Makes the account the coach of a coach record (null unlinks it), so the coach's screens open
   * on their own people without asking. The record must be a current coach's, and not another
   * account's already.
   */
  async linkCoachRecord(userId: string, coachId: string | null | undefined, context: CommandContext): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const user = check.id('userId', userId);
    const coach = coachId === null || coachId === undefined ? null : check.id('coachId', coachId);
    check.done();
    return this.executor.on(USER).record(user, context, async () => {
      if (coach) {
        const record = await this.directory.coach(coach);
        if (!record) throw new NotFoundError('There is no coach record with this id: add the coach to a team first.');
        if (!record.active) throw new ConflictError('This coach has left: their record cannot be linked to an account.');
        const { rows } = await this.db.query<{ user_id: string }>('SELECT user_id FROM users_accounts WHERE coach_id = $1 AND user_id <> $2', [coach, user]);
        if (rows.length > 0) throw new ConflictError('This coach record is already linked to another account: unlink it there first.');
      }
      return { kind: 'link_coach_record', coachId: coach };
    });
  }

  async deactivate(userId: string, context: CommandContext): Promise<CommandReceipt> {
    if (context.actor === `user:${userId}`) throw new ConflictError('You cannot deactivate yourself.');
    const receipt = await this.executor.on(USER).record(userId, context, { kind: 'deactivate' });
    await this.sessions.revokeAllOf(userId);
    return receipt;
  }

  reactivate(userId: string, context: CommandContext): Promise<CommandReceipt> {
    return this.executor.on(USER).record(userId, context, { kind: 'reactivate' });
  }

  /** The principal of an active user (what a session resolves to). */
  async principalOf(userId: string): Promise<Principal | undefined> {
    const account = await this.byId(userId);
    return account?.active ? { userId: account.userId, grants: account.grants } : undefined;
  }

  async byId(userId: string): Promise<Account | undefined> {
    return this.one('SELECT * FROM users_accounts WHERE user_id = $1', [userId]);
  }

  async byEmail(email: string): Promise<Account | undefined> {
    return this.one('SELECT * FROM users_accounts WHERE email = $1', [normaliseEmail(email)]);
  }

  async list(): Promise<Account[]> {
    const { rows } = await this.db.query<AccountRow>('SELECT * FROM users_accounts ORDER BY display_name, user_id');
    return rows.map(toAccount);
  }

  private async one(sql: string, params: unknown[]): Promise<Account | undefined> {
    const { rows } = await this.db.query<AccountRow>(sql, params);
    return rows[0] ? toAccount(rows[0]) : undefined;
  }
}

interface AccountRow {
  user_id: string;
  email: string;
  display_name: string;
  active: boolean;
  grants: Grant[] | string;
  coach_id: string | null;
}

function toAccount(row: AccountRow): Account {
  return {
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    active: row.active,
    grants: typeof row.grants === 'string' ? (JSON.parse(row.grants) as Grant[]) : row.grants,
    coachId: row.coach_id,
  };
}

/** Each grant names the scope its role needs, and nothing else; no grant twice. */
function checkGrants(check: Check, grants: readonly Grant[] | null | undefined): Grant[] {
  const out: Grant[] = [];
  (grants ?? []).forEach((given, i) => {
    const field = `grants[${i}]`;
    const raw = given as Partial<Record<'role' | 'teamId' | 'organisationId' | 'areaId', string | null>>;
    const scoped = (key: 'teamId' | 'organisationId' | 'areaId') => check.id(`${field}.${key}`, raw[key]);
    switch (raw.role) {
      case 'coach':
        out.push({ role: 'coach', teamId: scoped('teamId') });
        break;
      case 'partner':
        out.push({ role: 'partner', organisationId: scoped('organisationId') });
        break;
      case 'commissioner':
        out.push({ role: 'commissioner', areaId: scoped('areaId') });
        break;
      case 'influencer':
      case 'leader':
      case 'admin':
        out.push({ role: raw.role });
        break;
      default:
        check.problem(`${field}.role`, 'must be one of coach, influencer, leader, partner, commissioner, admin');
    }
  });
  const keys = out.map(grantKey);
  if (new Set(keys).size !== keys.length) check.problem('grants', 'must not name the same role and scope twice');
  return out;
}
