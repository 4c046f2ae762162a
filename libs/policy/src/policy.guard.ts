import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ForbiddenError, UnauthenticatedError } from '#libs/kernel';
import { type OperationPolicy, POLICY_KEY, type RoleRule } from './policy.js';
import { coachTeams, type Principal } from './principal.js';
import { requestOf } from './request-principal.js';
import { SCOPE_LOOKUP, type ScopeLookup } from './scope-lookup.js';

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
    const policy = this.reflector.getAllAndOverride<OperationPolicy | undefined>(POLICY_KEY, [context.getHandler(), context.getClass()]);
    if (!policy) throw new ForbiddenError('This operation has no access policy, so nobody may use it.');
    if (policy.kind === 'public') return true;

    const request = requestOf(context);
    if (request?.csrfRejected) throw new ForbiddenError('The request did not carry this session\'s CSRF token (x-csrf-token header).');
    const principal = request?.principal;
    if (!principal) throw new UnauthenticatedError();
    if (policy.kind === 'signed_in') return true;

    const args = context.getType<string>() === 'graphql' ? GqlExecutionContext.create(context).getArgs<Record<string, unknown>>() : {};
    // Each role once: several coach grants are one scope question over all their teams.
    for (const role of new Set(principal.grants.map((grant) => grant.role))) {
      const rule = policy.roles[role];
      if (rule && (await this.satisfies(rule, principal, args))) return true;
    }
    throw new ForbiddenError();
  }

  private async satisfies(rule: RoleRule, principal: Principal, args: Record<string, unknown>): Promise<boolean> {
    if (rule === true) return true;
    const id = valueAt(args, rule.path);
    // Without the id the operation's own validation names the missing field.
    if (typeof id !== 'string' || id.length === 0) return true;
    const inScope = await this.scopes.inCoachScope(rule.scope, id, { userId: principal.userId, teamIds: coachTeams(principal) });
    return inScope !== false;
  }
}

function valueAt(args: Record<string, unknown>, path: string): unknown {
  let value: unknown = args;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
