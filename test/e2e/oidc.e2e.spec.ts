import 'reflect-metadata';
import { createHash, randomUUID } from 'node:crypto';
import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { AccountsService, OIDC_NOT_CONFIGURED, PENDING_SIGN_IN_COOKIE, userIdFor } from '#libs/access';
import { commandContext } from '#libs/capture';
import { PolicyGuard, Public, SCOPE_LOOKUP, SignedIn } from '#libs/policy';
import { ConfigError, loadConfig } from '#libs/runtime';
import { FakeIdentityProvider } from '../../libs/access/src/oidc/testing/fake-identity-provider.js';
import { openApi, type ApiHarness } from './api-harness.js';

/**
 * Single sign-on through the real server, against an in-process OpenID Connect provider over
 * loopback HTTP. The browser is played by hand: each redirect is followed explicitly, carrying
 * the cookies a browser would. The registered redirect URI is a public address, as behind a
 * proxy; the callback reaches the server on its loopback port with the provider's query.
 */
const CLIENT_ID = 'learning-loop-e2e';
const CLIENT_SECRET = 'synthetic-client-secret';
const REDIRECT_URI = 'https://loop.example.test/auth/oidc/callback';

const OIDC_ENV = (issuer: string) => ({
  OIDC_ISSUER_URL: issuer,
  OIDC_CLIENT_ID: CLIENT_ID,
  OIDC_CLIENT_SECRET: CLIENT_SECRET,
  OIDC_REDIRECT_URI: REDIRECT_URI,
});

interface Started {
  readonly location: URL;
  /** `name=value` of the pending sign-in cookie, as a browser would send it back. */
  readonly cookie: string;
  readonly setCookie: string;
}

interface Returned {
  readonly status: number;
  readonly location: string | null;
  readonly setCookies: string[];
  /** `name=value` of the session cookie, when one was set. */
  readonly session: string | undefined;
}

describe('single sign-on with OpenID Connect (e2e)', () => {
  let provider: FakeIdentityProvider;
  let api: ApiHarness;
  let origin: string;
  let accounts: AccountsService;

  beforeAll(async () => {
    provider = await FakeIdentityProvider.start({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    api = await openApi({ env: OIDC_ENV(provider.issuer) });
    origin = new URL(api.url).origin;
    accounts = api.app.get(AccountsService);
  });

  afterAll(async () => {
    await api?.close();
    await provider?.stop();
  });

  const system = () => commandContext({ actor: 'system:test' });

  async function existingUser(): Promise<{ email: string; userId: string }> {
    const email = `sso-${randomUUID()}@example.test`;
    const { receipt } = await accounts.invite({ email, displayName: 'Synthetic Staff', grants: [{ role: 'influencer' }] }, system());
    return { email, userId: receipt.id };
  }

  async function begin(): Promise<Started> {
    const response = await fetch(`${origin}/auth/oidc/login`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith(`${PENDING_SIGN_IN_COOKIE}=`));
    expect(setCookie).toBeDefined();
    return { location: new URL(response.headers.get('location')!), cookie: setCookie!.split(';')[0], setCookie: setCookie! };
  }

  /** The browser arriving at the server's callback with the provider's query (and `cookie`, if any). */
  async function callback(providerRedirect: URL, cookie: string | undefined): Promise<Returned> {
    const response = await fetch(`${origin}/auth/oidc/callback${providerRedirect.search}`, {
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
    });
    const setCookies = response.headers.getSetCookie();
    const session = setCookies.find((c) => c.startsWith('ll_session='))?.split(';')[0];
    return { status: response.status, location: response.headers.get('location'), setCookies, session };
  }

  async function signInAtProvider(claims: Record<string, unknown>): Promise<Returned> {
    const started = await begin();
    return callback(provider.authorize(started.location.href, claims), started.cookie);
  }

  const verified = (email: string) => ({ email, email_verified: true });

  /** A GraphQL query over GET, which needs no CSRF token. */
  async function getQuery<T>(query: string, cookie: string): Promise<{ data?: T; errors?: Array<{ extensions?: { code?: string } }> }> {
    const response = await fetch(`${api.url}?query=${encodeURIComponent(query)}`, { headers: { cookie, 'apollo-require-preflight': 'true' } });
    return (await response.json()) as { data?: T };
  }

  async function pendingRows(state: string): Promise<Array<{ nonce: string; code_verifier: string }>> {
    const { rows } = await api.runtime.readModels.query<{ nonce: string; code_verifier: string }>(
      'SELECT nonce, code_verifier FROM oidc_pending_sign_ins WHERE state = $1',
      [state],
    );
    return rows;
  }

  function expectRefused(returned: Returned, code: string): void {
    expect(returned.status).toBe(303);
    expect(returned.location).toBe(`/sign-in?error=${code}`);
    expect(returned.session).toBeUndefined();
    // The pending sign-in cookie is cleared whatever happened.
    expect(returned.setCookies).toContainEqual(expect.stringMatching(new RegExp(`^${PENDING_SIGN_IN_COOKIE}=;.*Max-Age=0`)));
  }

  it('GET /auth/oidc/status says single sign-on is enabled, for the sign-in page, and nothing more', async () => {
    const response = await fetch(`${origin}/auth/oidc/status`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ enabled: true });
  });

  it('when a browser starts single sign-on, then it is sent to the provider with state, nonce and a PKCE S256 challenge, keeping the verifier server-side', async () => {
    const { location, setCookie } = await begin();
    expect(location.origin + location.pathname).toBe(`${provider.issuer}/authorize`);
    const param = (name: string) => location.searchParams.get(name);
    expect(param('response_type')).toBe('code');
    expect(param('client_id')).toBe(CLIENT_ID);
    expect(param('redirect_uri')).toBe(REDIRECT_URI);
    expect(param('scope')?.split(' ')).toContain('openid');
    expect(param('code_challenge_method')).toBe('S256');
    const [pending] = await pendingRows(param('state')!);
    expect(pending).toBeDefined();
    expect(param('nonce')).toBe(pending.nonce);
    expect(param('code_challenge')).toBe(createHash('sha256').update(pending.code_verifier).digest('base64url'));
    expect(location.href).not.toContain(pending.code_verifier);

    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Path=\/auth\/oidc;/);
    expect(setCookie).toMatch(/; Max-Age=[1-9]\d*/);
    expect(setCookie.split(';')[0]).not.toContain(param('state')!);
  });

  it('given an existing, active user, when they return from the provider, then they have a normal session: me answers, and mutations work with its CSRF token', async () => {
    const user = await existingUser();
    const requestsBefore = provider.tokenRequests.length;
    const returned = await signInAtProvider(verified(user.email.toUpperCase()));

    expect(returned.status).toBe(303);
    expect(returned.location).toBe('/');
    expect(returned.session).toBeDefined();
    expect(returned.setCookies.find((c) => c.startsWith('ll_session='))).toMatch(/; HttpOnly; Secure; SameSite=Strict; /);
    expect(returned.setCookies).toContainEqual(expect.stringMatching(new RegExp(`^${PENDING_SIGN_IN_COOKIE}=;.*Max-Age=0`)));
    expect(provider.tokenRequests).toHaveLength(requestsBefore + 1);

    const cookie = returned.session!;
    const me = await getQuery<{ me: { userId: string } }>('{ me { userId } }', cookie);
    expect(me.data?.me.userId).toBe(user.userId);
    expect(user.userId).toBe(userIdFor(user.email));

    // As after a reload: the web app asks for the CSRF token, then sends it with a mutation.
    const { data } = await getQuery<{ csrfToken: string }>('{ csrfToken }', cookie);
    expect(data?.csrfToken).toEqual(expect.any(String));
    const signOut = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': data!.csrfToken },
      body: JSON.stringify({ query: 'mutation { signOut }' }),
    });
    expect(await signOut.json()).toEqual({ data: { signOut: true } });
    const after = await getQuery('{ me { userId } }', cookie);
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('given a completed sign-in, when the same callback is replayed, then it is refused and the code is not redeemed again', async () => {
    const user = await existingUser();
    const started = await begin();
    const providerRedirect = provider.authorize(started.location.href, verified(user.email));
    expect((await callback(providerRedirect, started.cookie)).session).toBeDefined();
    const requests = provider.tokenRequests.length;

    expectRefused(await callback(providerRedirect, started.cookie), 'state_mismatch');
    expectRefused(await callback(providerRedirect, undefined), 'state_mismatch');
    expect(provider.tokenRequests).toHaveLength(requests);
  });

  it('when the callback carries the state of another sign-in, or comes to a browser that began none, then it is refused before the code is redeemed', async () => {
    const user = await existingUser();
    const mine = await begin();
    const other = await begin();
    const requests = provider.tokenRequests.length;
    const othersRedirect = provider.authorize(other.location.href, verified(user.email));

    expectRefused(await callback(othersRedirect, mine.cookie), 'state_mismatch');
    expectRefused(await callback(othersRedirect, undefined), 'state_mismatch');
    expect(provider.tokenRequests).toHaveLength(requests);
  });

  it('given no user with the address, then it is refused as unknown_user without echoing the address, and no account is made', async () => {
    const email = `nobody-${randomUUID()}@example.test`;
    const returned = await signInAtProvider(verified(email));
    expectRefused(returned, 'unknown_user');
    expect(JSON.stringify(returned)).not.toContain(email.split('@')[0]);
    expect(await accounts.byEmail(email)).toBeUndefined();
  });

  it('given an address the provider has not verified, then it is refused as email_not_verified', async () => {
    const user = await existingUser();
    expectRefused(await signInAtProvider({ email: user.email, email_verified: false }), 'email_not_verified');
    expectRefused(await signInAtProvider({ email: user.email }), 'email_not_verified');
  });

  it('given a pending sign-in older than its 10 minutes, when the browser comes back, then it is refused as expired and the code is not redeemed', async () => {
    const user = await existingUser();
    const started = await begin();
    const state = started.location.searchParams.get('state')!;
    await api.runtime.readModels.query(`UPDATE oidc_pending_sign_ins SET expires_at = now() - interval '1 minute' WHERE state = $1`, [state]);
    const requests = provider.tokenRequests.length;

    expectRefused(await callback(provider.authorize(started.location.href, verified(user.email)), started.cookie), 'expired');
    expect(provider.tokenRequests).toHaveLength(requests);
    expect(await pendingRows(state)).toEqual([]);
  });

  it('given a deactivated user, then it is refused as deactivated', async () => {
    const user = await existingUser();
    await accounts.deactivate(user.userId, system());
    expectRefused(await signInAtProvider(verified(user.email)), 'deactivated');
  });

  it('when the provider reports an error (the person cancelled), then it is refused as provider_error', async () => {
    const started = await begin();
    const cancelled = new URL(REDIRECT_URI);
    cancelled.searchParams.set('error', 'access_denied');
    cancelled.searchParams.set('state', started.location.searchParams.get('state')!);
    expectRefused(await callback(cancelled, started.cookie), 'provider_error');
  });

  it('when the ID token does not carry the pending nonce, then it is refused as provider_error', async () => {
    const user = await existingUser();
    const started = await begin();
    const replayedToken = provider.authorize(started.location.href, { ...verified(user.email), nonce: 'another-sign-in' });
    expectRefused(await callback(replayedToken, started.cookie), 'provider_error');
  });
});

describe('single sign-on when it is not configured (e2e)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await openApi();
  });
  afterAll(() => api?.close());

  it('GET /auth/oidc/status says single sign-on is not enabled, so the sign-in page does not offer it', async () => {
    const response = await fetch(`${new URL(api.url).origin}/auth/oidc/status`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ enabled: false });
  });

  it.each(['login', 'callback?code=any&state=any'])('GET /auth/oidc/%s answers 404 saying what to set', async (route) => {
    const response = await fetch(`${new URL(api.url).origin}/auth/oidc/${route}`, { redirect: 'manual' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toBe(OIDC_NOT_CONFIGURED);
    expect(OIDC_NOT_CONFIGURED).toContain('OIDC_ISSUER_URL');
  });
});

describe('single sign-on when the provider cannot be reached (e2e)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    const gone = await FakeIdentityProvider.start({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    await gone.stop();
    api = await openApi({ env: OIDC_ENV(gone.issuer) });
  });
  afterAll(() => api?.close());

  it('the server still starts, and each sign-in is sent back as provider_unavailable while password sign-in stays available', async () => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await fetch(`${new URL(api.url).origin}/auth/oidc/login`, { redirect: 'manual' });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/sign-in?error=provider_unavailable');
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    const withPassword = await api.as([{ role: 'influencer' }]);
    expect((await withPassword.ok<{ me: { userId: string } }>('{ me { userId } }')).me.userId).toBe(withPassword.userId);
  });
});

describe('single sign-on configuration', () => {
  it('is read with the rest of the configuration, and a half-finished set-up stops the start naming each variable, not its value', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(loadConfig(OIDC_ENV('https://id.example.test')).oidc).toMatchObject({ issuerUrl: 'https://id.example.test/', clientId: CLIENT_ID });
    let error: unknown;
    try {
      loadConfig({ OIDC_ISSUER_URL: 'https://id.example.test', OIDC_CLIENT_SECRET: CLIENT_SECRET, PORT: 'eighty' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems).toEqual(
      expect.arrayContaining([
        'OIDC_CLIENT_ID must be set when single sign-on is configured.',
        'OIDC_REDIRECT_URI must be set when single sign-on is configured.',
        expect.stringContaining('PORT'),
      ]),
    );
    expect(problems.join('\n')).not.toContain(CLIENT_SECRET);
  });
});

describe('the policy guard on plain HTTP routes', () => {
  @Controller('probe')
  class ProbeController {
    @Get('no-policy')
    noPolicy() {
      return 'reached';
    }

    @SignedIn()
    @Get('signed-in')
    signedIn() {
      return 'reached';
    }

    @Public()
    @Get('public')
    open() {
      return 'reached';
    }
  }

  @Module({
    controllers: [ProbeController],
    providers: [
      { provide: APP_GUARD, useClass: PolicyGuard },
      { provide: SCOPE_LOOKUP, useValue: { inCoachScope: async () => false } },
    ],
  })
  class ProbeModule {}

  let app: INestApplication;
  let base: string;
  beforeAll(async () => {
    app = await NestFactory.create(ProbeModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `${await app.getUrl()}/probe`;
  });
  afterAll(() => app?.close());

  it('refuses a route without a policy with 403 (deny by default), asks for sign-in with 401, and lets a public route through', async () => {
    const noPolicy = await fetch(`${base}/no-policy`);
    expect(noPolicy.status).toBe(403);
    expect(await noPolicy.text()).not.toContain('reached');
    expect((await fetch(`${base}/signed-in`)).status).toBe(401);
    const open = await fetch(`${base}/public`);
    expect(open.status).toBe(200);
    expect(await open.text()).toBe('reached');
  });
});
