import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';

/**
 * The actor recorded on every event a request causes. Sign-in arrives with the access
 * capability, which puts the signed-in user on the request; until then requests are
 * recorded as `anonymous`.
 */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const request = GqlExecutionContext.create(context).getContext<{ req?: { user?: { id?: string } } }>().req;
  const id = request?.user?.id;
  return id ? `user:${id}` : 'anonymous';
});
