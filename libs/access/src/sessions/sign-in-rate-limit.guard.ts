import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';

/** Sign-in and password attempts allowed per client address and operation per window. */
export const SIGN_IN_LIMIT = { attempts: 10, windowMs: 60_000 } as const;

/**
 * Rate-limits sign-in and password operations per client address (a fixed window per address
 * and operation), answering 429 / TOO_MANY_REQUESTS beyond the limit. Together with the lockout
 * per email this slows guessing from one place and guessing at one account.
 *
 * Why not @nestjs/throttler: its latest release (6.7.1) is CommonJS and requires @nestjs/common,
 * which is ES modules only from NestJS 12; Node 20 can load that, Jest's module runtime cannot,
 * so the e2e tests could not start the real application with it.
 */
@Injectable()
export class SignInRateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();

  private limit: { attempts: number; windowMs: number } = SIGN_IN_LIMIT;
  private now: () => number = Date.now;

  /** A guard with its own limit and clock, for specs. */
  static with(limit: { attempts: number; windowMs: number }, now: () => number): SignInRateLimitGuard {
    const guard = new SignInRateLimitGuard();
    guard.limit = limit;
    guard.now = now;
    return guard;
  }

  canActivate(context: ExecutionContext): boolean {
    const req = GqlExecutionContext.create(context).getContext<{ req?: { ip?: string; socket?: { remoteAddress?: string } } }>().req;
    const address = req?.ip ?? req?.socket?.remoteAddress ?? 'unknown';
    return this.take(`${address}|${context.getHandler().name}`);
  }

  /** Counts one attempt for `key`; throws 429 once the window's allowance is used up. */
  take(key: string): boolean {
    const now = this.now();
    if (this.windows.size > 10_000) this.prune(now);
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.limit.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    window.count += 1;
    if (window.count > this.limit.attempts) throw new HttpException('Too many attempts', HttpStatus.TOO_MANY_REQUESTS);
    return true;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.limit.windowMs) this.windows.delete(key);
  }
}
