import { CSRF_HEADER, clearedSessionCookie, SESSION_COOKIE, sessionCookie, sessionTokenFrom } from './session-cookie.js';

/** The session cookie as the browser is told to keep it, read back and cleared. */
describe('the session cookie', () => {
  const token = 'c2Vzc2lvbi10b2tlbi1zeW50aGV0aWMtMDAx_-';
  const expiresAt = new Date('2026-03-01T22:00:00.000Z');

  /** A Set-Cookie value split into its name=value and its attributes (lower-cased names). */
  const parse = (setCookie: string) => {
    const [pair, ...rest] = setCookie.split(';').map((part) => part.trim());
    const attributes = new Map<string, string | true>(
      rest.map((attribute): [string, string | true] => {
        const eq = attribute.indexOf('=');
        return eq < 0 ? [attribute.toLowerCase(), true] : [attribute.slice(0, eq).toLowerCase(), attribute.slice(eq + 1)];
      }),
    );
    return { name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1), attributes };
  };

  describe('when it is set', () => {
    const cookie = parse(sessionCookie(token, expiresAt));

    it('carries the session token under the session cookie name', () => {
      expect(cookie.name).toBe(SESSION_COOKIE);
      expect(cookie.value).toBe(token);
    });

    it('is HTTP-only, so no script on the page can read it', () => {
      expect(cookie.attributes.get('httponly')).toBe(true);
    });

    it('is Secure, so it is only sent over HTTPS', () => {
      expect(cookie.attributes.get('secure')).toBe(true);
    });

    it('is SameSite=Strict, so another site cannot make the browser send it', () => {
      expect(cookie.attributes.get('samesite')).toBe('Strict');
    });

    it('is for the whole site (Path=/) and has no Domain, so subdomains do not get it', () => {
      expect(cookie.attributes.get('path')).toBe('/');
      expect(cookie.attributes.has('domain')).toBe(false);
    });

    it('expires when the session reaches its maximum age', () => {
      expect(cookie.attributes.get('expires')).toBe('Sun, 01 Mar 2026 22:00:00 GMT');
      expect(new Date(cookie.attributes.get('expires') as string).getTime()).toBe(expiresAt.getTime());
    });
  });

  describe('when it is cleared (sign-out)', () => {
    const cleared = parse(clearedSessionCookie());
    const set = parse(sessionCookie(token, expiresAt));

    it('empties the same cookie and dates it in the past, so the browser drops it', () => {
      expect(cleared.name).toBe(SESSION_COOKIE);
      expect(cleared.value).toBe('');
      expect(new Date(cleared.attributes.get('expires') as string).getTime()).toBeLessThan(Date.now());
    });

    it('has the same path and flags as the cookie it replaces, so it replaces that one', () => {
      for (const name of ['path', 'httponly', 'secure', 'samesite']) expect(cleared.attributes.get(name)).toEqual(set.attributes.get(name));
    });
  });

  describe('when the token is read from a Cookie header', () => {
    it('finds it alone', () => {
      expect(sessionTokenFrom(`${SESSION_COOKIE}=${token}`)).toBe(token);
    });

    it('finds it among other cookies, before, between and after them', () => {
      expect(sessionTokenFrom(`theme=dark; ${SESSION_COOKIE}=${token}; lang=en`)).toBe(token);
      expect(sessionTokenFrom(`${SESSION_COOKIE}=${token}; theme=dark`)).toBe(token);
      expect(sessionTokenFrom(`theme=dark;lang=en;${SESSION_COOKIE}=${token}`)).toBe(token);
    });

    it('does not take a cookie whose name only contains the session cookie name', () => {
      expect(sessionTokenFrom(`old_${SESSION_COOKIE}=other; ${SESSION_COOKIE}_x=other2`)).toBeUndefined();
      expect(sessionTokenFrom(`old_${SESSION_COOKIE}=other; ${SESSION_COOKIE}=${token}`)).toBe(token);
    });

    it('does not take the name appearing inside another cookie\'s value', () => {
      expect(sessionTokenFrom(`note=${SESSION_COOKIE}=forged`)).toBeUndefined();
    });

    it('keeps everything after the first "=" as the value', () => {
      expect(sessionTokenFrom(`${SESSION_COOKIE}=abc=def`)).toBe('abc=def');
    });

    it('says there is none for no header, an empty header, or an emptied (signed-out) cookie', () => {
      expect(sessionTokenFrom(undefined)).toBeUndefined();
      expect(sessionTokenFrom('')).toBeUndefined();
      expect(sessionTokenFrom(`${SESSION_COOKIE}=`)).toBeUndefined();
      expect(sessionTokenFrom(`theme=dark; ${SESSION_COOKIE}= ; lang=en`)).toBeUndefined();
    });

    it('reads back what was set', () => {
      const [pair] = sessionCookie(token, expiresAt).split(';');
      expect(sessionTokenFrom(`theme=dark; ${pair}`)).toBe(token);
    });
  });

  it('asks for the CSRF token in the x-csrf-token header (lower case, as Node gives header names)', () => {
    expect(CSRF_HEADER).toBe('x-csrf-token');
  });
});
