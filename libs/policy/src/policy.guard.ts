import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ForbiddenError, UnauthenticatedError } from '#libs/kernel';
import { isAudienceScope, type OperationPolicy, POLICY_KEY, type RoleRule } from './policy.js';
import { coachTeams, type Principal, type Role } from './principal.js';
import { requestOf } from './request-principal.js';
import { audienceOf, SCOPE_LOOKUP, type ScopeLookup } from './scope-lookup.js';

/**
 * Enforces each operation's policy before it runs. Deny by default: an operation without a
 * policy is refused for everyone, so a new operation cannot be reachable by accident.
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SCOPE_LOOKUP) private readonly scopes: ScopeLookup,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'http') return this.decide(context);
    // A plain HTTP route (not GraphQL) answers 401 or 403 rather than a 500 for a refusal.
    try {
      return await this.decide(context);
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw new UnauthorizedException(error.message);
      if (error instanceof ForbiddenError) throw new ForbiddenException(error.message);
      throw error;
    }
  }

  private async decide(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<OperationPolicy | undefined>(POLICY_KEY, [context.getHandler(), context.getClass()]);
    if (!policy) throw new ForbiddenError('This operation has no access policy, so nobody may use it.');
    if (policy.kind === 'public') return true;

    const request = requestOf(context);
    if (request?.csrfRejected) throw new ForbiddenError('The request did not carry this session\'s CSRF token (x-csrf-token header).');
    const principal = request?.principal;
    if (!principal) throw new UnauthenticatedError();
    if (policy.kind === 'signed_in') return true;

    // GraphQL: the operation's arguments. HTTP: the route's `params` and `query` (a rule's path reads e.g. `params.id`).
    const args = context.getType<string>() === 'graphql' ? GqlExecutionContext.create(context).getArgs<Record<string, unknown>>() : httpArgs(context);
    // Each role once: several coach grants are one scope question over all their teams.
    for (const role of new Set(principal.grants.map((grant) => grant.role))) {
      const rule = policy.roles[role];
      if (rule && (await this.satisfies(rule, role, principal, args))) return true;
    }
    throw new ForbiddenError();
  }

  private async satisfies(rule: RoleRule, role: Role, principal: Principal, args: Record<string, unknown>): Promise<boolean> {
    if (rule === true) return true;
    const id = valueAt(args, rule.path);
    // Without the id the operation's own validation names the missing field.
    if (typeof id !== 'string' || id.length === 0) return true;
    const inScope = isAudienceScope(rule.scope)
      ? await this.scopes.inAudienceScope(rule.scope, id, audienceOf(principal, role))
      : await this.scopes.inCoachScope(rule.scope, id, { userId: principal.userId, teamIds: coachTeams(principal) });
    return inScope !== false;
  }
}

function httpArgs(context: ExecutionContext): Record<string, unknown> {
  const request = context.switchToHttp().getRequest<{ params?: unknown; query?: unknown }>();
  return { params: request?.params ?? {}, query: request?.query ?? {} };
}

function valueAt(args: Record<string, unknown>, path: string): unknown {
  let value: unknown = args;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
