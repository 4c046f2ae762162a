import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { AccountsService, checkPassword, normaliseEmail, userIdFor } from '#libs/access';
import { Check, commandContext } from '#libs/capture';
import { ConflictError, type FieldProblem, ValidationError } from '#libs/kernel';
import { loadConfig, openRuntime } from '#libs/runtime';
import { createApp } from '../../api/src/bootstrap.js';

/**
 * `npm run admin:create`: the way into a fresh installation. Nobody can invite anyone until an
 * admin exists, so the first one is made here, by whoever can reach the server's configuration.
 * The same command promotes an existing account or resets its password when an admin is locked
 * out. The password never travels as an argument, where `ps` and shell history would keep it.
 */

const ACTOR = 'system:admin-cli';

const USAGE = `Usage: npm run admin:create -- --email EMAIL --name "NAME" [--password-stdin]
Creates an admin account, or makes the account with this email an admin.
  --email EMAIL       the admin's email address (their sign-in name)
  --name NAME         how the admin is shown to others; needed when the account is new
  --password-stdin    read the password from the first line of standard input
The password comes from --password-stdin, else from the ADMIN_PASSWORD environment variable,
else (for a new account, at a terminal) it is asked for twice without showing it. It is never
taken as an argument: arguments show in \`ps\` and in shell history. At least 12 characters.
For an existing account the password changes only when one is given by --password-stdin or
ADMIN_PASSWORD; its other sessions then end. Uses the same configuration as the server
(DATA_DIR, or EVENT_STORE=postgres with DATABASE_URL); with the embedded store, stop the server
first. Exits 0 when done, 1 when nothing was written.`;

interface Options {
  readonly email?: string;
  readonly name?: string;
  readonly passwordStdin: boolean;
}

function parse(argv: readonly string[]): { options: Options; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const values: { email?: string; name?: string } = {};
  let passwordStdin = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--email' || flag === '--name') {
      const value = inline ?? argv[++i];
      if (value === undefined) problems.push({ field: flag, message: 'needs a value' });
      else values[flag === '--email' ? 'email' : 'name'] = value;
    } else if (flag === '--password-stdin' && inline === undefined) {
      passwordStdin = true;
    } else if (flag === '--password' || flag === '-p') {
      if (inline === undefined && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) i++;
      problems.push({ field: flag, message: 'is not accepted: arguments show in `ps` and shell history; use --password-stdin or ADMIN_PASSWORD' });
    } else if (flag.startsWith('-')) {
      // Only the flag's name is echoed: what follows a mistyped flag may be a secret.
      problems.push({ field: flag, message: 'is not an option (see --help)' });
    } else {
      problems.push({ field: 'arguments', message: 'only --email, --name and --password-stdin are taken (see --help)' });
    }
  }
  return { options: { ...values, passwordStdin }, problems };
}

/** The first line of a stream (without its line ending), or all of it when it has no newline. */
function readFirstLine(input: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (line: string) => {
      input.off('data', onData).off('end', onEnd).off('error', reject);
      input.pause();
      resolve(line.replace(/\r$/, ''));
    };
    const onData = (chunk: string) => {
      text += chunk;
      const newline = text.indexOf('\n');
      if (newline >= 0) finish(text.slice(0, newline));
    };
    const onEnd = () => finish(text);
    input.setEncoding('utf8');
    input.on('data', onData).on('end', onEnd).on('error', reject);
  });
}

/** Asks at the terminal; the prompt shows, what is typed does not. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let muted = false;
    let answered = false;
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (!muted) process.stderr.write(chunk);
        done();
      },
    });
    const rl = createInterface({ input: process.stdin, output, terminal: true });
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => {
      process.stderr.write('\n');
      if (!answered) reject(new Error('Cancelled: nothing was written.'));
    });
    rl.question(prompt, (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
    muted = true;
  });
}

async function askPasswordTwice(): Promise<string> {
  const first = await askHidden('Password for the new admin (at least 12 characters): ');
  const again = await askHidden('The same password again: ');
  if (first !== again) throw new ValidationError('the two passwords typed differ', 'password');
  return first;
}

/** The password given explicitly, in order of precedence; undefined when none was. */
async function givenPassword(options: Options, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (options.passwordStdin) return readFirstLine(process.stdin);
  return env.ADMIN_PASSWORD ? env.ADMIN_PASSWORD : undefined;
}

function say(line: string): void {
  console.log(line);
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    say(USAGE);
    return;
  }
  // Everything that can be checked without the store is checked, all at once, before opening it.
  const { options, problems } = parse(argv);
  const password = await givenPassword(options, env);
  const check = new Check();
  for (const { field, message } of problems) check.problem(field, message);
  const email = normaliseEmail(check.email('--email', options.email) ?? '');
  const name = options.name === undefined ? undefined : check.text('--name', options.name, { max: 80 });
  if (password !== undefined) checkPassword(check, 'password', password, email);
  check.done();

  const config = loadConfig(env);
  const runtime = await openRuntime(config, { runner: { log: () => undefined } });
  const app = await createApp(runtime, { logger: false });
  try {
    await runtime.projections.start();
    // byEmail reads the users read model: let it take in every account recorded so far.
    if (!(await runtime.projections.waitFor(await runtime.store.headPosition(), { projections: ['users'], timeoutMs: 60_000 }))) {
      throw new Error('The users read model did not catch up: see `health` for why.');
    }
    const accounts = app.get(AccountsService);
    const existing = await accounts.byEmail(email);
    const context = () => commandContext({ actor: ACTOR });

    if (!existing) {
      const missing = new Check();
      if (name === undefined) missing.problem('--name', 'is required to create a new account');
      if (password === undefined && !process.stdin.isTTY) {
        missing.problem('password', 'is required for a new account: pipe it with --password-stdin or set ADMIN_PASSWORD');
      }
      missing.done();
      const chosen = password ?? (await askPasswordTwice());
      const again = new Check();
      checkPassword(again, 'password', chosen, email);
      again.done();
      await accounts.invite({ email, displayName: name!, grants: [{ role: 'admin' }] }, context());
      await accounts.setPassword(userIdFor(email), chosen, 'admin_cli', context());
      say(`Created the admin account ${email} with the password given. They can sign in now.`);
      return;
    }

    if (!existing.active) {
      throw new ConflictError('This account is deactivated. Nothing was written: an admin can reactivate it in the app; then run this again.');
    }
    if (existing.grants.some((g) => g.role === 'admin')) {
      say(`${email} is already an admin: no role granted.`);
    } else {
      await accounts.grant(existing.userId, { role: 'admin' }, context());
      say(`${email} already had an account: granted it the admin role.`);
    }
    if (password === undefined) {
      say('Password unchanged (give one with --password-stdin or ADMIN_PASSWORD to change it).');
    } else {
      await accounts.setPassword(existing.userId, password, 'admin_cli', context());
      say(`Set a new password for ${email}; any sessions it had are signed out.`);
    }
  } finally {
    await app.close();
    await runtime.close();
  }
}

/** Problems one per line; configuration, conflicts and refusals by their message (never the password). */
function report(error: unknown): string {
  if (error instanceof ValidationError) {
    return `Nothing was written. Fix these and run again (see --help):\n${error.problems.map((p) => `  ${p.field}: ${p.message}`).join('\n')}`;
  }
  return error instanceof Error ? error.message : String(error);
}

main(process.argv.slice(2), process.env).catch((error: unknown) => {
  console.error(report(error));
  process.exitCode = 1;
});
