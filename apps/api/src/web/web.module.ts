import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { type NextFunction, type Request, type Response } from 'express';

/** Where the built web app is: `WEB_DIR`, else dist/web at the repository root. */
export const WEB_DIR = Symbol('WEB_DIR');

/** Paths that belong to the API: never answered with the web app. */
export const API_PATHS = ['/graphql', '/health', '/auth'];

/** Hashed bundles (their names change with their content): cached for a year. */
export const ASSET_CACHE = 'public, max-age=31536000, immutable';
/** index.html: asked for again every time, so a new build is picked up at once. */
export const PAGE_CACHE = 'no-cache';
/** Other files beside index.html (the icon): an hour. */
export const FILE_CACHE = 'public, max-age=3600';

export const NOT_BUILT =
  'The Learning Loop web app has not been built yet.\n\n' +
  'Build it with `npm run build:web` (`npm start` builds it too), then reload this page.\n' +
  'The API is running meanwhile: /graphql and /health answer.\n';

/** The folder holding package.json, walking up from here (source and compiled layouts differ). */
export function repositoryRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export function defaultWebDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.WEB_DIR ? resolve(env.WEB_DIR) : join(repositoryRoot(), 'dist', 'web');
}

const isApiPath = (path: string) => API_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
/** A path naming a file (its last segment has a dot), as opposed to a route of the app. */
const looksLikeFile = (path: string) => (path.split('/').pop() ?? '').includes('.');

/**
 * Serves the built web app at `/`: files from the build folder (hashed assets cached for a year,
 * index.html never without checking), and index.html for any other GET of a path that is not the
 * API's, so that a reload on /people/… opens the app there. Without a build, it answers with a
 * page saying how to make one. Mounted on the HTTP server beside Nest's routes, so the policy
 * guard (which is for API operations) does not apply to these public files.
 */
@Module({ providers: [{ provide: WEB_DIR, useFactory: () => defaultWebDir() }] })
export class WebModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(WEB_DIR) private readonly dir: string,
  ) {}

  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter.getInstance<express.Express>();
    app.use(webApp(this.dir));
  }
}

export function webApp(dir: string): express.Router {
  const router = express.Router();
  const index = join(dir, 'index.html');
  const files = express.static(dir, {
    index: false,
    fallthrough: true,
    setHeaders(res, path) {
      const relative = path.slice(dir.length).replaceAll('\\', '/');
      res.setHeader('Cache-Control', relative.startsWith('/assets/') ? ASSET_CACHE : relative === '/index.html' ? PAGE_CACHE : FILE_CACHE);
      res.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });

  router.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    if (looksLikeFile(req.path)) return files(req, res, next);
    if (!existsSync(index)) {
      res.status(503).type('text/plain; charset=utf-8').setHeader('Cache-Control', 'no-store').send(NOT_BUILT);
      return;
    }
    const headers = { 'Cache-Control': PAGE_CACHE, 'Content-Type': 'text/html; charset=utf-8', 'X-Content-Type-Options': 'nosniff' };
    res.sendFile(index, { cacheControl: false, headers }, (error) => {
      if (error) next(error);
    });
  });
  return router;
}
