import type { INestApplicationContext } from '@nestjs/common';
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
import { ConfirmTheme, LinkObservations, ProposeTheme } from '#libs/themes';
import type { DemoPlan, DemoStep } from './plan.js';
import { Random } from './random.js';

/** The actor the demo's commands are recorded as. */
export const DEMO_ACTOR = 'system:demo-seed';

/** Steps later commands check through the read models (does this coach exist?): each waits for them. */
const REFERENCE_DATA = new Set<DemoStep['kind']>(['area', 'team', 'coach', 'organisation', 'theme']);

export interface RunDemoPlanOptions {
  /** The seed the plan was made with: each command's id derives from it and the step's place, so a re-run records nothing twice. */
  readonly seed: number;
  /** Called after each step with how many are done so far. */
  readonly onStep?: (done: number, total: number) => void;
}

export interface DemoPlanRun {
  /** Commands recorded now. */
  readonly recorded: number;
  /** Commands already recorded by an earlier run (the same command id), recorded nothing. */
  readonly replayed: number;
}

/**
 * Sends a demo plan's steps, in order, through the app's CommandBus: the same commands people
 * send, each dated the day its step happened (at noon UTC). The app's projections must be
 * running, since reference-data steps wait for their read models before the next step is sent.
 * Other steps do not wait: wait for the read models to catch up afterwards before reading them.
 */
export async function runDemoPlan(app: INestApplicationContext, plan: DemoPlan, options: RunDemoPlanOptions): Promise<DemoPlanRun> {
  const bus = app.get(CommandBus);
  const ids = new Random(options.seed);
  let replayed = 0;
  for (const [i, step] of plan.steps.entries()) {
    const context = commandContext({
      actor: DEMO_ACTOR,
      commandId: ids.id(`command:${i}`),
      now: new Date(`${step.on}T12:00:00.000Z`),
      waitForReadModels: REFERENCE_DATA.has(step.kind),
    });
    const receipt = (await bus.execute(commandFor(step, context))) as { replayed: boolean };
    if (receipt.replayed) replayed++;
    options.onStep?.(i + 1, plan.steps.length);
  }
  return { recorded: plan.steps.length - replayed, replayed };
}

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
    default: {
      const unknown: never = step;
      throw new Error(`The demo plan has a step of a kind this runner does not send: ${(unknown as DemoStep).kind}. Add it to commandFor in run-plan.ts.`);
    }
  }
}
