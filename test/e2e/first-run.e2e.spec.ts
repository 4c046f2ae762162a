import { tempDir } from '../../libs/database/src/testing/index.js';
import { AccountsService } from '#libs/access';
import { commandContext } from '#libs/capture';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig, openRuntime } from '#libs/runtime';
import type { Directory } from '#libs/capture';
import { ThemesQueries } from '#libs/themes';
import { buildOnce, freePort, run } from './process.js';

const SERVER = 'dist/apps/api/src/main.js';
const REBUILD = 'dist/apps/cli/src/projections-rebuild.js';
const SEED = 'dist/apps/cli/src/seed-demo.js';

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
    await first.waitFor(`is running at http://localhost:${port}/`);
    expect(await health(port)).toMatchObject({ status: 'OK', store: { kind: 'embedded', reachable: true } });

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = run(SERVER, [], env);
    await second.waitFor(`is running at http://localhost:${port}/`);
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

  it('fills a fresh store with demo data through the commands, with the planted rise, and records nothing twice on a re-run', async () => {
    const demo = tempDir('learning-loop-demo-');
    try {
      const args = ['--scale', '0.02', '--seed', '3', '--until', '2026-11-20'];
      const first = run(SEED, args, { DATA_DIR: demo.path });
      expect(await first.exited).toBe(0);
      expect(first.output()).toMatch(/seed .*commands/);
      expect(first.output()).toContain('Read models are up to date.');
      const again = run(SEED, args, { DATA_DIR: demo.path });
      expect(await again.exited).toBe(0);
      expect(again.output()).toMatch(/\b0 commands recorded, \d+ already there\./);
      expect(again.output()).not.toContain('Demo sign-ins');

      // With --accounts: one sign-in for each role; a second run makes none again, and a generated password is printed.
      const withAccounts = run(SEED, [...args, '--accounts'], { DATA_DIR: demo.path, DEMO_PASSWORD: 'synthetic-demo-password-1' });
      expect(await withAccounts.exited).toBe(0);
      expect(withAccounts.output()).toContain('Demo sign-ins (6 made, 0 already there), each with the password in DEMO_PASSWORD:');
      expect(withAccounts.output()).not.toContain('synthetic-demo-password-1');
      const accountsAgain = run(SEED, [...args, '--accounts'], { DATA_DIR: demo.path });
      expect(await accountsAgain.exited).toBe(0);
      const printed = /Demo sign-ins \(0 made, 6 already there\), each with the password (\S+):/.exec(accountsAgain.output());
      expect(printed).not.toBeNull();
      const password = printed![1];
      expect(password).toHaveLength(16);

      const runtime = await openRuntime(loadConfig({ DATA_DIR: demo.path }), { runner: { log: () => undefined } });
      try {
        const count = async (sql: string) => Number((await runtime.readModels.query<{ n: string }>(sql)).rows[0].n);
        expect(await count('SELECT count(*) AS n FROM directory_areas')).toBe(3);
        expect(await count('SELECT count(*) AS n FROM directory_coaches')).toBe(25);
        expect(await count('SELECT count(*) AS n FROM organisations_nodes')).toBe(30);
        expect(await count('SELECT count(*) AS n FROM people_directory')).toBe(12);
        expect(await count('SELECT count(*) AS n FROM coaching_interactions')).toBeGreaterThan(100);
        const rising = await runtime.readModels.query<{ recent: string; before: string }>(
          `SELECT count(*) FILTER (WHERE occurred_on >= '2026-08-21') AS recent,
                  count(*) FILTER (WHERE occurred_on < '2026-08-21') AS before
             FROM observations_records o JOIN organisations_nodes n ON n.organisation_id = o.organisation_id
            WHERE o.category_id = 'support_withdrawn_on_moving_area' AND n.name = 'Northvale Housing Options'`,
        );
        // At the planted service, the last quarter holds more of this barrier than the seven
        // quarters before it together.
        expect(Number(rising.rows[0].recent)).toBeGreaterThanOrEqual(10);
        expect(Number(rising.rows[0].recent)).toBeGreaterThan(Number(rising.rows[0].before));
        // The barriers are grouped into confirmed themes, and the planted rise is at the top of the emerging list for its service.
        expect(await count(`SELECT count(*) AS n FROM themes_themes WHERE status = 'confirmed'`)).toBeGreaterThan(5);
        const trends = await new ThemesQueries(runtime.readModels, {} as Directory).trends({ endOn: '2026-11-20', recentWeeks: 13, byService: true });
        const top = trends.rising[0];
        expect(top.name).toBe('Support withdrawn on moving area');
        const service = await runtime.readModels.query<{ name: string }>('SELECT name FROM organisations_nodes WHERE organisation_id = $1', [top.organisationId]);
        expect(service.rows[0].name).toBe('Northvale Housing Options');
        const names = await runtime.readModels.query<{ display_name: string }>('SELECT display_name FROM people_directory LIMIT 1');
        expect(names.rows[0].display_name.startsWith('pd1.')).toBe(true);

        // Every demo sign-in works with the latest password, each scoped to where the demo has something to show.
        const app = await createApp(runtime, { logger: false });
        try {
          const accounts = app.get(AccountsService);
          const signIn = async (role: string) => (await accounts.signIn(`${role}@demo.learning-loop.invalid`, password, commandContext({ actor: 'anonymous' }))).account;
          const roles = [];
          for (const role of ['coach', 'influencer', 'partner', 'commissioner', 'leader', 'admin']) roles.push((await signIn(role)).grants.map((g) => g.role));
          expect(roles).toEqual([['coach'], ['influencer'], ['partner'], ['commissioner'], ['leader'], ['admin']]);
          const coach = await signIn('coach');
          expect(coach.coachId).not.toBeNull();
          // Their screens open on people still being coached.
          const coached = await runtime.readModels.query<{ n: string }>(`SELECT count(*) AS n FROM people_directory WHERE coach_id = $1 AND relationship_status <> 'ended'`, [coach.coachId]);
          expect(Number(coached.rows[0].n)).toBeGreaterThan(0);
          const partner = await signIn('partner');
          const partnerOrganisation = partner.grants[0].role === 'partner' ? partner.grants[0].organisationId : '';
          const spotlight = await runtime.readModels.query<{ name: string }>('SELECT name FROM organisations_nodes WHERE organisation_id = $1', [partnerOrganisation]);
          expect(spotlight.rows[0].name).toBe('Northvale Housing Options');
          await expect(accounts.signIn('leader@demo.learning-loop.invalid', 'synthetic-demo-password-1', commandContext({ actor: 'anonymous' }))).rejects.toThrow();
        } finally {
          await app.close();
        }
      } finally {
        await runtime.close();
      }
    } finally {
      demo.remove();
    }
  }, 180_000);

  it('refuses demo sign-ins in production, and a DEMO_PASSWORD that is too short, before writing anything', async () => {
    const demo = tempDir('learning-loop-demo-');
    try {
      const production = run(SEED, ['--accounts'], { DATA_DIR: demo.path, NODE_ENV: 'production' });
      expect(await production.exited).toBe(1);
      expect(production.output()).toContain('--accounts makes sign-ins that share one password');
      const short = run(SEED, ['--accounts'], { DATA_DIR: demo.path, DEMO_PASSWORD: 'short' });
      expect(await short.exited).toBe(1);
      expect(short.output()).toContain('DEMO_PASSWORD must be at least 12 characters');
      expect(short.output()).not.toContain('short\n');
    } finally {
      demo.remove();
    }
  }, 60_000);
});

