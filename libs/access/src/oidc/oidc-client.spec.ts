import * as client from 'openid-client';
import { UnauthenticatedError, ValidationError } from '#libs/kernel';
import { clientAuthentication, OidcSignIn, pkceS256Challenge } from './oidc-client.js';
import { loadOidcConfig, type OidcConfig } from './oidc-config.js';
import { mapOidcClaimsToUser } from './oidc-user-mapping.js';
import { FakeIdentityProvider } from './testing/fake-identity-provider.js';

const CLIENT_ID = 'learning-loop';
const CLIENT_SECRET = 'synthetic-client-secret';
const REDIRECT_URI = 'https://loop.example.org/auth/oidc/callback';

describe('OidcSignIn.begin (hand-made configuration, no network)', () => {
  const configuration = new client.Configuration(
    {
      issuer: 'https://id.example.org',
      authorization_endpoint: 'https://id.example.org/authorize',
      token_endpoint: 'https://id.example.org/token',
    },
    CLIENT_ID,
    CLIENT_SECRET,
  );
  const signIn = new OidcSignIn(configuration, { redirectUri: REDIRECT_URI, scopes: ['openid', 'email', 'profile'] });

  it('sends the browser to the authorization endpoint with an authorization-code request', () => {
    const url = new URL(signIn.begin().url);
    expect(url.origin + url.pathname).toBe('https://id.example.org/authorize');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(url.searchParams.get('scope')).toBe('openid email profile');
  });

  it('binds the request to the pending sign-in with state, nonce and a PKCE S256 challenge', async () => {
    const { url, pending } = signIn.begin();
    const params = new URL(url).searchParams;
    expect(params.get('state')).toBe(pending.state);
    expect(params.get('nonce')).toBe(pending.nonce);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toBe(await client.calculatePKCECodeChallenge(pending.codeVerifier));
  });

  it('never puts the code verifier or the client secret in the URL', () => {
    const { url, pending } = signIn.begin();
    expect(url).not.toContain(pending.codeVerifier);
    expect(url).not.toContain(CLIENT_SECRET);
  });

  it('makes fresh values for every sign-in', () => {
    const first = signIn.begin().pending;
    const second = signIn.begin().pending;
    expect(second.state).not.toBe(first.state);
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.codeVerifier).not.toBe(first.codeVerifier);
  });
});

describe('pkceS256Challenge', () => {
  it('matches the RFC 7636 appendix B example', () => {
    expect(pkceS256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
});

describe('clientAuthentication', () => {
  it('uses client_secret_basic when the provider does not list its methods, as OpenID Connect Discovery defaults', async () => {
    const headers = new Headers();
    const body = new URLSearchParams();
    await clientAuthentication(undefined, CLIENT_SECRET)({ issuer: 'https://id.example.org' }, { client_id: CLIENT_ID }, body, headers);
    expect(headers.get('authorization')).toMatch(/^Basic /);
    expect(body.has('client_secret')).toBe(false);
  });

  it('falls back to client_secret_post when that is all the provider accepts', async () => {
    const headers = new Headers();
    const body = new URLSearchParams();
    await clientAuthentication(['client_secret_post'], CLIENT_SECRET)({ issuer: 'https://id.example.org' }, { client_id: CLIENT_ID }, body, headers);
    expect(body.get('client_secret')).toBe(CLIENT_SECRET);
    expect(headers.has('authorization')).toBe(false);
  });

  it('refuses a provider that accepts neither, naming the setting at fault', () => {
    expect(() => clientAuthentication(['private_key_jwt'], CLIENT_SECRET)).toThrow(ValidationError);
    expect(() => clientAuthentication(['private_key_jwt'], CLIENT_SECRET)).toThrow(/^OIDC_ISSUER_URL: /);
  });
});

describe('OidcSignIn against an in-process provider over loopback HTTP', () => {
  let provider: FakeIdentityProvider;
  let config: OidcConfig;

  beforeEach(async () => {
    provider = await FakeIdentityProvider.start({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    config = {
      issuerUrl: provider.issuer,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: REDIRECT_URI,
      scopes: ['openid', 'email'],
      emailClaim: 'email',
      allowedEmailDomains: undefined,
      trustUnverifiedEmail: false,
    };
  });

  afterEach(() => provider.stop());

  const userClaims = { email: 'alex.coach@example.org', email_verified: true };

  it('completes a sign-in and returns the validated ID-token claims', async () => {
    const signIn = await OidcSignIn.discover(config);
    const { url, pending } = signIn.begin();
    const claims = await signIn.complete(provider.authorize(url, userClaims), pending);
    expect(claims).toMatchObject({ iss: provider.issuer, aud: CLIENT_ID, sub: 'subject-0001', nonce: pending.nonce, ...userClaims });
  });

  it('signs in an existing user end to end, from environment variables to user id', async () => {
    const fromEnv = loadOidcConfig({
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URI: REDIRECT_URI,
      OIDC_ALLOWED_EMAIL_DOMAINS: 'example.org',
    })!;
    const signIn = await OidcSignIn.discover(fromEnv);
    const { url, pending } = signIn.begin();
    const claims = await signIn.complete(provider.authorize(url, { email: 'Alex.Coach@example.org', email_verified: true }), pending);
    const users = {
      findUserByEmail: async (email: string) => (email === 'alex.coach@example.org' ? { userId: 'user-1', active: true } : undefined),
    };
    await expect(mapOidcClaimsToUser(claims, fromEnv, users)).resolves.toEqual({ ok: true, userId: 'user-1' });
  });

  it('redeems the code with the PKCE verifier, the configured redirect URI and client_secret_basic', async () => {
    const signIn = await OidcSignIn.discover(config);
    const { url, pending } = signIn.begin();
    await signIn.complete(provider.authorize(url, userClaims), pending);
    expect(provider.tokenRequests).toHaveLength(1);
    const [request] = provider.tokenRequests;
    expect(request.form).toMatchObject({ grant_type: 'authorization_code', code_verifier: pending.codeVerifier, redirect_uri: REDIRECT_URI });
    expect(request.authorization).toMatch(/^Basic /);
    expect(request.form.client_secret).toBeUndefined();
  });

  it('uses client_secret_post with a provider that only accepts that', async () => {
    await provider.stop();
    provider = await FakeIdentityProvider.start({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenEndpointAuthMethods: ['client_secret_post'] });
    const signIn = await OidcSignIn.discover({ ...config, issuerUrl: provider.issuer });
    const { url, pending } = signIn.begin();
    await signIn.complete(provider.authorize(url, userClaims), pending);
    expect(provider.tokenRequests[0].form.client_secret).toBe(CLIENT_SECRET);
  });

  it('accepts a callback URL rebuilt behind a proxy with another host, sending the registered redirect URI', async () => {
    const signIn = await OidcSignIn.discover(config);
    const { url, pending } = signIn.begin();
    const callback = provider.authorize(url, userClaims);
    const seenByTheApp = new URL(`http://api.internal:3000/auth/oidc/callback${callback.search}`);
    await expect(signIn.complete(seenByTheApp, pending)).resolves.toMatchObject(userClaims);
    expect(provider.tokenRequests[0].form.redirect_uri).toBe(REDIRECT_URI);
  });

  it('refuses a callback whose state belongs to another sign-in, before redeeming the code', async () => {
    const signIn = await OidcSignIn.discover(config);
    const { url, pending } = signIn.begin();
    const callback = provider.authorize(url, userClaims);
    const other = signIn.begin().pending;
    await expect(signIn.complete(callback, { ...pending, state: other.state })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(provider.tokenRequests).toHaveLength(0);
  });

  it('refuses an ID token whose nonce is not the pending one', async () => {
    const signIn = await OidcSignIn.discover(config);
    const { url, pending } = signIn.begin();
    const callback = provider.authorize(url, { ...userClaims, nonce: 'replayed-nonce' });
    await expect(signIn.complete(callback, pending)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses an ID token issued for another client', async () => {
    const signIn = await OidcSignIn.discover(config);
    const { url, pending } = signIn.begin();
    const callback = provider.authorize(url, { ...userClaims, aud: 'some-other-client' });
    await expect(signIn.complete(callback, pending)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses an expired ID token', async () => {
    const signIn = await OidcSignIn.discover(config);
    const { url, pending } = signIn.begin();
    const longAgo = Math.floor(Date.now() / 1000) - 3600;
    const callback = provider.authorize(url, { ...userClaims, iat: longAgo - 300, exp: longAgo });
    await expect(signIn.complete(callback, pending)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses when the code verifier is not the one the challenge was made from', async () => {
    const signIn = await OidcSignIn.discover(config);
    const { url, pending } = signIn.begin();
    const callback = provider.authorize(url, userClaims);
    const failure = signIn.complete(callback, { ...pending, codeVerifier: client.randomPKCECodeVerifier() });
    await expect(failure).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses a callback in which the provider reports an error, keeping the cause for the log', async () => {
    const signIn = await OidcSignIn.discover(config);
    const { pending } = signIn.begin();
    const callback = new URL(`${REDIRECT_URI}?error=access_denied&state=${pending.state}`);
    const error = await signIn.complete(callback, pending).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect((error as Error).cause).toBeInstanceOf(client.AuthorizationResponseError);
    expect(provider.tokenRequests).toHaveLength(0);
  });

  it('refuses to discover a provider whose metadata names another issuer', async () => {
    await expect(OidcSignIn.discover({ ...config, issuerUrl: `${provider.issuer}/elsewhere` })).rejects.toThrow(/issuer does not match/);
  });
});
