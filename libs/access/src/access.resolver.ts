import { Inject, UseGuards } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandArgs, CommandReceiptType, commandContext, type CommandReceipt } from '#libs/capture';
import { NotFoundError, UnauthenticatedError } from '#libs/kernel';
import { Allow, CurrentActor, CurrentPrincipal, type Grant, type Principal, Public, SignedIn } from '#libs/policy';
import { AuditLogFilter, AuditLogPage, GrantInput, InvitationView, InviteUserInput, SignInResult, UserView } from './access.graphql.js';
import { AuditLogQueries } from './audit/audit-log.queries.js';
import { type Account, AccountsService } from './identity/accounts.service.js';
import { SignInRateLimitGuard } from './sessions/sign-in-rate-limit.guard.js';
import { clearedSessionCookie, sessionCookie } from './sessions/session-cookie.js';
import type { SessionStore } from './sessions/session-store.js';
import { SESSION_STORE } from './tokens.js';

interface HttpContext {
  req: { sessionToken?: string };
  res: { setHeader(name: string, value: string): void };
}

/** Signing in and out, one's own account, and (for admins) users and the audit log. */
@Resolver()
export class AccessResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly audit: AuditLogQueries,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
  ) {}

  @Public()
  @UseGuards(SignInRateLimitGuard)
  @Mutation(() => SignInResult, { description: 'Signs in with email and password; sets the session cookie.' })
  async signIn(@Args('email') email: string, @Args('password') password: string, @Context() http: HttpContext): Promise<SignInResult> {
    const { session, account } = await this.accounts.signIn(email, password, commandContext({ actor: 'system:sign-in' }));
    http.res.setHeader('Set-Cookie', sessionCookie(session.token, session.expiresAt));
    return { user: userView(account), csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: 'Ends this session.' })
  async signOut(@Context() http: HttpContext): Promise<boolean> {
    if (http.req.sessionToken) await this.accounts.signOut(http.req.sessionToken);
    http.res.setHeader('Set-Cookie', clearedSessionCookie());
    return true;
  }

  @Public()
  @UseGuards(SignInRateLimitGuard)
  @Mutation(() => CommandReceiptType, { description: 'Chooses a password with a one-time invitation token; then sign in.' })
  acceptInvitation(@Args('invitationToken') token: string, @Args('password') password: string): Promise<CommandReceipt> {
    return this.accounts.acceptInvitation(token, password, commandContext({ actor: 'anonymous' }));
  }

  @SignedIn()
  @UseGuards(SignInRateLimitGuard)
  @Mutation(() => CommandReceiptType, { description: 'Changes your password; your other sessions end.' })
  changePassword(
    @Args('currentPassword') current: string,
    @Args('newPassword') next: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: string,
    @Context() http: HttpContext,
  ): Promise<CommandReceipt> {
    return this.accounts.changePassword(principal, current, next, http.req.sessionToken ?? '', commandContext({ actor }));
  }

  @SignedIn()
  @Query(() => UserView, { description: 'Who you are signed in as, with your roles.' })
  async me(@CurrentPrincipal() principal: Principal): Promise<UserView> {
    const account = await this.accounts.byId(principal.userId);
    if (!account) throw new NotFoundError('No user with this id.');
    return userView(account);
  }

  @SignedIn()
  @Query(() => String, {
    description:
      'This session\'s CSRF token, for a page that lost it (after a reload): send it as the x-csrf-token header with every POST. Ask for it with GET, which needs no token.',
  })
  async csrfToken(@Context() http: HttpContext): Promise<string> {
    const session = http.req.sessionToken ? await this.sessions.resume(http.req.sessionToken) : undefined;
    if (!session) throw new UnauthenticatedError();
    return session.csrfToken;
  }

  @Allow({ admin: true })
  @Query(() => [UserView])
  async users(): Promise<UserView[]> {
    return (await this.accounts.list()).map(userView);
  }

  @Allow({ admin: true })
  @Mutation(() => InvitationView, { description: 'Invites a user with their first roles.' })
  async inviteUser(@Args('input') input: InviteUserInput, @Args() meta: CommandArgs, @CurrentActor() actor: string): Promise<InvitationView> {
    const invited = await this.accounts.invite({ ...input, grants: input.grants as Grant[] }, commandContext({ actor, ...meta }));
    return { userId: invited.receipt.id, invitationToken: invited.invitationToken, expiresAt: invited.expiresAt.toISOString() };
  }

  @Allow({ admin: true })
  @Mutation(() => CommandReceiptType)
  grantRole(@Args('userId', { type: () => ID }) userId: string, @Args('grant') grant: GrantInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.accounts.grant(userId, grant as Grant, commandContext({ actor, ...meta }));
  }

  @Allow({ admin: true })
  @Mutation(() => CommandReceiptType)
  revokeRole(@Args('userId', { type: () => ID }) userId: string, @Args('grant') grant: GrantInput, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.accounts.revoke(userId, grant as Grant, commandContext({ actor, ...meta }));
  }

  @Allow({ admin: true })
  @Mutation(() => CommandReceiptType, {
    description: 'Makes the user the coach of a coach record, so their screens open on their own people; leave coachId out to unlink.',
  })
  linkCoachRecord(
    @Args('userId', { type: () => ID }) userId: string,
    @Args('coachId', { type: () => ID, nullable: true }) coachId: string | null,
    @Args() meta: CommandArgs,
    @CurrentActor() actor: string,
  ) {
    return this.accounts.linkCoachRecord(userId, coachId, commandContext({ actor, ...meta }));
  }

  @Allow({ admin: true })
  @Mutation(() => CommandReceiptType, { description: 'The user can no longer sign in; their sessions end.' })
  deactivateUser(@Args('userId', { type: () => ID }) userId: string, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.accounts.deactivate(userId, commandContext({ actor, ...meta }));
  }

  @Allow({ admin: true })
  @Mutation(() => CommandReceiptType)
  reactivateUser(@Args('userId', { type: () => ID }) userId: string, @Args() meta: CommandArgs, @CurrentActor() actor: string) {
    return this.accounts.reactivate(userId, commandContext({ actor, ...meta }));
  }

  @Allow({ admin: true })
  @Query(() => AuditLogPage, { description: 'Who did what, newest first.' })
  auditLog(
    @Args('filter', { type: () => AuditLogFilter, nullable: true }) filter: AuditLogFilter | null,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<AuditLogPage> {
    return this.audit.page(filter ?? {}, first, after);
  }
}

function userView(account: Account): UserView {
  return { userId: account.userId, email: account.email, displayName: account.displayName, active: account.active, grants: account.grants, coachId: account.coachId };
}
