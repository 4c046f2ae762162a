import { HttpException, HttpStatus } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { SIGN_IN_LIMIT, SignInRateLimitGuard } from './sign-in-rate-limit.guard.js';

/**
 * The sign-in rate limit, with its own small limit and a clock the spec moves: a fixed window per
 * key (client address and operation), refusing with 429 once the window's allowance is used up.
 */
describe('the sign-in rate limit', () => {
  const limit = { attempts: 3, windowMs: 60_000 };
  let now: number;
  let guard: SignInRateLimitGuard;

  beforeEach(() => {
    now = Date.parse('2026-03-01T10:00:00.000Z');
    guard = SignInRateLimitGuard.with(limit, () => now);
  });

  /** The HTTP status `take` refused with, or undefined when it allowed the attempt. */
  const refusal = (key: string): number | undefined => {
    try {
      expect(guard.take(key)).toBe(true);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(HttpException);
      return (error as HttpException).getStatus();
    }
  };

  it('allows ten sign-in attempts a minute by default', () => {
    expect(SIGN_IN_LIMIT).toEqual({ attempts: 10, windowMs: 60_000 });
  });

  it('given a fresh window, when attempts up to the limit are made, then each is allowed', () => {
    for (let i = 0; i < limit.attempts; i++) {
      expect(refusal('192.0.2.1|signIn')).toBeUndefined();
      now += 1_000;
    }
  });

  it('given the allowance used up, when one more attempt is made within the window, then it is refused with 429', () => {
    for (let i = 0; i < limit.attempts; i++) guard.take('192.0.2.1|signIn');
    now += limit.windowMs - 1;
    expect(() => guard.take('192.0.2.1|signIn')).toThrow(HttpException);
    expect(refusal('192.0.2.1|signIn')).toBe(HttpStatus.TOO_MANY_REQUESTS);
  });

  it('given refused attempts, when more are made in the same window, then they stay refused', () => {
    for (let i = 0; i < limit.attempts; i++) guard.take('192.0.2.1|signIn');
    for (let i = 0; i < 5; i++) {
      now += 1_000;
      expect(refusal('192.0.2.1|signIn')).toBe(429);
    }
  });

  it('given the allowance used up, when the window has passed, then attempts are allowed again, a full allowance of them', () => {
    for (let i = 0; i < limit.attempts; i++) guard.take('192.0.2.1|signIn');
    expect(refusal('192.0.2.1|signIn')).toBe(429);
    now += limit.windowMs;
    for (let i = 0; i < limit.attempts; i++) expect(refusal('192.0.2.1|signIn')).toBeUndefined();
    expect(refusal('192.0.2.1|signIn')).toBe(429);
  });

  it('counts the window from its first attempt, not from the latest one (a fixed window)', () => {
    guard.take('192.0.2.1|signIn');
    now += limit.windowMs - 10;
    guard.take('192.0.2.1|signIn');
    guard.take('192.0.2.1|signIn');
    now += 10;
    // The first window ended 60 s after its first attempt, so this starts a new one.
    expect(refusal('192.0.2.1|signIn')).toBeUndefined();
  });

  it('keeps each key apart: another address, or another operation from the same address, has its own allowance', () => {
    for (let i = 0; i < limit.attempts; i++) guard.take('192.0.2.1|signIn');
    expect(refusal('192.0.2.1|signIn')).toBe(429);
    expect(refusal('192.0.2.2|signIn')).toBeUndefined();
    expect(refusal('192.0.2.1|acceptInvitation')).toBeUndefined();
    expect(refusal('192.0.2.1|changePassword')).toBeUndefined();
  });

  it('given many keys, when old windows are pruned, then a key still inside its window keeps its count', () => {
    for (let i = 0; i < limit.attempts; i++) guard.take('192.0.2.1|signIn');
    now += limit.windowMs;
    for (let i = 0; i < 10_001; i++) guard.take(`198.51.100.${i}|signIn`);
    for (let i = 0; i < limit.attempts; i++) guard.take('203.0.113.9|signIn');
    now += 1;
    // Pruning runs while there are more than 10,000 windows; the live one for this key survives it.
    guard.take('198.51.100.0|signIn');
    expect(refusal('203.0.113.9|signIn')).toBe(429);
  });

  describe('as a guard on a GraphQL operation', () => {
    class Resolver {
      signIn() {}
      changePassword() {}
    }
    /** The context Nest gives a guard for one GraphQL call from `req`. */
    const call = (operation: 'signIn' | 'changePassword', req: { ip?: string; socket?: { remoteAddress?: string } } | undefined) => {
      const context = new ExecutionContextHost([{}, {}, { req }, {}], Resolver, Resolver.prototype[operation]);
      context.setType('graphql');
      return context;
    };
    const refusedAt = (operation: 'signIn' | 'changePassword', req: { ip?: string; socket?: { remoteAddress?: string } } | undefined) => {
      try {
        return guard.canActivate(call(operation, req)) ? undefined : 'denied';
      } catch (error) {
        return (error as HttpException).getStatus();
      }
    };

    it('counts per client address and per operation', () => {
      for (let i = 0; i < limit.attempts; i++) expect(refusedAt('signIn', { ip: '192.0.2.1' })).toBeUndefined();
      expect(refusedAt('signIn', { ip: '192.0.2.1' })).toBe(429);
      expect(refusedAt('changePassword', { ip: '192.0.2.1' })).toBeUndefined();
      expect(refusedAt('signIn', { ip: '192.0.2.2' })).toBeUndefined();
    });

    it('falls back to the socket address when the request has no ip', () => {
      for (let i = 0; i < limit.attempts; i++) guard.canActivate(call('signIn', { socket: { remoteAddress: '198.51.100.7' } }));
      expect(refusedAt('signIn', { ip: '198.51.100.7' })).toBe(429);
      expect(refusedAt('signIn', { socket: { remoteAddress: '198.51.100.8' } })).toBeUndefined();
    });
  });
});
