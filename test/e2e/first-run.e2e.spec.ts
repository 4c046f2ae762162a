import { tempDir } from '../../libs/database/src/testing/index.js';
import { buildOnce, freePort, run } from './process.js';

const SERVER = 'dist/apps/api/src/main.js';
const REBUILD = 'dist/apps/cli/src/projections-rebuild.js';

describe('a new user\'s first run on the embedded store', () => {
  const data = tempDir('learning-loop-e2e-');
  beforeAll(() => buildOnce(), 240_000);
  afterAll(() => data.remove());

  async function health(port: number) {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ health { status store { kind reachable } projections { name state } } }' }),
    });
    return ((await response.json()) as { data: { health: { status: string; store: unknown; projections: unknown[] } } }).data.health;
  }

  it('starts with no server, answers /graphql, stops cleanly on SIGTERM and starts again on the same data', async () => {
    const port = await freePort();
    const env = { DATA_DIR: data.path, PORT: String(port) };
    const first = run(SERVER, [], env);
    await first.waitFor(`http://localhost:${port}/graphql`);
    expect(await health(port)).toMatchObject({ status: 'OK', store: { kind: 'embedded', reachable: true } });

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = run(SERVER, [], env);
    await second.waitFor(`http://localhost:${port}/graphql`);
    const again = await health(port);
    expect(again.projections).toEqual(expect.arrayContaining([{ name: 'event_statistics', state: 'live' }]));
    expect(again.status).toBe('OK');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);

  it('refuses a bad configuration with a message that names the variable', async () => {
    const bad = run(SERVER, [], { EVENT_STORE: 'mongodb', DATA_DIR: data.path });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('EVENT_STORE must be one of embedded, postgres, eventstoredb (got "mongodb")');
  }, 60_000);

  it('rebuilds projections from the command line with progress', async () => {
    const rebuild = run(REBUILD, ['event_statistics'], { DATA_DIR: data.path });
    expect(await rebuild.exited).toBe(0);
    expect(rebuild.output()).toMatch(/rebuild event_statistics .* events .* ev\/s/);
    expect(rebuild.output()).toContain('event_statistics v1 is live in slot 2.');
  }, 60_000);

  it('names an unknown projection instead of failing obscurely', async () => {
    const rebuild = run(REBUILD, ['no_such_projection'], { DATA_DIR: data.path });
    expect(await rebuild.exited).toBe(1);
    expect(rebuild.output()).toContain('No projection is named "no_such_projection". Known: event_statistics, people');
  }, 60_000);
});
