import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { checkPassword } from '#libs/access';
import { Check } from '#libs/capture';
import { calendarDate, isCalendarDate, START, ValidationError } from '#libs/kernel';
import { ConfigError, loadConfig, openRuntime } from '#libs/runtime';
import { createApp } from '../../api/src/bootstrap.js';
import { demoAccounts, ensureDemoAccounts } from './demo/demo-accounts.js';
import { planDemo } from './demo/plan.js';
import { runDemoPlan } from './demo/run-plan.js';
import { ProgressBar } from './progress-bar.js';

const USAGE = `Usage: npm run seed:demo [-- --seed N] [--scale X] [--until YYYY-MM-DD] [--accounts]
Fills the store with synthetic demo data through the same commands people send.
  --seed N     which demo world (default 1); the same seed and --until give the same data
  --scale X    multiplies people, interactions and observations (default 1: ~600 people,
               ~30k interactions, ~4k observations; 0.05 for a quick look, 40 for 1M+ events)
  --until D    the last day of the two years of demo data (default today)
  --accounts   also make one sign-in for each role (coach, influencer, partner, commissioner,
               leader, admin) at @demo.learning-loop.invalid, all with one password: DEMO_PASSWORD
               when set (at least 12 characters), else a new one, printed at the end. Running it
               again sets that password again. Refused when NODE_ENV=production.
Running it again with the same options records nothing twice.`;

/** The options, with "today" counted in the organisation's time zone (from its configuration). */
function parse(argv: string[], timeZone: string, env: NodeJS.ProcessEnv): { seed: number; scale: number; until: string; accounts: boolean } {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seed = Number(value('--seed') ?? 1);
  const scale = Number(value('--scale') ?? 1);
  const today = calendarDate(new Date(), timeZone);
  const until = value('--until') ?? today;
  const problems: string[] = [];
  if (!Number.isInteger(seed) || seed < 1) problems.push('--seed must be a whole number from 1');
  if (!(scale > 0 && scale <= 1000)) problems.push('--scale must be a number above 0 and at most 1000');
  if (!isCalendarDate(until) || until > today) problems.push('--until must be a date YYYY-MM-DD, not in the future');
  const accounts = argv.includes('--accounts');
  if (accounts && env.NODE_ENV?.trim() === 'production') problems.push('--accounts makes sign-ins that share one password: it is for trying the product, not for production (NODE_ENV=production)');
  if (accounts && env.DEMO_PASSWORD) {
    const check = new Check();
    checkPassword(check, 'DEMO_PASSWORD', env.DEMO_PASSWORD);
    try {
      check.done();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problems.push(...error.problems.map((p) => `${p.field} ${p.message}`));
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { seed, scale, until, accounts };
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const options = parse(argv, config.timeZone, process.env);
  const plan = planDemo(options);
  const runtime = await openRuntime(config, { runner: { log: () => undefined } });
  const app = await createApp(runtime, { logger: false });
  try {
    // Projections run while seeding: later commands check earlier reference data (does this
    // coach exist?) through the read models, so those steps wait for them.
    await runtime.projections.start();
    const bar = new ProgressBar('seed', plan.steps.length, process.stderr, Date.now, 'commands');
    const { recorded, replayed } = await runDemoPlan(app, plan, { seed: options.seed, onStep: (done) => bar.update(done) });
    bar.finish(`${recorded} commands recorded, ${replayed} already there.`);

    const head = await runtime.store.headPosition();
    const total = runtime.store.countEventsAfter ? await runtime.store.countEventsAfter(START) : null;
    const catchUp = new ProgressBar('read models', total);
    const waiting = runtime.projections.waitFor(head, { timeoutMs: 6 * 60 * 60 * 1000 });
    const timer = setInterval(() => {
      void runtime.projections.status().then((all) => catchUp.update(Math.min(...all.map((s) => s.eventsApplied))));
    }, 500);
    const caughtUp = await waiting;
    clearInterval(timer);
    catchUp.update(Math.min(...(await runtime.projections.status()).map((s) => s.eventsApplied)));
    if (!caughtUp) throw new Error('A read model stopped while catching up: see `health` for which one and why.');
    catchUp.finish('Read models are up to date.');
    console.log(`Planted patterns:\n  rising: ${plan.patterns.rising}\n  falling: ${plan.patterns.falling}`);
    if (options.accounts) {
      const password = process.env.DEMO_PASSWORD || randomBytes(12).toString('base64url');
      const accounts = demoAccounts(plan);
      const { created, updated } = await ensureDemoAccounts(app, accounts, password);
      console.log(`Demo sign-ins (${created} made, ${updated} already there), each with the password ${process.env.DEMO_PASSWORD ? 'in DEMO_PASSWORD' : password}:`);
      for (const account of accounts) console.log(`  ${account.email}`);
    }
  } finally {
    await app.close();
    await runtime.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
