import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import { RouteNotFoundFilter } from './route-not-found.filter.js';

export interface HttpHardeningOptions {
  /** NODE_ENV=production: no GraphiQL page, so no relaxed policy for it; HSTS on. */
  readonly production: boolean;
  /** Largest JSON or form body accepted, in bytes. */
  readonly bodyLimitBytes: number;
  /** Where GraphQL (and, outside production, the GraphiQL page) is served. */
  readonly graphqlPath: string;
  /** Proxies believed about the client's address (X-Forwarded-For): Express's `trust proxy`. */
  readonly trustProxy: false | number | readonly string[];
}

/** Where the GraphiQL page (served outside production only) loads its scripts and styles from. */
const GRAPHIQL_CDN = 'https://unpkg.com';

/** A Host header we are willing to write into a policy: a name or address with an optional port. */
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * WebSockets back to this same host (graphql-ws subscriptions). CSP Level 3 browsers already
 * let 'self' match ws:/wss: of the page's own host; older ones need it spelt out.
 */
function sameHostSockets(req: IncomingMessage): string {
  const host = req.headers.host;
  return host && PLAIN_HOST.test(host) ? `ws://${host} wss://${host}` : "'self'";
}

/**
 * The policy for everything this server sends, above all the web app (built by Vite, served
 * from this origin): its own scripts, styles, images and fonts (small assets may be inlined by
 * Vite as data: URLs), and calls back to /graphql over HTTP or WebSocket. Nothing inline, no
 * eval, no plugins, never framed.
 */
export function appContentSecurityPolicy(): Record<string, Array<string | ((req: IncomingMessage, res: ServerResponse) => string)>> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", sameHostSockets],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
  };
}

/**
 * The GraphiQL page (outside production only) is one HTML page with inline script and style
 * that loads React and GraphiQL from unpkg.com: it gets those on top of the app's policy.
 */
export function graphiqlContentSecurityPolicy(): ReturnType<typeof appContentSecurityPolicy> {
  const policy = appContentSecurityPolicy();
  return {
    ...policy,
    'script-src': ["'self'", "'unsafe-inline'", GRAPHIQL_CDN],
    'style-src': ["'self'", "'unsafe-inline'", GRAPHIQL_CDN],
    'img-src': ["'self'", 'data:', GRAPHIQL_CDN],
    'font-src': ["'self'", 'data:', GRAPHIQL_CDN],
  };
}

function helmetOptions(production: boolean, directives: ReturnType<typeof appContentSecurityPolicy>): HelmetOptions {
  return {
    // Without helmet's defaults: they add upgrade-insecure-requests, which breaks a plain-HTTP
    // deployment such as the Docker Compose setup, and allow inline styles from anywhere.
    contentSecurityPolicy: { useDefaults: false, directives },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Only over TLS does a browser heed it; outside production it would pin localhost to HTTPS.
    strictTransportSecurity: production ? { maxAge: 180 * 24 * 60 * 60, includeSubDomains: false } : false,
  };
}

/** Security headers on every response; the relaxed GraphiQL policy only on its own page, only outside production. */
export function securityHeaders(options: Pick<HttpHardeningOptions, 'production' | 'graphqlPath'>) {
  const app = helmet(helmetOptions(options.production, appContentSecurityPolicy()));
  if (options.production) return app;
  const graphiql = helmet(helmetOptions(false, graphiqlContentSecurityPolicy()));
  const graphiqlPaths = new Set([options.graphqlPath, `${options.graphqlPath}/`]);
  return (req: Request, res: Response, next: NextFunction) =>
    (req.method === 'GET' && graphiqlPaths.has(req.path) ? graphiql : app)(req, res, next);
}

interface BodyParserError {
  readonly type?: string;
  readonly status?: number;
  readonly statusCode?: number;
}

/**
 * What a body-parser error means for the caller, without its own message (JSON.parse's message
 * quotes the body back) and without a stack. Errors that are not the request's fault go on to
 * Nest, which answers 500 without details.
 */
export function bodyProblem(error: unknown, bodyLimitBytes: number): { status: number; code: string; message: string } | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { type, status, statusCode } = error as BodyParserError;
  const limitKb = Math.round(bodyLimitBytes / 1024);
  switch (type) {
    case 'entity.too.large':
      return {
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: `The request body is larger than the ${limitKb} kB this server accepts (REQUEST_BODY_LIMIT_KB). Send less at once.`,
      };
    case 'entity.parse.failed':
      return {
        status: 400,
        code: 'BAD_USER_INPUT',
        message: 'The request body is not valid JSON. Send a JSON object such as {"query": "{ me { userId } }", "variables": {}}.',
      };
    case 'charset.unsupported':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The request body must be UTF-8 (Content-Type charset).' };
    case 'encoding.unsupported':
      return {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'The Content-Encoding of the request body is not supported: send it uncompressed, or as gzip, deflate or br.',
      };
    case 'parameters.too.many':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The form has too many fields.' };
    case 'request.size.invalid':
      return { status: 400, code: 'BAD_USER_INPUT', message: 'The request body was not as long as its Content-Length said.' };
    case 'request.aborted':
      return { status: 400, code: 'BAD_USER_INPUT', message: 'The request body ended before it was complete.' };
  }
  const given = status ?? statusCode;
  // Anything else body-parser blames on the request, such as a corrupt gzip stream.
  if (typeof given === 'number' && given >= 400 && given < 500) {
    return { status: given, code: 'BAD_USER_INPUT', message: 'The request body could not be read: check its Content-Type, Content-Encoding and length.' };
  }
  return undefined;
}

/** Express error middleware for what the body parsers refuse, answered in GraphQL's error shape. */
export function bodyErrors(bodyLimitBytes: number) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    const problem = bodyProblem(error, bodyLimitBytes);
    if (!problem || res.headersSent) {
      next(error);
      return;
    }
    res.status(problem.status).json({ errors: [{ message: problem.message, extensions: { code: problem.code } }] });
  };
}

/**
 * Which proxies to believe about the client's address, security headers, size-limited JSON and
 * form bodies, clear answers to bodies that cannot be read, and 404s that do not repeat the path.
 * Call before `app.init()` (the application must be created with `bodyParser: false`), so that
 * all of it comes before every route and Nest middleware.
 */
export function applyHttpHardening(app: NestExpressApplication, options: HttpHardeningOptions): void {
  app.set('trust proxy', Array.isArray(options.trustProxy) ? [...options.trustProxy] : options.trustProxy);
  app.use(securityHeaders(options));
  app.useBodyParser('json', { limit: options.bodyLimitBytes });
  app.useBodyParser('urlencoded', { limit: options.bodyLimitBytes, extended: false });
  app.use(bodyErrors(options.bodyLimitBytes));
  app.useGlobalFilters(new RouteNotFoundFilter());
}
