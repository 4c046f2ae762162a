import { randomUUID } from 'node:crypto';
import { userIdFor } from '#libs/access';
import { parsePosition, START } from '#libs/kernel';
import { type ApiClient, type ApiHarness, type GraphqlResult, openApi, signIn } from './api-harness.js';

/**
 * Accounts, sessions and sign-in through the real GraphQL API: invitations, passwords, lockout,
 * the sign-in rate limit, the session cookie and its CSRF token, deactivation, who may read
 * what, and the audit log. Each describe block has its own server, because sign-in is limited to
 * ten attempts a minute per address and operation, per application instance. All emails, names
 * and words are synthetic.
 */

const PASSWORD = 'synthetic-passphrase-e2e-0001';
const NEW_PASSWORD = 'synthetic-passphrase-e2e-0002';
const email = () => `user-${randomUUID()}@example.test`;
const SAME_REFUSAL = 'The email or password is not right.';

interface Raw<T = any> {
  status: number;
  headers: Headers;
  body: GraphqlResult<T>;
}

/** One POST to the API with exactly these headers (no session unless a cookie is given). */
async function post<T = any>(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Raw<T>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphqlResult<T> };
}

const SIGN_IN = 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { csrfToken expiresAt user { userId email } } }';

interface Session {
  readonly setCookie: string;
  /** `ll_session=<token>`, as the browser sends it back. */
  readonly cookie: string;
  readonly csrfToken: string;
  /** A request with the cookie and the CSRF token, or with the headers given instead. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphqlResult<T>>;
}

/** Signs in and keeps the raw cookie and CSRF token, for specs about the session itself. */
async function openSession(url: string, address: string, password: string): Promise<Session> {
  const signedIn = await post(url, SIGN_IN, { e: address, p: password });
  if (signedIn.body.errors) throw new Error(`sign-in failed: ${JSON.stringify(signedIn.body.errors)}`);
  const setCookie = signedIn.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0];
  const csrfToken = signedIn.body.data.signIn.csrfToken as string;
  return {
    setCookie,
    cookie,
    csrfToken,
    async graphql(query, variables = {}, headers = { cookie, 'x-csrf-token': csrfToken }) {
      return (await post(url, query, variables, headers)).body;
    },
  };
}

const signInAttempt = (url: string, address: string, password: string) => post(url, SIGN_IN, { e: address, p: password });

/** Invites a user through the API (as the admin) and accepts the invitation with PASSWORD. */
async function invitedUser(api: ApiHarness, grants: Array<Record<string, string>>): Promise<{ userId: string; email: string }> {
  const address = email();
  const invited = await api.ok(`mutation($i: InviteUserInput!) { inviteUser(input: $i) { userId invitationToken } }`, {
    i: { email: address, displayName: 'Synthetic User', grants },
  });
  const accepted = await api.anonymous.graphql(`mutation($t: String!, $p: String!) { acceptInvitation(invitationToken: $t, password: $p) { id } }`, {
    t: invited.inviteUser.invitationToken,
    p: PASSWORD,
  });
  expect(accepted.errors).toBeUndefined();
  return { userId: invited.inviteUser.userId, email: address };
}

const codeOf = (result: GraphqlResult) => result.errors?.[0]?.extensions?.code;
const storeLength = async (api: ApiHarness) => (await api.runtime.store.readAll({ after: START, limit: 100_000 })).length;

describe('invitations and signing in', () => {
  let api: ApiHarness;
  let teamId: string;

  beforeAll(async () => {
    api = await openApi();
    const area = await api.ok(`mutation { registerArea(input: { name: "Access Test Borough" }) { id } }`);
    const team = await api.ok(`mutation($a: ID!) { formTeam(input: { areaId: $a, name: "Access Test Coaches" }) { id } }`, { a: area.registerArea.id });
    teamId = team.formTeam.id;
  });
  afterAll(() => api?.close());

  const ACCEPT = `mutation($t: String!, $p: String!) { acceptInvitation(invitationToken: $t, password: $p) { id } }`;
  const invite = (address: string) =>
    api.ok(`mutation($i: InviteUserInput!) { inviteUser(input: $i) { userId invitationToken } }`, {
      i: { email: address, displayName: 'Synthetic Coach', grants: [{ role: 'COACH', teamId }] },
    });

  it('given an invitation, when the user chooses a password and signs in, then they are who they were invited as, with their roles', async () => {
    const address = email();
    const invited = await invite(address);
    expect(invited.inviteUser.userId).toBe(userIdFor(address));
    expect(invited.inviteUser.invitationToken).toEqual(expect.any(String));

    const accepted = await api.anonymous.graphql(ACCEPT, { t: invited.inviteUser.invitationToken, p: PASSWORD });
    expect(accepted.errors).toBeUndefined();

    const user = await signIn(api.url, address, PASSWORD);
    const me = await user.ok(`{ me { userId email grants { role teamId } } }`);
    expect(me.me).toEqual({ userId: invited.inviteUser.userId, email: address, grants: [{ role: 'COACH', teamId }] });
  });

  it('given an invitation already used, when it is used again, then it is refused and the password stays as first chosen', async () => {
    const address = email();
    const invited = await invite(address);
    const token = invited.inviteUser.invitationToken;
    expect((await api.anonymous.graphql(ACCEPT, { t: token, p: PASSWORD })).errors).toBeUndefined();

    const again = await api.anonymous.graphql(ACCEPT, { t: token, p: NEW_PASSWORD });
    expect(codeOf(again)).toBe('UNAUTHENTICATED');
    expect(again.errors?.[0].message).toContain('not valid');

    const withSecond = await signInAttempt(api.url, address, NEW_PASSWORD);
    expect(codeOf(withSecond.body)).toBe('UNAUTHENTICATED');
    const withFirst = await signInAttempt(api.url, address, PASSWORD);
    expect(withFirst.body.errors).toBeUndefined();
  });

  it('given an invitation, when the password chosen is too short, then it is BAD_USER_INPUT naming the field, and the invitation still works', async () => {
    const invited = await invite(email());
    const short = await api.anonymous.graphql(ACCEPT, { t: invited.inviteUser.invitationToken, p: 'short-1' });
    expect(short.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', problems: [{ field: 'password', message: 'must be at least 12 characters' }] });
    expect(short.errors?.[0].message).not.toContain('short-1');

    expect((await api.anonymous.graphql(ACCEPT, { t: invited.inviteUser.invitationToken, p: PASSWORD })).errors).toBeUndefined();
  });

  it('given an invitation, when the password chosen is the email address itself, then it is BAD_USER_INPUT naming the field', async () => {
    const address = email();
    const invited = await invite(address);
    const same = await api.anonymous.graphql(ACCEPT, { t: invited.inviteUser.invitationToken, p: address });
    expect(same.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', problems: [{ field: 'password', message: 'must not be your email address' }] });
  });

  it('refuses a made-up invitation token', async () => {
    const forged = await api.anonymous.graphql(ACCEPT, { t: 'not-a-real-invitation-token', p: PASSWORD });
    expect(codeOf(forged)).toBe('UNAUTHENTICATED');
  });

  it('refuses an invitation that is wrong as sent, naming every field, and appends nothing', async () => {
    const before = await storeLength(api);
    const bad = await api.graphql(`mutation($i: InviteUserInput!) { inviteUser(input: $i) { userId } }`, {
      i: { email: 'not-an-email', displayName: ' ', grants: [{ role: 'COACH' }, { role: 'INFLUENCER' }, { role: 'INFLUENCER' }] },
    });
    expect(bad.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [
        { field: 'email', message: 'must be an email address' },
        { field: 'displayName', message: 'is required' },
        { field: 'grants[0].teamId', message: 'is required' },
        { field: 'grants', message: 'must not name the same role and scope twice' },
      ],
    });
    expect(await storeLength(api)).toBe(before);
  });

  it('given the same email invited twice, then the second invitation is a CONFLICT', async () => {
    const address = email();
    await invite(address);
    const twice = await api.graphql(`mutation($i: InviteUserInput!) { inviteUser(input: $i) { userId } }`, {
      i: { email: address.toUpperCase(), displayName: 'Synthetic Coach', grants: [] },
    });
    expect(codeOf(twice)).toBe('CONFLICT');
  });

  it('says the same thing for a wrong password and for an email nobody has', async () => {
    const { email: known } = await invitedUser(api, []);
    const wrongPassword = await signInAttempt(api.url, known, 'not-the-password-0000');
    const unknownEmail = await signInAttempt(api.url, email(), PASSWORD);

    expect(wrongPassword.body.errors).toEqual([expect.objectContaining({ message: SAME_REFUSAL, extensions: { code: 'UNAUTHENTICATED' } })]);
    expect(unknownEmail.body.errors).toEqual([expect.objectContaining({ message: SAME_REFUSAL, extensions: { code: 'UNAUTHENTICATED' } })]);
    expect(wrongPassword.headers.get('set-cookie')).toBeNull();
    expect(unknownEmail.headers.get('set-cookie')).toBeNull();
  });
});

describe('locking an email out after failed sign-ins', () => {
  // A server each: together these specs would sign in more than ten times within the minute.
  let api: ApiHarness;
  beforeEach(async () => {
    api = await openApi();
  });
  afterEach(() => api?.close());

  it('given five wrong passwords in a row for one email, when the right password is given, then it is refused as locked', async () => {
    const user = await invitedUser(api, [{ role: 'INFLUENCER' }]);
    for (let i = 1; i <= 5; i++) {
      const wrong = await signInAttempt(api.url, user.email, `wrong-password-${i}-000000`);
      expect(wrong.body.errors?.[0]).toMatchObject({ message: SAME_REFUSAL, extensions: { code: 'UNAUTHENTICATED' } });
    }

    const right = await signInAttempt(api.url, user.email, PASSWORD);
    expect(codeOf(right.body)).toBe('FORBIDDEN');
    expect(right.body.errors?.[0].message).toContain('locked');
    expect(right.headers.get('set-cookie')).toBeNull();

    // The same email in another case is the same account, and just as locked.
    const shouted = await signInAttempt(api.url, user.email.toUpperCase(), PASSWORD);
    expect(codeOf(shouted.body)).toBe('FORBIDDEN');

    // The lock is on the account's record, caused by the sign-in, not by anyone signed in.
    const stream = await api.runtime.store.readStream(`user-${user.userId}`);
    const locked = stream.filter((e) => e.type === 'user.locked_out');
    expect(locked).toHaveLength(1);
    expect(locked[0].metadata.actor).toBe('system:sign-in');
    expect(Date.parse((locked[0].data as { until: string }).until)).toBeGreaterThan(Date.now() + 10 * 60 * 1000);
  });

  it('given four wrong passwords, when the right one is given, then it signs in and the count starts again', async () => {
    const user = await invitedUser(api, [{ role: 'INFLUENCER' }]);
    for (let i = 1; i <= 4; i++) expect(codeOf((await signInAttempt(api.url, user.email, `wrong-password-${i}-000000`)).body)).toBe('UNAUTHENTICATED');
    const right = await signInAttempt(api.url, user.email, PASSWORD);
    expect(right.body.errors).toBeUndefined();
  });
});

describe('the sign-in rate limit per address', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    // openApi signs its own admin in: that is the first of this minute's ten sign-ins from here.
    api = await openApi();
  });
  afterAll(() => api?.close());

  it('given ten sign-ins from one address within a minute, when an eleventh comes, then it is TOO_MANY_REQUESTS', async () => {
    for (let attempt = 2; attempt <= 10; attempt++) {
      const allowed = await signInAttempt(api.url, email(), PASSWORD);
      expect(codeOf(allowed.body)).toBe('UNAUTHENTICATED');
    }
    const eleventh = await signInAttempt(api.url, email(), PASSWORD);
    expect(eleventh.body.errors?.[0]).toMatchObject({ extensions: { code: 'TOO_MANY_REQUESTS' } });
    expect(eleventh.body.errors?.[0].message).toMatch(/wait a minute/);
  });

  it('limits each operation apart: accepting an invitation is still answered, and signed-in sessions carry on', async () => {
    const forged = await api.anonymous.graphql(`mutation { acceptInvitation(invitationToken: "not-a-real-invitation-token", password: "${PASSWORD}") { id } }`);
    expect(codeOf(forged)).toBe('UNAUTHENTICATED');
    expect((await api.ok(`{ me { userId } }`)).me.userId).toBe(api.userId);
  });
});

describe('the sign-in rate limit behind a proxy', () => {
  /** The answers to sign-ins 2 to 11 (openApi's own admin sign-in was the first from this machine), each claiming a client address. */
  const signInsTwoToEleven = async (api: ApiHarness, client: (attempt: number) => string) => {
    const codes: Array<string | undefined> = [];
    for (let attempt = 2; attempt <= 11; attempt++) {
      codes.push(codeOf((await post(api.url, SIGN_IN, { e: email(), p: PASSWORD }, { 'x-forwarded-for': client(attempt) })).body));
    }
    return codes;
  };

  it('given no TRUST_PROXY, when each sign-in claims another client address, then they are still counted as one address', async () => {
    const api = await openApi();
    try {
      const codes = await signInsTwoToEleven(api, (attempt) => `198.51.100.${attempt}`);
      expect(codes.at(-1)).toBe('TOO_MANY_REQUESTS');
    } finally {
      await api.close();
    }
  });

  it('given TRUST_PROXY=loopback, when sign-ins come through it from different clients, then each client is counted apart', async () => {
    const api = await openApi({ env: { TRUST_PROXY: 'loopback' } });
    try {
      expect(await signInsTwoToEleven(api, (attempt) => `198.51.100.${attempt}`)).toEqual(Array(10).fill('UNAUTHENTICATED'));
      const oneClient = await signInsTwoToEleven(api, () => '198.51.100.200');
      const eleventh = await post(api.url, SIGN_IN, { e: email(), p: PASSWORD }, { 'x-forwarded-for': '198.51.100.200' });
      expect([...oneClient, codeOf(eleventh.body)]).toEqual([...Array(10).fill('UNAUTHENTICATED'), 'TOO_MANY_REQUESTS']);
    } finally {
      await api.close();
    }
  });
});

describe('the session cookie and its CSRF token', () => {
  let api: ApiHarness;
  let admin: { userId: string; email: string };
  let session: Session;

  beforeAll(async () => {
    api = await openApi();
    admin = await invitedUser(api, [{ role: 'ADMIN' }]);
    session = await openSession(api.url, admin.email, PASSWORD);
  });
  afterAll(() => api?.close());

  const REGISTER_AREA = `mutation { registerArea(input: { name: "Csrf Test Borough" }) { id } }`;

  it('is set by signIn as HttpOnly, Secure and SameSite=Strict for the whole site', () => {
    const attributes = session.setCookie.split(';').map((a) => a.trim().toLowerCase());
    expect(session.cookie).toMatch(/^ll_session=[A-Za-z0-9_-]{40,}$/);
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/']));
  });

  it('given the cookie and its CSRF token, when a mutation is sent, then it runs as the user', async () => {
    const made = await session.graphql(REGISTER_AREA);
    expect(made.errors).toBeUndefined();
    expect(made.data.registerArea.id).toEqual(expect.any(String));
  });

  it('given the cookie without the x-csrf-token header, when a mutation is sent, then it is FORBIDDEN and nothing is appended', async () => {
    const before = await storeLength(api);
    const refused = await session.graphql(REGISTER_AREA, {}, { cookie: session.cookie });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0].message).toContain('x-csrf-token');
    expect(await storeLength(api)).toBe(before);
  });

  it('given the cookie with a wrong CSRF token, when a mutation is sent, then it is FORBIDDEN and nothing is appended', async () => {
    const before = await storeLength(api);
    const token = session.csrfToken;
    const lastCharChanged = `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`;
    for (const wrong of [lastCharChanged, 'short', '']) {
      const refused = await session.graphql(REGISTER_AREA, {}, { cookie: session.cookie, 'x-csrf-token': wrong });
      expect(codeOf(refused)).toBe('FORBIDDEN');
    }
    expect(await storeLength(api)).toBe(before);
  });

  it('given another session\'s CSRF token, when a mutation is sent with this cookie, then it is FORBIDDEN', async () => {
    const other = await openSession(api.url, admin.email, PASSWORD);
    const refused = await session.graphql(REGISTER_AREA, {}, { cookie: session.cookie, 'x-csrf-token': other.csrfToken });
    expect(codeOf(refused)).toBe('FORBIDDEN');
  });

  it('asks the CSRF token on every POST, queries too: a query with the cookie but without the header is FORBIDDEN', async () => {
    const refused = await session.graphql(`{ me { userId } }`, {}, { cookie: session.cookie });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const allowed = await session.graphql(`{ me { userId } }`);
    expect(allowed.data?.me.userId).toBe(admin.userId);
  });

  it('lets a public operation through without the token, as nobody: health answers', async () => {
    const health = await session.graphql(`{ health { status } }`, {}, { cookie: session.cookie });
    expect(health.errors).toBeUndefined();
    expect(health.data.health.status).toEqual(expect.any(String));
  });

  it('refuses a mutation sent as GET with the cookie, and appends nothing', async () => {
    const before = await storeLength(api);
    const query = encodeURIComponent(REGISTER_AREA);
    const response = await fetch(`${api.url}?query=${query}`, { method: 'GET', headers: { cookie: session.cookie, 'apollo-require-preflight': 'true' } });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await storeLength(api)).toBe(before);
  });

  it('runs a query sent as GET with the cookie and no CSRF token only when it carries a header another site cannot send', async () => {
    const query = `${api.url}?query=${encodeURIComponent('{ me { userId } }')}`;
    // A plain cross-site GET (no custom header) is turned away before any resolver runs.
    const plain = await fetch(query, { method: 'GET', headers: { cookie: session.cookie } });
    expect(plain.status).toBe(400);
    // With a custom header (which a browser would only send after a CORS preflight) it runs:
    // the middleware asks the CSRF token of every method but GET, HEAD and OPTIONS.
    const preflighted = await fetch(query, { method: 'GET', headers: { cookie: session.cookie, 'apollo-require-preflight': 'true' } });
    const body = (await preflighted.json()) as GraphqlResult;
    expect(body.errors).toBeUndefined();
    expect(body.data.me.userId).toBe(admin.userId);
  });

  it('given signOut, when the same cookie is used again, then it is UNAUTHENTICATED and the cookie is cleared', async () => {
    const own = await openSession(api.url, admin.email, PASSWORD);
    const out = await post(api.url, `mutation { signOut }`, {}, { cookie: own.cookie, 'x-csrf-token': own.csrfToken });
    expect(out.body.data).toEqual({ signOut: true });
    const cleared = out.headers.get('set-cookie') ?? '';
    expect(cleared).toMatch(/^ll_session=;/);
    expect(cleared).toContain('Expires=Thu, 01 Jan 1970');

    expect(codeOf(await own.graphql(`{ me { userId } }`))).toBe('UNAUTHENTICATED');
    expect(codeOf(await own.graphql(REGISTER_AREA))).toBe('UNAUTHENTICATED');
    // Other sessions of the same user carry on.
    expect((await session.graphql(`{ me { userId } }`)).data?.me.userId).toBe(admin.userId);
  });

  it('given changePassword, then the other sessions end, this one carries on, and only the new password signs in', async () => {
    const user = await invitedUser(api, [{ role: 'INFLUENCER' }]);
    const here = await openSession(api.url, user.email, PASSWORD);
    const elsewhere = await openSession(api.url, user.email, PASSWORD);

    const changed = await here.graphql(`mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id } }`, {
      c: PASSWORD,
      n: NEW_PASSWORD,
    });
    expect(changed.errors).toBeUndefined();

    expect((await here.graphql(`{ me { userId } }`)).data?.me.userId).toBe(user.userId);
    expect(codeOf(await elsewhere.graphql(`{ me { userId } }`))).toBe('UNAUTHENTICATED');

    const old = await signInAttempt(api.url, user.email, PASSWORD);
    expect(old.body.errors?.[0]).toMatchObject({ message: SAME_REFUSAL, extensions: { code: 'UNAUTHENTICATED' } });
    const renewed = await signInAttempt(api.url, user.email, NEW_PASSWORD);
    expect(renewed.body.errors).toBeUndefined();
  });

  it('given changePassword with a wrong current password or a short new one, then it is BAD_USER_INPUT naming the field', async () => {
    const wrongCurrent = await session.graphql(`mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id } }`, {
      c: 'not-the-password-0000',
      n: 'another-synthetic-passphrase',
    });
    expect(wrongCurrent.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', problems: [{ field: 'currentPassword', message: 'is not your current password' }] });
    const short = await session.graphql(`mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id } }`, {
      c: PASSWORD,
      n: 'short-2',
    });
    expect(short.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', problems: [{ field: 'newPassword', message: 'must be at least 12 characters' }] });
  });
});

describe('deactivating and reactivating a user', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await openApi();
  });
  afterAll(() => api?.close());

  const DEACTIVATE = `mutation($u: ID!) { deactivateUser(userId: $u) { id } }`;
  const REACTIVATE = `mutation($u: ID!) { reactivateUser(userId: $u) { id } }`;

  it('given a deactivated user, then their sessions end and they cannot sign in; reactivated, they can again', async () => {
    const user = await invitedUser(api, [{ role: 'INFLUENCER' }]);
    const session = await openSession(api.url, user.email, PASSWORD);
    expect((await session.graphql(`{ me { userId } }`)).data?.me.userId).toBe(user.userId);

    expect((await api.graphql(DEACTIVATE, { u: user.userId })).errors).toBeUndefined();
    expect(codeOf(await session.graphql(`{ me { userId } }`))).toBe('UNAUTHENTICATED');
    const refused = await signInAttempt(api.url, user.email, PASSWORD);
    expect(refused.body.errors?.[0]).toMatchObject({ message: SAME_REFUSAL, extensions: { code: 'UNAUTHENTICATED' } });

    const users = await api.ok(`{ users { userId active } }`);
    expect(users.users).toContainEqual({ userId: user.userId, active: false });

    expect((await api.graphql(REACTIVATE, { u: user.userId })).errors).toBeUndefined();
    // The session that was ended stays ended; a new sign-in works.
    expect(codeOf(await session.graphql(`{ me { userId } }`))).toBe('UNAUTHENTICATED');
    const again = await openSession(api.url, user.email, PASSWORD);
    expect((await again.graphql(`{ me { userId } }`)).data?.me.userId).toBe(user.userId);
  });

  it('refuses deactivating twice, reactivating an active user, and an id nobody has', async () => {
    const user = await invitedUser(api, []);
    expect(codeOf(await api.graphql(REACTIVATE, { u: user.userId }))).toBe('CONFLICT');
    await api.ok(DEACTIVATE, { u: user.userId });
    expect(codeOf(await api.graphql(DEACTIVATE, { u: user.userId }))).toBe('CONFLICT');
    expect(codeOf(await api.graphql(DEACTIVATE, { u: randomUUID() }))).toBe('NOT_FOUND');
  });

  it('given an admin, when they deactivate themself, then it is a CONFLICT and they stay signed in', async () => {
    const before = await storeLength(api);
    const self = await api.graphql(DEACTIVATE, { u: api.userId });
    expect(codeOf(self)).toBe('CONFLICT');
    expect(await storeLength(api)).toBe(before);
    expect((await api.ok(`{ me { userId } }`)).me.userId).toBe(api.userId);
  });

  it('given a role revoked, then the next request already goes without it; an admin cannot take away their own admin role', async () => {
    const teamId = randomUUID();
    const coach = await api.as([{ role: 'coach', teamId }, { role: 'influencer' }]);
    expect((await coach.ok(`{ me { grants { role } } }`)).me.grants).toHaveLength(2);
    await api.ok(`mutation($u: ID!, $g: GrantInput!) { revokeRole(userId: $u, grant: $g) { id } }`, { u: coach.userId, g: { role: 'INFLUENCER' } });
    expect((await coach.ok(`{ me { grants { role teamId } } }`)).me.grants).toEqual([{ role: 'COACH', teamId }]);
    expect(codeOf(await coach.graphql(`{ observations { totalCount } }`))).toBe('FORBIDDEN');

    const own = await api.graphql(`mutation($u: ID!, $g: GrantInput!) { revokeRole(userId: $u, grant: $g) { id } }`, { u: api.userId, g: { role: 'ADMIN' } });
    expect(codeOf(own)).toBe('CONFLICT');
    expect((await api.ok(`{ me { grants { role } } }`)).me.grants).toContainEqual({ role: 'ADMIN' });
  });

  it('lets only an admin deactivate', async () => {
    const user = await invitedUser(api, []);
    const influencer = await api.as([{ role: 'influencer' }]);
    expect(codeOf(await influencer.graphql(DEACTIVATE, { u: user.userId }))).toBe('FORBIDDEN');
  });
});

describe('who may read and record what', () => {
  let api: ApiHarness;
  let partner: ApiClient;
  let coachA: ApiClient;
  let coachB: ApiClient;
  const ids = { area: '', teamA: '', teamB: '', coachRecordA: '', coachRecordB: '', personA: randomUUID(), personB: randomUUID() };

  const JOIN = `mutation($i: JoinPersonInput!) { joinPerson(input: $i) { id } }`;
  const joinInput = (personId: string, teamId: string, coachId: string) => ({
    personId,
    displayName: 'Synthetic Person',
    referralSource: 'GP',
    areaId: ids.area,
    teamId,
    coachId,
    joinedOn: '2026-01-05',
    consentToHoldInformation: true,
    consentToShareWordsAnonymised: false,
  });

  beforeAll(async () => {
    api = await openApi();
    ids.area = (await api.ok(`mutation { registerArea(input: { name: "Scope Test Borough" }) { id } }`)).registerArea.id;
    for (const [key, name] of [['teamA', 'Scope Team North'], ['teamB', 'Scope Team South']] as const) {
      ids[key] = (await api.ok(`mutation($a: ID!, $n: String!) { formTeam(input: { areaId: $a, name: $n }) { id } }`, { a: ids.area, n: name })).formTeam.id;
      await api.coachIn(ids[key]);
    }
    ids.coachRecordA = (await api.ok(`mutation($t: ID!) { addCoach(input: { teamId: $t, displayName: "Coach Synthetic North" }) { id } }`, { t: ids.teamA })).addCoach.id;
    ids.coachRecordB = (await api.ok(`mutation($t: ID!) { addCoach(input: { teamId: $t, displayName: "Coach Synthetic South" }) { id } }`, { t: ids.teamB })).addCoach.id;
    await api.ok(JOIN, { i: joinInput(ids.personA, ids.teamA, ids.coachRecordA) });
    await api.ok(JOIN, { i: joinInput(ids.personB, ids.teamB, ids.coachRecordB) });

    partner = await api.as([{ role: 'partner', organisationId: randomUUID() }]);
    coachA = await api.as([{ role: 'coach', teamId: ids.teamA }]);
    coachB = await api.as([{ role: 'coach', teamId: ids.teamB }]);
  });
  afterAll(() => api?.close());

  it('answers health to anyone, and asks anyone else to sign in', async () => {
    const health = await api.anonymous.graphql(`{ health { status } }`);
    expect(health.errors).toBeUndefined();
    expect(codeOf(await api.anonymous.graphql(`{ me { userId } }`))).toBe('UNAUTHENTICATED');
    expect(codeOf(await api.anonymous.graphql(`{ areas { id } }`))).toBe('UNAUTHENTICATED');
    expect(codeOf(await api.anonymous.graphql(`query($id: ID!) { person(id: $id) { id } }`, { id: ids.personA }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await api.anonymous.graphql(JOIN, { i: joinInput(randomUUID(), ids.teamA, ids.coachRecordA) }))).toBe('UNAUTHENTICATED');
  });

  it('gives a partner nothing of the coaching records: areas, a person and observations are FORBIDDEN', async () => {
    expect((await partner.ok(`{ me { grants { role } } }`)).me.grants).toEqual([{ role: 'PARTNER' }]);
    expect(codeOf(await partner.graphql(`{ areas { id } }`))).toBe('FORBIDDEN');
    expect(codeOf(await partner.graphql(`query($id: ID!) { person(id: $id) { id } }`, { id: ids.personA }))).toBe('FORBIDDEN');
    expect(codeOf(await partner.graphql(`{ observations { totalCount } }`))).toBe('FORBIDDEN');
  });

  it('lets a coach see a person in their own team', async () => {
    const own = await coachA.ok(`query($id: ID!) { person(id: $id) { id teamId displayName } }`, { id: ids.personA });
    expect(own.person).toEqual({ id: ids.personA, teamId: ids.teamA, displayName: 'Synthetic Person' });
  });

  it('refuses a coach a person of another team, and recording a person into another team', async () => {
    const other = await coachA.graphql(`query($id: ID!) { person(id: $id) { id displayName } }`, { id: ids.personB });
    expect(codeOf(other)).toBe('FORBIDDEN');
    expect(other.data ?? null).toBeNull();
    expect(JSON.stringify(other)).not.toContain('Synthetic Person');

    const before = await storeLength(api);
    const joinElsewhere = await coachA.graphql(JOIN, { i: joinInput(randomUUID(), ids.teamB, ids.coachRecordB) });
    expect(codeOf(joinElsewhere)).toBe('FORBIDDEN');
    expect(await storeLength(api)).toBe(before);

    // And the other way round.
    expect(codeOf(await coachB.graphql(`query($id: ID!) { person(id: $id) { id } }`, { id: ids.personA }))).toBe('FORBIDDEN');
  });

  describe('the audit log', () => {
    const START_COACHING = `mutation($i: StartCoachingInput!) { startCoaching(input: $i) { position } }`;
    const INTERACTION = `mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { position } }`;
    const AUDIT = `query($f: AuditLogFilter, $first: Int!, $after: String) { auditLog(filter: $f, first: $first, after: $after) {
      entries { occurredAt recordedAt actor eventType stream personId } nextCursor } }`;
    const WORDS = 'synthetic-audit-words-7731';
    const person = randomUUID();
    const newcomer = randomUUID();
    let recorder: ApiClient;
    let admin: string;
    let coach: string;
    /** Newest first, as the audit log lists them: the events a join appended, read from the store itself. */
    const joinEvents = async (personId: string) => (await api.runtime.store.readStream(`person-${personId}`)).map((e) => e.type).reverse();

    beforeAll(async () => {
      admin = `user:${api.userId}`;
      recorder = await api.as([{ role: 'coach', teamId: ids.teamA }]);
      coach = `user:${recorder.userId}`;
      await api.ok(JOIN, { i: joinInput(person, ids.teamA, ids.coachRecordA) });
      // What this coach does: joins a newcomer, opens the person's page, starts coaching them, records a conversation.
      await recorder.ok(JOIN, { i: joinInput(newcomer, ids.teamA, ids.coachRecordA) });
      await recorder.ok(`query($id: ID!) { person(id: $id) { id } }`, { id: person });
      await recorder.ok(START_COACHING, { i: { personId: person, coachId: ids.coachRecordA, startedOn: '2026-01-06' } });
      const last = await recorder.ok(INTERACTION, {
        i: { personId: person, occurredOn: '2026-01-12', channel: 'PHONE', initiatedBy: 'PERSON', minutes: 20, whatMattered: WORDS },
      });
      // The audit log is a projection that mutations do not wait for: wait until it has the last write.
      expect(await api.runtime.projections.waitFor(parsePosition(last.recordInteraction.position), { projections: ['audit'], timeoutMs: 5000 })).toBe(true);
    });

    type Entry = { occurredAt: string; recordedAt: string; actor: string; eventType: string; stream: string; personId: string | null };
    const audit = async (filter: Record<string, unknown>, first = 100, after?: string | null): Promise<{ entries: Entry[]; nextCursor: string | null }> =>
      (await api.ok(AUDIT, { f: filter, first, after })).auditLog;

    it('lists what a user did, newest first, each as caused by them, reads of a person\'s page included', async () => {
      const page = await audit({ userId: recorder.userId });
      expect(page.entries.map((e) => [e.eventType, e.stream, e.personId])).toEqual([
        ['interaction.recorded', `coaching-${person}`, person],
        ['coaching.started', `coaching-${person}`, person],
        ['person_record.read', `recordaccess-${person}`, person],
        ...(await joinEvents(newcomer)).map((type) => [type, `person-${newcomer}`, newcomer]),
      ]);
      expect(page.entries.map((e) => e.eventType)).toContain('person.joined');
      expect(new Set(page.entries.map((e) => e.actor))).toEqual(new Set([coach]));
      expect(page.nextCursor).toBeNull();
    });

    it('lists what was done to a person, by whom, newest first, and never their name or words', async () => {
      const page = await audit({ personId: person });
      expect(page.entries.map((e) => [e.eventType, e.actor])).toEqual([
        ['interaction.recorded', coach],
        ['coaching.started', coach],
        ['person_record.read', coach],
        ...(await joinEvents(person)).map((type) => [type, admin]),
      ]);
      expect(page.entries.every((e) => e.personId === person)).toBe(true);
      const recorded = page.entries.map((e) => Date.parse(e.recordedAt));
      expect([...recorded].sort((a, b) => b - a)).toEqual(recorded);
      expect(JSON.stringify(page)).not.toContain(WORDS);
      expect(JSON.stringify(page)).not.toContain('Synthetic Person');
    });

    it('pages with first and after: the pages together are the whole list, in order, and the last page has no cursor', async () => {
      const whole = (await audit({ personId: person })).entries;
      expect(whole.length).toBeGreaterThanOrEqual(4);
      for (const size of [1, 2, 3]) {
        const seen: Entry[] = [];
        let after: string | null = null;
        let pages = 0;
        do {
          const page: { entries: Entry[]; nextCursor: string | null } = await audit({ personId: person }, size, after);
          expect(page.entries).toEqual(whole.slice(pages * size, pages * size + size));
          seen.push(...page.entries);
          after = page.nextCursor;
          pages += 1;
        } while (after !== null && pages <= whole.length);
        expect(seen).toEqual(whole);
        expect(pages).toBe(Math.ceil(whole.length / size));
      }
    });

    it('says BAD_USER_INPUT for a filter id that is not an id or a page size out of range, naming the field', async () => {
      const bad = await api.graphql(AUDIT, { f: { userId: 'not-an-id' }, first: 0 });
      expect(bad.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        problems: [
          { field: 'filter.userId', message: 'must be an id (UUID)' },
          { field: 'first', message: 'must be from 1 to 500' },
        ],
      });
    });

    it('is for admins only: a coach gets FORBIDDEN, even for what they did themself', async () => {
      expect(codeOf(await recorder.graphql(AUDIT, { f: { userId: recorder.userId }, first: 10 }))).toBe('FORBIDDEN');
      expect(codeOf(await recorder.graphql(AUDIT, { f: { personId: person }, first: 10 }))).toBe('FORBIDDEN');
    });
  });
});

describe('linking a coach’s account to their coach record', () => {
  let api: ApiHarness;
  let teamId: string;
  const coaches = { first: randomUUID(), second: randomUUID(), left: randomUUID() };
  const LINK = `mutation($u: ID!, $c: ID) { linkCoachRecord(userId: $u, coachId: $c) { id replayed } }`;

  beforeAll(async () => {
    api = await openApi();
    const area = await api.ok(`mutation { registerArea(input: { name: "Link Test Borough" }) { id } }`);
    teamId = (await api.ok(`mutation($a: ID!) { formTeam(input: { areaId: $a, name: "Link Test Coaches" }) { id } }`, { a: area.registerArea.id })).formTeam.id;
    for (const [coachId, displayName] of [[coaches.first, 'Synthetic Coach One'], [coaches.second, 'Synthetic Coach Two'], [coaches.left, 'Synthetic Coach Gone']]) {
      await api.ok(`mutation($i: AddCoachInput!) { addCoach(input: $i) { id } }`, { i: { coachId, teamId, displayName } });
    }
    await api.ok(`mutation($i: CoachLeftInput!) { coachLeft(input: $i) { id } }`, { i: { coachId: coaches.left } });
  });
  afterAll(() => api?.close());

  it('given a coach’s account, when an administrator links it to a coach record, then the coach sees it as theirs; and a retry records nothing twice', async () => {
    const user = await invitedUser(api, [{ role: 'COACH', teamId }]);
    const coach = await signIn(api.url, user.email, PASSWORD);
    expect((await coach.ok(`{ me { coachId } }`)).me.coachId).toBeNull();

    const LINK_ONCE = `mutation($u: ID!, $c: ID, $id: ID) { linkCoachRecord(userId: $u, coachId: $c, commandId: $id) { replayed } }`;
    const commandId = randomUUID();
    expect((await api.ok(LINK_ONCE, { u: user.userId, c: coaches.first, id: commandId })).linkCoachRecord.replayed).toBe(false);
    const before = await storeLength(api);
    expect((await api.ok(LINK_ONCE, { u: user.userId, c: coaches.first, id: commandId })).linkCoachRecord.replayed).toBe(true);
    // Linking the same record again under a new command id changes nothing either.
    await api.ok(LINK_ONCE, { u: user.userId, c: coaches.first, id: randomUUID() });
    expect(await storeLength(api)).toBe(before);
    expect((await coach.ok(`{ me { coachId } }`)).me.coachId).toBe(coaches.first);

    await api.ok(LINK, { u: user.userId, c: coaches.second });
    expect((await coach.ok(`{ me { coachId } }`)).me.coachId).toBe(coaches.second);
    await api.ok(LINK, { u: user.userId, c: null });
    expect((await coach.ok(`{ me { coachId } }`)).me.coachId).toBeNull();
  });

  it('refuses a coach record that does not exist, one whose coach has left, and one already linked to another account, and appends nothing', async () => {
    const one = await invitedUser(api, [{ role: 'COACH', teamId }]);
    const other = await invitedUser(api, [{ role: 'COACH', teamId }]);
    await api.ok(LINK, { u: one.userId, c: coaches.first });
    const before = await storeLength(api);

    const unknown = await api.graphql(LINK, { u: other.userId, c: randomUUID() });
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    const left = await api.graphql(LINK, { u: other.userId, c: coaches.left });
    expect(codeOf(left)).toBe('CONFLICT');
    const taken = await api.graphql(LINK, { u: other.userId, c: coaches.first });
    expect(codeOf(taken)).toBe('CONFLICT');
    expect(taken.errors?.[0]?.message).toMatch(/already linked to another account/);
    const badId = await api.graphql(LINK, { u: other.userId, c: 'not-an-id' });
    expect(codeOf(badId)).toBe('BAD_USER_INPUT');
    expect(await storeLength(api)).toBe(before);
  });

  it('lets only an administrator link accounts', async () => {
    const user = await invitedUser(api, [{ role: 'COACH', teamId }]);
    const coach = await signIn(api.url, user.email, PASSWORD);
    expect(codeOf(await coach.graphql(LINK, { u: user.userId, c: coaches.second }))).toBe('FORBIDDEN');
  });
});
