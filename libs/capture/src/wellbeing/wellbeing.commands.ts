import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PersonalDataVault } from '#libs/kernel';
import { requireJoinedPerson } from '../people/person.checks.js';
import { type CommandReceipt, createdId } from '../shared/command-context.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { PERSONAL_DATA_VAULT } from '../shared/tokens.js';
import { Check } from '../shared/validation.js';
import { wellbeingDecider } from './wellbeing.decider.js';
import { wellbeingStream } from './wellbeing.events.js';
import { ANSWER_MAX, ANSWER_MIN, ITEMS, scoreAnswers, WELLBEING_SCALES, type WellbeingScale } from './wellbeing.scales.js';
import { CaptureCommand } from '../shared/capture-command.js';

export const WELLBEING_READ_MODELS = ['wellbeing'] as const;
const WELLBEING = { stream: wellbeingStream, decider: wellbeingDecider, readModels: WELLBEING_READ_MODELS };

export interface CheckInWellbeingInput {
  personId: string;
  checkInId?: string | null;
  scale: string;
  /** One answer per item, in the scale's order, each 1 to 5. */
  answers: ReadonlyArray<number | null | undefined> | null | undefined;
  checkedInOn: string;
  /** A check-in happens only when the person chooses it. */
  personChoseToCheckIn: boolean;
}

export class CheckInWellbeing extends CaptureCommand<CheckInWellbeingInput> {}

/**
 * Checks every answer (naming each missing or out-of-range item as `answers.itemN`, counted from
 * 1 as on the published scale), scores the check-in, seals the answers with the person's key
 * and records it. The answers themselves are never echoed in an error.
 */
@CommandHandler(CheckInWellbeing)
export class CheckInWellbeingHandler implements ICommandHandler<CheckInWellbeing> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ input, context }: CheckInWellbeing): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const personId = check.id('personId', input.personId);
    const checkInId = createdId(check, context, 'checkInId', input.checkInId);
    const scale = check.oneOf<WellbeingScale>('scale', input.scale, WELLBEING_SCALES);
    const checkedInOn = check.date('checkedInOn', input.checkedInOn);
    if (input.personChoseToCheckIn !== true) {
      check.problem('personChoseToCheckIn', 'a wellbeing check-in is only recorded when the person chooses to do one');
    }
    const answers = checkAnswers(check, scale, input.answers);
    check.done();
    const { rawScore } = scoreAnswers(scale, answers);
    return this.executor.on(WELLBEING).record(
      personId,
      context,
      async () => {
        await requireJoinedPerson(this.executor, personId);
        return { kind: 'check_in', checkInId, scale, checkedInOn, rawScore, answers: await this.vault.seal(personId, JSON.stringify(answers)) };
      },
      checkInId,
    );
  }
}

function checkAnswers(check: Check, scale: WellbeingScale | undefined, given: CheckInWellbeingInput['answers']): number[] {
  const items = scale && (WELLBEING_SCALES as readonly string[]).includes(scale) ? ITEMS[scale] : undefined;
  const answers = given ? [...given] : [];
  if (!items) return [];
  if (answers.length > items.length) check.problem('answers', `${scale === 'wemwbs' ? 'WEMWBS' : 'SWEMWBS'} has ${items.length} items, no more`);
  const out: number[] = [];
  items.forEach((label, i) => {
    const field = `answers.item${i + 1}`;
    const answer = answers[i];
    if (answer === null || answer === undefined) {
      check.problem(field, `is required (${label})`);
      return;
    }
    out.push(check.int(field, answer, { min: ANSWER_MIN, max: ANSWER_MAX }));
  });
  return out;
}

export const WELLBEING_COMMAND_HANDLERS = [CheckInWellbeingHandler];
