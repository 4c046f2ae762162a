import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { AccountsService, userIdFor } from '#libs/access';
import { commandContext } from '#libs/capture';
import { loadConfig, openRuntime, type Runtime } from '#libs/runtime';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { describeIfPostgres, openTestSchema, TEST_DATABASE_URL, tempDir } from '../../libs/database/src/testing/index.js';
import { buildOnce, freePort, ROOT, run } from './process.js';

const SERVER = 'dist/apps/api/src/main.js';
const ADMIN_CREATE = 'dist/apps/cli/src/admin-create.js';

/** Runs the built command with `stdin` piped in (not a terminal, so it never prompts). */
function adminCreate(args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [ADMIN_CREATE, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

const syntheticEmail = () => `admin-${randomUUID()}@example.test`;
const syntheticPassword = () => `synthetic-${randomUUID()}`;

/** Opens the same store in this process (the command has exited, so the folder is free). */
async function withRuntime<T>(dataDir: string, work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(loadConfig({ DATA_DIR: dataDir }), { runner: { log: () => undefined } });
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

const userEvents = (runtime: Runtime, email: string) => runtime.store.readStream(`user-${userIdFor(email)}`);

describe('npm run admin:create on the embedded store', () => {
  const data = tempDir('learning-loop-admin-');
  const env = { DATA_DIR: data.path };
  beforeAll(() => buildOnce(), 240_000);
  afterAll(() => data.remove());

  describe('for a new email', () => {
    const email = syntheticEmail();
    const password = syntheticPassword();

    it('creates an admin from a password on stdin, who can then sign in to the server on the same data', async () => {
      const created = await adminCreate(['--email', email, '--name', 'Synthetic Admin', '--password-stdin'], env, `${password}\n`);
      expect(created.output).toContain(`Created the admin account ${email}`);
      expect(created.output).not.toContain(password);
      expect(created.code).toBe(0);

      const port = await freePort();
      const server = run(SERVER, [], { ...env, PORT: String(port) });
      try {
        await server.waitFor(`is running at http://localhost:${port}/`);
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: 'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { csrfToken user { grants { role } } } }',
            variables: { email, password },
          }),
        });
        const body = (await response.json()) as { data?: { signIn: { csrfToken: string; user: { grants: Array<{ role: string }> } } }; errors?: unknown };
        expect(body.errors).toBeUndefined();
        expect(body.data?.signIn.user.grants).toEqual([{ role: 'ADMIN' }]);
        expect(body.data?.signIn.csrfToken).toEqual(expect.any(String));
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    }, 120_000);

    it('records the invitation and the password as the admin CLI, not as anyone in particular', async () => {
      const events = await withRuntime(data.path, (runtime) => userEvents(runtime, email));
      expect(events.map((e) => [e.type, e.metadata.actor])).toEqual([
        ['user.invited', 'system:admin-cli'],
        ['user.password_set', 'system:admin-cli'],
      ]);
      expect(events[1].data).toEqual({ via: 'admin_cli' });
    }, 60_000);

    it('on a second run grants nothing new, says the user is already an admin and leaves the password alone', async () => {
      const before = await withRuntime(data.path, (runtime) => userEvents(runtime, email));
      const again = await adminCreate(['--email', email.toUpperCase(), '--name', 'Synthetic Admin'], env);
      expect(again.code).toBe(0);
      expect(again.output).toContain(`${email} is already an admin: no role granted.`);
      expect(again.output).toContain('Password unchanged');
      const after = await withRuntime(data.path, (runtime) => userEvents(runtime, email));
      expect(after).toHaveLength(before.length);
    }, 60_000);
  });

  it('refuses a short password with every problem named, exits 1 and writes nothing', async () => {
    const email = syntheticEmail();
    const headBefore = await withRuntime(data.path, (runtime) => runtime.store.headPosition());
    const refused = await adminCreate(['--email', email, '--name', '   ', '--password-stdin'], env, 'short\n');
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('--name: is required');
    expect(refused.output).toContain('password: must be at least 12 characters');
    expect(refused.output).not.toContain('short\n');
    await withRuntime(data.path, async (runtime) => {
      expect(await runtime.store.headPosition()).toEqual(headBefore);
      expect(await userEvents(runtime, email)).toEqual([]);
    });
  }, 60_000);

  it('does not even open a fresh store when the input is refused', async () => {
    const fresh = tempDir('learning-loop-admin-fresh-');
    try {
      const refused = await adminCreate(['--email', 'not-an-email', '--name', 'Synthetic Admin'], { DATA_DIR: `${fresh.path}/data` }, '');
      expect(refused.code).toBe(1);
      expect(refused.output).toContain('--email: must be an email address');
      expect(readdirSync(fresh.path)).toEqual([]);
    } finally {
      fresh.remove();
    }
  }, 60_000);

  it('makes an existing non-admin account an admin, and says so, without touching its password', async () => {
    const email = syntheticEmail();
    await withRuntime(data.path, async (runtime) => {
      const app = await createApp(runtime, { logger: false });
      try {
        await runtime.projections.start();
        await app.get(AccountsService).invite({ email, displayName: 'Synthetic Influencer', grants: [{ role: 'influencer' }] }, commandContext({ actor: 'system:test' }));
      } finally {
        await app.close();
      }
    });
    const promoted = await adminCreate(['--email', email], env);
    expect(promoted.output).toContain(`${email} already had an account: granted it the admin role.`);
    expect(promoted.code).toBe(0);
    await withRuntime(data.path, async (runtime) => {
      expect((await userEvents(runtime, email)).map((e) => e.type)).toEqual(['user.invited', 'user.role_granted']);
    });
  }, 120_000);

  it('takes a new password for an existing admin from ADMIN_PASSWORD', async () => {
    const email = syntheticEmail();
    await adminCreate(['--email', email, '--name', 'Synthetic Admin', '--password-stdin'], env, `${syntheticPassword()}\n`);
    const reset = await adminCreate(['--email', email], { ...env, ADMIN_PASSWORD: syntheticPassword() });
    expect(reset.output).toContain(`Set a new password for ${email}`);
    expect(reset.code).toBe(0);
    const types = await withRuntime(data.path, async (runtime) => (await userEvents(runtime, email)).map((e) => e.type));
    expect(types).toEqual(['user.invited', 'user.password_set', 'user.password_set']);
  }, 120_000);

  it('never takes the password as an argument, and does not echo what was given', async () => {
    const secret = syntheticPassword();
    const refused = await adminCreate(['--email', syntheticEmail(), '--name', 'Synthetic Admin', '--password', secret], env);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('--password: is not accepted: arguments show in `ps` and shell history');
    expect(refused.output).not.toContain(secret);
  }, 60_000);

  it('explains itself with --help, including why the password is not an argument', async () => {
    const help = await adminCreate(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.output).toContain('--password-stdin');
    expect(help.output).toContain('ADMIN_PASSWORD');
    expect(help.output).toMatch(/never\s+taken as an argument/);
  }, 60_000);
});

describeIfPostgres('npm run admin:create on PostgreSQL (EVENT_STORE=postgres)', () => {
  const data = tempDir('learning-loop-admin-pg-');
  let schema: Awaited<ReturnType<typeof openTestSchema>>;
  beforeAll(async () => {
    await buildOnce();
    schema = await openTestSchema('admin_cli');
  }, 240_000);
  afterAll(async () => {
    await schema?.drop();
    data.remove();
  });

  it('creates an active admin in the database DATABASE_URL names', async () => {
    // The suite's own schema, through the connection URL, so parallel suites never meet.
    const url = new URL(TEST_DATABASE_URL!);
    url.searchParams.set('options', `-c search_path=${schema.schema}`);
    const email = syntheticEmail();
    const env = { EVENT_STORE: 'postgres', DATABASE_URL: url.toString(), DATA_DIR: data.path };
    const created = await adminCreate(['--email', email, '--name', 'Synthetic Admin', '--password-stdin'], env, `${syntheticPassword()}\n`);
    expect(created.output).toContain(`Created the admin account ${email}`);
    expect(created.code).toBe(0);
    const { rows } = await schema.db.query<{ active: boolean; grants: unknown }>('SELECT active, grants FROM users_accounts WHERE email = $1', [email]);
    expect(rows).toEqual([{ active: true, grants: [{ role: 'admin' }] }]);
  }, 120_000);
});
