import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A minimal OpenID Connect provider on a loopback port, for specs only: discovery, JWKS, and an
 * authorization-code token endpoint that checks client authentication, PKCE (S256) and the
 * redirect URI the way a real provider does, and signs RS256 ID tokens. It lets the sign-in
 * wrapper be exercised through openid-client's real validation without leaving the machine.
 * The browser's visit to the authorization endpoint is simulated by `authorize`.
 */

export interface FakeProviderOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Advertised `token_endpoint_auth_methods_supported`; omitted from metadata when undefined. */
  readonly tokenEndpointAuthMethods?: readonly string[] | undefined;
}

export interface TokenRequestRecord {
  readonly form: Record<string, string>;
  readonly authorization: string | undefined;
}

interface IssuedCode {
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly nonce: string | undefined;
  readonly claims: Record<string, unknown>;
}

export class FakeIdentityProvider {
  readonly tokenRequests: TokenRequestRecord[] = [];
  private readonly codes = new Map<string, IssuedCode>();
  private readonly privateKey: KeyObject;
  private readonly publicJwk: Record<string, unknown>;
  private readonly kid = 'fake-key-1';

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    private readonly options: FakeProviderOptions,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicJwk = { ...publicKey.export({ format: 'jwk' }), kid: this.kid, alg: 'RS256', use: 'sig' };
  }

  static async start(options: FakeProviderOptions): Promise<FakeIdentityProvider> {
    let provider: FakeIdentityProvider | undefined;
    const server = createServer((req, res) => {
      provider!.handle(req, res).catch((error: unknown) => respond(res, 500, { error: 'server_error', detail: String(error) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    provider = new FakeIdentityProvider(server, `http://127.0.0.1:${port}`, options);
    return provider;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  /**
   * Plays the user signing in at the authorization endpoint: returns the callback URL the
   * provider would redirect the browser to, with a code whose ID token carries `claims` (and,
   * unless `claims` sets one, the nonce from the request).
   */
  authorize(authorizationUrl: string, claims: Record<string, unknown>): URL {
    const request = new URL(authorizationUrl);
    const param = (name: string) => request.searchParams.get(name) ?? undefined;
    if (request.origin + request.pathname !== `${this.issuer}/authorize`) throw new Error('not this provider');
    if (param('client_id') !== this.options.clientId) throw new Error('unknown client_id');
    if (param('response_type') !== 'code') throw new Error('unsupported response_type');
    if (param('code_challenge_method') !== 'S256' || !param('code_challenge')) throw new Error('PKCE S256 required');
    const redirectUri = param('redirect_uri');
    if (!redirectUri) throw new Error('redirect_uri required');
    const code = randomBytes(16).toString('base64url');
    this.codes.set(code, { redirectUri, codeChallenge: param('code_challenge')!, nonce: param('nonce'), claims });
    const callback = new URL(redirectUri);
    callback.searchParams.set('code', code);
    const state = param('state');
    if (state !== undefined) callback.searchParams.set('state', state);
    return callback;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.issuer).pathname;
    // Served under any path, so a spec can point discovery at the wrong issuer and see it refused.
    if (req.method === 'GET' && path.endsWith('/.well-known/openid-configuration')) return respond(res, 200, this.metadata());
    if (req.method === 'GET' && path === '/jwks') return respond(res, 200, { keys: [this.publicJwk] });
    if (req.method === 'POST' && path === '/token') return this.token(req, res);
    respond(res, 404, { error: 'not_found' });
  }

  private metadata(): Record<string, unknown> {
    return {
      issuer: this.issuer,
      authorization_endpoint: `${this.issuer}/authorize`,
      token_endpoint: `${this.issuer}/token`,
      jwks_uri: `${this.issuer}/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
      ...(this.options.tokenEndpointAuthMethods && {
        token_endpoint_auth_methods_supported: this.options.tokenEndpointAuthMethods,
      }),
    };
  }

  private async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    this.tokenRequests.push({ form, authorization: req.headers.authorization });
    if (!this.clientAuthenticated(form, req.headers.authorization)) return respond(res, 401, { error: 'invalid_client' });
    const issued = this.codes.get(form.code ?? '');
    this.codes.delete(form.code ?? '');
    if (
      form.grant_type !== 'authorization_code' ||
      issued === undefined ||
      form.redirect_uri !== issued.redirectUri ||
      createHash('sha256').update(form.code_verifier ?? '').digest('base64url') !== issued.codeChallenge
    ) {
      return respond(res, 400, { error: 'invalid_grant' });
    }
    const now = Math.floor(Date.now() / 1000);
    const idToken = this.sign({
      iss: this.issuer,
      aud: this.options.clientId,
      sub: 'subject-0001',
      iat: now,
      exp: now + 300,
      ...(issued.nonce !== undefined && { nonce: issued.nonce }),
      ...issued.claims,
    });
    respond(res, 200, { access_token: randomBytes(16).toString('base64url'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
  }

  private clientAuthenticated(form: Record<string, string>, authorization: string | undefined): boolean {
    if (authorization?.startsWith('Basic ')) {
      const [id, secret] = Buffer.from(authorization.slice(6), 'base64').toString().split(':').map(decodeURIComponent);
      return id === this.options.clientId && secret === this.options.clientSecret;
    }
    return form.client_id === this.options.clientId && form.client_secret === this.options.clientSecret;
  }

  private sign(payload: Record<string, unknown>): string {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const input = `${encode({ alg: 'RS256', typ: 'JWT', kid: this.kid })}.${encode(payload)}`;
    return `${input}.${sign('sha256', Buffer.from(input), this.privateKey).toString('base64url')}`;
  }
}

function respond(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}
