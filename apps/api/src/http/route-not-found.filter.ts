import { type ArgumentsHost, Catch, type ExceptionFilter, NotFoundException } from '@nestjs/common';
import type { Response } from 'express';

/** Nest's own answer to a route it does not have: "Cannot GET /the/path". */
const NO_SUCH_ROUTE = /^Cannot [A-Z]+ \//;

/**
 * Answers a request for a route that does not exist with a plain 404 that does not repeat the
 * path: paths are typed by people and pasted from elsewhere, and may hold a name or an email.
 * Other 404s (a report that is not there, single sign-on not configured) keep their own words,
 * and GraphQL errors are left to GraphQL.
 */
@Catch(NotFoundException)
export class RouteNotFoundFilter implements ExceptionFilter<NotFoundException> {
  catch(exception: NotFoundException, host: ArgumentsHost): NotFoundException | void {
    if (host.getType() !== 'http') return exception;
    const response = host.switchToHttp().getResponse<Response>();
    const message = NO_SUCH_ROUTE.test(exception.message) ? 'There is nothing at this address.' : exception.message;
    response.status(404).json({ statusCode: 404, error: 'Not Found', message });
  }
}
