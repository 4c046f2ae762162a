import fc from 'fast-check';
import { mapOidcClaimsToUser, type OidcMappingConfig, type UserByEmailLookup } from './oidc-user-mapping.js';

/** Users as local accounts store them: keyed by the lower-cased address, matched exactly. */
function directory(users: Record<string, { userId: string; active: boolean }>) {
  const asked: string[] = [];
  const lookup: UserByEmailLookup = {
    async findUserByEmail(email) {
      asked.push(email);
      return users[email];
    },
  };
  return { lookup, asked };
}

const config: OidcMappingConfig = { emailClaim: 'email', allowedEmailDomains: undefined, trustUnverifiedEmail: false };

const { lookup, asked } = directory({
  'alex.coach@example.org': { userId: 'user-1', active: true },
  'former.coach@example.org': { userId: 'user-2', active: false },
  'zoë@bücher.example': { userId: 'user-3', active: true },
});

beforeEach(() => {
  asked.length = 0;
});

const verified = (email: unknown) => ({ sub: 'subject-1', email, email_verified: true });

describe('mapOidcClaimsToUser', () => {
  it('signs in the existing, active user with the verified address', async () => {
    await expect(mapOidcClaimsToUser(verified('alex.coach@example.org'), config, lookup)).resolves.toEqual({ ok: true, userId: 'user-1' });
  });

  describe('reads the address', () => {
    it('regardless of letter case and surrounding whitespace, looking it up lower-cased', async () => {
      await expect(mapOidcClaimsToUser(verified('  Alex.Coach@EXAMPLE.org\t'), config, lookup)).resolves.toEqual({ ok: true, userId: 'user-1' });
      expect(asked).toEqual(['alex.coach@example.org']);
    });

    it('in Unicode NFC, so a decomposed accent finds the same user', async () => {
      const decomposed = 'Zoe\u0308@Bu\u0308cher.example';
      await expect(mapOidcClaimsToUser(verified(decomposed), config, lookup)).resolves.toEqual({ ok: true, userId: 'user-3' });
      expect(asked).toEqual(['zoë@bücher.example']);
    });

    it('from the configured claim rather than `email`', async () => {
      const claims = { email: 'someone.else@example.org', work_email: 'alex.coach@example.org', email_verified: true };
      await expect(mapOidcClaimsToUser(claims, { ...config, emailClaim: 'work_email' }, lookup)).resolves.toEqual({ ok: true, userId: 'user-1' });
    });

    it('matches any capitalisation of a known address (property)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.boolean(), { minLength: 22, maxLength: 22 }), async (upper) => {
          const email = [...'alex.coach@example.org'].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
          expect(await mapOidcClaimsToUser(verified(email), config, lookup)).toEqual({ ok: true, userId: 'user-1' });
        }),
      );
    });
  });

  describe('refuses with missing_email', () => {
    it.each([
      ['the claim is absent', { sub: 'subject-1', email_verified: true }],
      ['the claim is not a string', verified(['alex.coach@example.org'])],
      ['the claim is blank', verified('   ')],
    ])('when %s', async (_, claims) => {
      await expect(mapOidcClaimsToUser(claims, config, lookup)).resolves.toEqual({ ok: false, reason: 'missing_email' });
      expect(asked).toEqual([]);
    });

    it.each([
      ['no @', 'alex.coach.example.org'],
      ['two addresses', 'alex.coach@example.org,former.coach@example.org'],
      ['two @ signs', 'alex.coach@example.org@example.org'],
      ['a display name', 'Alex <alex.coach@example.org>'],
      ['inner whitespace', 'alex coach@example.org'],
      ['a quoted local part', '"alex"@example.org'],
      ['an invisible character', 'alex.coach\u200b@example.org'],
      ['an empty local part', '@example.org'],
      ['a dot at the edge of the local part', '.alex@example.org'],
      ['consecutive dots', 'alex..coach@example.org'],
      ['a single-label domain', 'alex.coach@localhost'],
      ['an IP address for a domain', 'alex.coach@192.0.2.1'],
      ['a domain label starting with a hyphen', 'alex.coach@-example.org'],
      ['an overlong local part', `${'a'.repeat(65)}@example.org`],
    ])('when the value is not one plausible address (%s)', async (_, email) => {
      await expect(mapOidcClaimsToUser(verified(email), config, lookup)).resolves.toEqual({ ok: false, reason: 'missing_email' });
      expect(asked).toEqual([]);
    });
  });

  describe('requires a verified address', () => {
    it.each([false, 'true', 1, null])('refuses with email_not_verified when email_verified is %p', async (value) => {
      const claims = { email: 'alex.coach@example.org', email_verified: value };
      await expect(mapOidcClaimsToUser(claims, { ...config, trustUnverifiedEmail: true }, lookup)).resolves.toEqual({
        ok: false,
        reason: 'email_not_verified',
      });
      expect(asked).toEqual([]);
    });

    it('refuses with email_not_verified when the provider does not say, by default', async () => {
      await expect(mapOidcClaimsToUser({ email: 'alex.coach@example.org' }, config, lookup)).resolves.toEqual({
        ok: false,
        reason: 'email_not_verified',
      });
      expect(asked).toEqual([]);
    });

    it('accepts an address the provider does not mark either way when configured to trust it', async () => {
      await expect(mapOidcClaimsToUser({ email: 'alex.coach@example.org' }, { ...config, trustUnverifiedEmail: true }, lookup)).resolves.toEqual({
        ok: true,
        userId: 'user-1',
      });
    });
  });

  describe('with an allow-list of domains', () => {
    const allowList = { ...config, allowedEmailDomains: ['example.org', 'xn--bcher-kva.example'] };

    it('admits addresses in a listed domain, whatever their case', async () => {
      await expect(mapOidcClaimsToUser(verified('Alex.Coach@Example.ORG'), allowList, lookup)).resolves.toEqual({ ok: true, userId: 'user-1' });
    });

    it('compares internationalised domains in their ASCII form', async () => {
      await expect(mapOidcClaimsToUser(verified('zoë@bücher.example'), allowList, lookup)).resolves.toEqual({ ok: true, userId: 'user-3' });
    });

    it.each([
      ['another domain', 'alex.coach@example.net'],
      ['a subdomain of a listed one', 'alex.coach@staff.example.org'],
      ['a domain that merely ends with a listed one', 'alex.coach@notexample.org'],
    ])('refuses with domain_not_allowed for %s, without looking the user up', async (_, email) => {
      await expect(mapOidcClaimsToUser(verified(email), allowList, lookup)).resolves.toEqual({ ok: false, reason: 'domain_not_allowed' });
      expect(asked).toEqual([]);
    });

    it('refuses a known user whose address is outside the list', async () => {
      const onlyNet = { ...config, allowedEmailDomains: ['example.net'] };
      await expect(mapOidcClaimsToUser(verified('alex.coach@example.org'), onlyNet, lookup)).resolves.toEqual({ ok: false, reason: 'domain_not_allowed' });
    });
  });

  it('refuses with unknown_user when no user has the address (no account is created)', async () => {
    await expect(mapOidcClaimsToUser(verified('newcomer@example.org'), config, lookup)).resolves.toEqual({ ok: false, reason: 'unknown_user' });
    expect(asked).toEqual(['newcomer@example.org']);
  });

  it('refuses with deactivated when the user has been deactivated', async () => {
    await expect(mapOidcClaimsToUser(verified('former.coach@example.org'), config, lookup)).resolves.toEqual({ ok: false, reason: 'deactivated' });
  });

  it('never puts the address in a refusal', async () => {
    const result = await mapOidcClaimsToUser(verified('newcomer@example.org'), config, lookup);
    expect(JSON.stringify(result)).not.toContain('newcomer');
  });
});
