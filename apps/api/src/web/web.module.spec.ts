import 'reflect-metadata';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ASSET_CACHE, defaultWebDir, FILE_CACHE, PAGE_CACHE, repositoryRoot, WEB_DIR, WebModule } from './web.module.js';

@Controller('health')
class StandInHealthController {
  @Get()
  get() {
    return { status: 'OK' };
  }
}

/** The built web app served at /, beside the API's own routes, from a build folder made here. */
describe('the web app served by the API', () => {
  let dir: string;
  let app: INestApplication;
  let base: string;
  const INDEX = '<!doctype html><title>Learning Loop</title><div id="root"></div>';
  const BUNDLE = 'console.log("synthetic bundle");';

  const open = async (webDir: string) => {
    const moduleRef = await Test.createTestingModule({ imports: [WebModule], controllers: [StandInHealthController] })
      .overrideProvider(WEB_DIR)
      .useValue(webDir)
      .compile();
    const nest = moduleRef.createNestApplication({ logger: false });
    await nest.listen(0, '127.0.0.1');
    return nest;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'll-web-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), INDEX);
    await writeFile(join(dir, 'assets', 'index-Ab12Cd34.js'), BUNDLE);
    await writeFile(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = await open(dir);
    base = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers / with index.html, which the browser must check again every time', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe(PAGE_CACHE);
    expect(await response.text()).toBe(INDEX);
  });

  it('answers a route of the app (a reload on a person page) with index.html too', async () => {
    for (const path of ['/people/3f0c7a52-1f0e-4a53-9a1e-6d2b8c1e0f11', '/sign-in', '/account/password?x=1']) {
      const response = await fetch(`${base}${path}`);
      expect([path, response.status, response.headers.get('cache-control')]).toEqual([path, 200, PAGE_CACHE]);
      expect(await response.text()).toBe(INDEX);
    }
  });

  it('serves hashed assets with a year-long immutable cache, and other files for an hour', async () => {
    const bundle = await fetch(`${base}/assets/index-Ab12Cd34.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect(bundle.headers.get('cache-control')).toBe(ASSET_CACHE);
    expect(await bundle.text()).toBe(BUNDLE);
    const icon = await fetch(`${base}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe(FILE_CACHE);
    const head = await fetch(`${base}/assets/index-Ab12Cd34.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('says 404 for a missing file rather than sending the page in its place', async () => {
    const response = await fetch(`${base}/assets/index-Missing1.js`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('<div id="root">');
  });

  it('leaves the API\'s paths to the API: /health answers from its controller, /graphql and /auth never get the page', async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'OK' });
    for (const path of ['/graphql', '/graphql?query=%7Bme%7BuserId%7D%7D', '/auth/oidc/callback', '/health/deep']) {
      const response = await fetch(`${base}${path}`);
      expect([path, await response.text()]).not.toEqual([path, INDEX]);
    }
  });

  it('sends the page only for GET and HEAD', async () => {
    const response = await fetch(`${base}/people`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(404);
  });

  it('serves nothing from outside the build folder', async () => {
    for (const path of ['/..%2fpackage.json', '/assets/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json']) {
      const response = await fetch(`${base}${path}`);
      expect([path, response.status]).toEqual([path, 404]);
    }
  });

  describe('before the web app is built', () => {
    let empty: string;
    let bare: INestApplication;
    beforeAll(async () => {
      empty = await mkdtemp(join(tmpdir(), 'll-web-unbuilt-'));
      bare = await open(empty);
    });
    afterAll(async () => {
      await bare?.close();
      await rm(empty, { recursive: true, force: true });
    });

    it('answers / (and the app\'s routes) with a plain page saying how to build it, and picks a build up without a restart', async () => {
      const url = await bare.getUrl();
      for (const path of ['/', '/people']) {
        const response = await fetch(`${url}${path}`);
        expect(response.status).toBe(503);
        expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(await response.text()).toContain('npm run build:web');
      }
      await writeFile(join(empty, 'index.html'), INDEX);
      const built = await fetch(`${url}/`);
      expect(built.status).toBe(200);
      expect(await built.text()).toBe(INDEX);
    });
  });

  it('looks for the build in dist/web at the repository root unless WEB_DIR says otherwise', () => {
    expect(defaultWebDir({})).toBe(join(repositoryRoot(), 'dist', 'web'));
    expect(defaultWebDir({ WEB_DIR: '/srv/learning-loop/web' })).toBe('/srv/learning-loop/web');
    expect(repositoryRoot()).toBe(process.cwd());
  });
});
