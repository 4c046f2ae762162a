import 'reflect-metadata';
import { calendarDate, START } from '#libs/kernel';
import { ConfigError, loadConfig, openRuntime } from '#libs/runtime';
import { createApp } from '../../api/src/bootstrap.js';
import { planDemo } from './demo/plan.js';
import { runDemoPlan } from './demo/run-plan.js';
import { ProgressBar } from './progress-bar.js';

const USAGE = `Usage: npm run seed:demo [-- --seed N] [--scale X] [--until YYYY-MM-DD]
Fills the store with synthetic demo data through the same commands people send.
  --seed N     which demo world (default 1); the same seed and --until give the same data
  --scale X    multiplies people, interactions and observations (default 1: ~600 people,
               ~30k interactions, ~4k observations; 0.05 for a quick look, 40 for 1M+ events)
  --until D    the last day of the two years of demo data (default today)
Running it again with the same options records nothing twice.`;

/** The options, with "today" counted in the organisation's time zone (from its configuration). */
function parse(argv: string[], timeZone: string): { seed: number; scale: number; until: string } {
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
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || until > today) problems.push('--until must be a date YYYY-MM-DD, not in the future');
  if (problems.length > 0) throw new ConfigError(problems);
  return { seed, scale, until };
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const options = parse(argv, config.timeZone);
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
  } finally {
    await app.close();
    await runtime.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
