import { ValidationError } from '#libs/kernel';
import { loadOidcConfig } from './oidc-config.js';

const SECRET = 'synthetic-secret-Zq8#not-for-logs';

const complete = {
  OIDC_ISSUER_URL: 'https://id.example.org/realms/staff',
  OIDC_CLIENT_ID: 'learning-loop',
  OIDC_CLIENT_SECRET: SECRET,
  OIDC_REDIRECT_URI: 'https://loop.example.org/auth/oidc/callback',
};

function problemsOf(env: NodeJS.ProcessEnv): { field: string; message: string }[] {
  try {
    loadOidcConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return [...(error as ValidationError).problems];
  }
  throw new Error('expected loadOidcConfig to refuse the settings');
}

const fieldsOf = (env: NodeJS.ProcessEnv) => problemsOf(env).map((p) => p.field);

describe('loadOidcConfig', () => {
  describe('when single sign-on is not configured', () => {
    it('is off when none of the required variables is set', () => {
      expect(loadOidcConfig({})).toBeUndefined();
    });

    it('is off when the required variables are present but blank', () => {
      expect(loadOidcConfig({ OIDC_ISSUER_URL: '', OIDC_CLIENT_ID: '  ', OIDC_CLIENT_SECRET: '', OIDC_REDIRECT_URI: '' })).toBeUndefined();
    });

    it('is off when only optional variables are set', () => {
      expect(loadOidcConfig({ OIDC_SCOPES: 'openid email', OIDC_ALLOWED_EMAIL_DOMAINS: 'example.org' })).toBeUndefined();
    });
  });

  describe('when configured completely', () => {
    it('returns the settings with defaults for the optional ones', () => {
      expect(loadOidcConfig(complete)).toEqual({
        issuerUrl: 'https://id.example.org/realms/staff',
        clientId: 'learning-loop',
        clientSecret: SECRET,
        redirectUri: 'https://loop.example.org/auth/oidc/callback',
        scopes: ['openid', 'email', 'profile'],
        emailClaim: 'email',
        allowedEmailDomains: undefined,
        trustUnverifiedEmail: false,
      });
    });

    it('trims surrounding whitespace from values', () => {
      const config = loadOidcConfig({ ...complete, OIDC_CLIENT_ID: '  learning-loop\n' });
      expect(config?.clientId).toBe('learning-loop');
    });

    it('reads the optional settings', () => {
      const config = loadOidcConfig({
        ...complete,
        OIDC_SCOPES: 'openid  email groups',
        OIDC_EMAIL_CLAIM: 'preferred_email',
        OIDC_ALLOWED_EMAIL_DOMAINS: ' Example.ORG, staff.example.net ,,',
        OIDC_TRUST_UNVERIFIED_EMAIL: 'TRUE',
      });
      expect(config).toMatchObject({
        scopes: ['openid', 'email', 'groups'],
        emailClaim: 'preferred_email',
        allowedEmailDomains: ['example.org', 'staff.example.net'],
        trustUnverifiedEmail: true,
      });
    });

    it('keeps allowed domains in ASCII form so internationalised names compare reliably', () => {
      const config = loadOidcConfig({ ...complete, OIDC_ALLOWED_EMAIL_DOMAINS: 'Bücher.example' });
      expect(config?.allowedEmailDomains).toEqual(['xn--bcher-kva.example']);
    });

    it('does not trust unverified email unless told to', () => {
      expect(loadOidcConfig({ ...complete, OIDC_TRUST_UNVERIFIED_EMAIL: 'false' })?.trustUnverifiedEmail).toBe(false);
    });

    it.each(['http://localhost:8080', 'http://127.0.0.1:8080', 'http://[::1]:8080'])(
      'allows plain http on this machine (%s), for local development',
      (origin) => {
        const config = loadOidcConfig({ ...complete, OIDC_ISSUER_URL: `${origin}/realms/dev`, OIDC_REDIRECT_URI: `${origin}/cb` });
        expect(config?.issuerUrl).toBe(`${origin}/realms/dev`);
      },
    );
  });

  describe('when configured partially', () => {
    it('names each missing required variable', () => {
      expect(fieldsOf({ OIDC_ISSUER_URL: complete.OIDC_ISSUER_URL })).toEqual([
        'OIDC_CLIENT_ID',
        'OIDC_CLIENT_SECRET',
        'OIDC_REDIRECT_URI',
      ]);
    });

    it('counts a blank required variable as missing', () => {
      expect(fieldsOf({ ...complete, OIDC_CLIENT_SECRET: '   ' })).toEqual(['OIDC_CLIENT_SECRET']);
    });

    it('reports malformed values alongside missing ones', () => {
      expect(fieldsOf({ OIDC_CLIENT_SECRET: SECRET, OIDC_REDIRECT_URI: 'not a url' })).toEqual([
        'OIDC_ISSUER_URL',
        'OIDC_CLIENT_ID',
        'OIDC_REDIRECT_URI',
      ]);
    });
  });

  describe('when values are malformed', () => {
    it.each([
      ['a relative path', '/realms/staff', 'must be an absolute URL'],
      ['plain http on another host', 'http://id.example.org', 'must use https (plain http is allowed only for localhost)'],
      ['another scheme', 'ftp://id.example.org', 'must be an https URL'],
      ['credentials', 'https://user:pw@id.example.org', 'must not contain a user name or password'],
      ['a query', 'https://id.example.org/?tenant=1', 'must not contain a query string'],
      ['a fragment', 'https://id.example.org/#x', 'must not contain a fragment'],
    ])('refuses an issuer URL with %s', (_, value, message) => {
      expect(problemsOf({ ...complete, OIDC_ISSUER_URL: value })).toEqual([{ field: 'OIDC_ISSUER_URL', message }]);
    });

    it.each([
      ['a relative path', '/auth/callback', 'must be an absolute URL'],
      ['plain http on another host', 'http://loop.example.org/cb', 'must use https (plain http is allowed only for localhost)'],
      ['a query, which openid-client would drop when redeeming the code', 'https://loop.example.org/cb?x=1', 'must not contain a query string'],
      ['a fragment', 'https://loop.example.org/cb#done', 'must not contain a fragment'],
    ])('refuses a redirect URI with %s', (_, value, message) => {
      expect(problemsOf({ ...complete, OIDC_REDIRECT_URI: value })).toEqual([{ field: 'OIDC_REDIRECT_URI', message }]);
    });

    it('does not let a look-alike host pass as localhost', () => {
      expect(fieldsOf({ ...complete, OIDC_ISSUER_URL: 'http://localhost.example.org' })).toEqual(['OIDC_ISSUER_URL']);
    });

    it('requires the openid scope', () => {
      expect(problemsOf({ ...complete, OIDC_SCOPES: 'email profile' })).toEqual([
        { field: 'OIDC_SCOPES', message: 'must include openid' },
      ]);
    });

    it('refuses scope names with characters OAuth does not allow', () => {
      expect(fieldsOf({ ...complete, OIDC_SCOPES: 'openid "email"' })).toEqual(['OIDC_SCOPES']);
    });

    it('refuses an email claim name with spaces', () => {
      expect(fieldsOf({ ...complete, OIDC_EMAIL_CLAIM: 'work email' })).toEqual(['OIDC_EMAIL_CLAIM']);
    });

    it('names each allowed domain that is not a domain, by position', () => {
      expect(problemsOf({ ...complete, OIDC_ALLOWED_EMAIL_DOMAINS: 'example.org, @staff.example.org, localhost' })).toEqual([
        { field: 'OIDC_ALLOWED_EMAIL_DOMAINS', message: 'entry 2 is not a domain name such as example.org' },
        { field: 'OIDC_ALLOWED_EMAIL_DOMAINS', message: 'entry 3 is not a domain name such as example.org' },
      ]);
    });

    it('refuses an allow-list made only of separators rather than allowing everyone', () => {
      expect(fieldsOf({ ...complete, OIDC_ALLOWED_EMAIL_DOMAINS: ' , ,' })).toEqual(['OIDC_ALLOWED_EMAIL_DOMAINS']);
    });

    it('refuses a trust flag that is neither true nor false', () => {
      expect(problemsOf({ ...complete, OIDC_TRUST_UNVERIFIED_EMAIL: 'yes' })).toEqual([
        { field: 'OIDC_TRUST_UNVERIFIED_EMAIL', message: 'must be true or false' },
      ]);
    });

    it('lists every problem at once', () => {
      expect(
        fieldsOf({
          OIDC_ISSUER_URL: 'http://id.example.org',
          OIDC_CLIENT_SECRET: SECRET,
          OIDC_REDIRECT_URI: 'https://loop.example.org/cb#x',
          OIDC_SCOPES: 'email',
          OIDC_TRUST_UNVERIFIED_EMAIL: 'maybe',
        }),
      ).toEqual(['OIDC_CLIENT_ID', 'OIDC_ISSUER_URL', 'OIDC_REDIRECT_URI', 'OIDC_SCOPES', 'OIDC_TRUST_UNVERIFIED_EMAIL']);
    });
  });

  describe('never echoes values', () => {
    it('keeps the client secret out of the error even when the secret itself sits in a malformed variable', () => {
      let error: unknown;
      try {
        loadOidcConfig({ OIDC_CLIENT_SECRET: SECRET, OIDC_ISSUER_URL: SECRET, OIDC_REDIRECT_URI: `http://${SECRET}.example/` });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect(JSON.stringify({ message: (error as Error).message, problems: (error as ValidationError).problems })).not.toContain('synthetic-secret');
      expect((error as Error).message).toContain('OIDC_ISSUER_URL');
    });

    it('does not repeat other values either', () => {
      const error = (() => {
        try {
          loadOidcConfig({ ...complete, OIDC_ALLOWED_EMAIL_DOMAINS: 'not_a-domain!' });
        } catch (caught) {
          return caught as ValidationError;
        }
        throw new Error('expected a ValidationError');
      })();
      expect(error.message).not.toContain('not_a-domain!');
    });
  });
});
