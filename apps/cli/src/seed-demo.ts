import 'reflect-metadata';
import { CommandBus } from '@nestjs/cqrs';
import {
  AddCoach,
  ChangeCoaching,
  commandContext,
  FormTeam,
  JoinPerson,
  RecordInteraction,
  RecordObservation,
  RegisterArea,
  RegisterOrganisation,
} from '#libs/capture';
import { START } from '#libs/kernel';
import { ConfirmTheme, LinkObservations, ProposeTheme } from '#libs/themes';
import { ConfigError, loadConfig, openRuntime } from '#libs/runtime';
import { createApp } from '../../api/src/bootstrap.js';
import { type DemoStep, planDemo } from './demo/plan.js';
import { Random } from './demo/random.js';
import { ProgressBar } from './progress-bar.js';

const USAGE = `Usage: npm run seed:demo [-- --seed N] [--scale X] [--until YYYY-MM-DD]
Fills the store with synthetic demo data through the same commands people send.
  --seed N     which demo world (default 1); the same seed and --until give the same data
  --scale X    multiplies people, interactions and observations (default 1: ~600 people,
               ~30k interactions, ~4k observations; 0.05 for a quick look, 40 for 1M+ events)
  --until D    the last day of the two years of demo data (default today)
Running it again with the same options records nothing twice.`;

function parse(argv: string[]): { seed: number; scale: number; until: string } {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seed = Number(value('--seed') ?? 1);
  const scale = Number(value('--scale') ?? 1);
  const until = value('--until') ?? new Date().toISOString().slice(0, 10);
  const problems: string[] = [];
  if (!Number.isInteger(seed) || seed < 1) problems.push('--seed must be a whole number from 1');
  if (!(scale > 0 && scale <= 1000)) problems.push('--scale must be a number above 0 and at most 1000');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || until > new Date().toISOString().slice(0, 10)) problems.push('--until must be a date YYYY-MM-DD, not in the future');
  if (problems.length > 0) throw new ConfigError(problems);
  return { seed, scale, until };
}

const REFERENCE_DATA = new Set<DemoStep['kind']>(['area', 'team', 'coach', 'organisation', 'theme']);

function commandFor(step: DemoStep, context: ReturnType<typeof commandContext>) {
  switch (step.kind) {
    case 'area':
      return new RegisterArea(step.input, context);
    case 'team':
      return new FormTeam(step.input, context);
    case 'coach':
      return new AddCoach(step.input, context);
    case 'organisation':
      return new RegisterOrganisation(step.input, context);
    case 'join':
      return new JoinPerson(step.input as never, context);
    case 'coaching':
      return new ChangeCoaching(step.change as never, context);
    case 'interaction':
      return new RecordInteraction(step.input as never, context);
    case 'observation':
      return new RecordObservation(step.input as never, context);
    case 'theme':
      return new ProposeTheme(step.input, context);
    case 'theme_link':
      return new LinkObservations(step.input, context);
    case 'theme_confirm':
      return new ConfirmTheme(step.input, context);
  }
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const options = parse(argv);
  const plan = planDemo(options);
  const ids = new Random(options.seed);
  const runtime = await openRuntime(loadConfig(), { runner: { log: () => undefined } });
  const app = await createApp(runtime, { logger: false });
  try {
    // Projections run while seeding: later commands check earlier reference data (does this
    // coach exist?) through the read models, so those steps wait for them.
    await runtime.projections.start();
    const bus = app.get(CommandBus);
    const bar = new ProgressBar('seed', plan.steps.length, process.stderr, Date.now, 'commands');
    let replayed = 0;
    for (const [i, step] of plan.steps.entries()) {
      const context = commandContext({
        actor: 'system:demo-seed',
        commandId: ids.id(`command:${i}`),
        now: new Date(`${step.on}T12:00:00.000Z`),
        waitForReadModels: REFERENCE_DATA.has(step.kind),
      });
      const receipt = (await bus.execute(commandFor(step, context))) as { replayed: boolean };
      if (receipt.replayed) replayed++;
      bar.update(i + 1);
    }
    bar.finish(`${plan.steps.length - replayed} commands recorded, ${replayed} already there.`);

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
