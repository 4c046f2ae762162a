import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { actorOf, type Principal } from './principal.js';

/** What the access library's session middleware puts on each request. */
export interface RequestWithPrincipal {
  principal?: Principal;
  /** A cookie session was presented without its CSRF token: nothing may run as that session. */
  csrfRejected?: boolean;
}

export function requestOf(context: ExecutionContext): RequestWithPrincipal | undefined {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req?: RequestWithPrincipal }>().req;
  }
  return context.switchToHttp().getRequest<RequestWithPrincipal>();
}

/** The signed-in principal (operations with a role policy always have one). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal | undefined => requestOf(context)?.principal);

/** The actor recorded on every event a request causes: `user:<id>`. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): string => actorOf(requestOf(context)?.principal));
