import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Check, CommandExecutor, type CommandReceipt, createdId } from '#libs/capture';
import { LearningCommand } from '../shared/learning-command.js';
import { reflectionDecider } from './reflection.decider.js';
import { type ReflectionCorrections, type ReflectionRecorded, reflectionStream } from './reflection.events.js';

/** The read models that show reflections: a command waits for them before it answers. */
export const REFLECTION_READ_MODELS = ['learning_timeline'] as const;
const REFLECTION = { stream: reflectionStream, decider: reflectionDecider, readModels: REFLECTION_READ_MODELS };

/** Length limits, in characters (after trimming). */
export const REFLECTION_LIMITS = {
  learningQuestion: 500,
  whatHappened: 4000,
  insight: 4000,
  decision: 2000,
  experiment: 2000,
  reason: 500,
  /** Themes, and feedback reports, a reflection may name. */
  links: 50,
} as const;

export interface RecordReflectionInput {
  reflectionId?: string | null;
  learningQuestion: string;
  whatHappened: string;
  insight: string;
  decision?: string | null;
  experiment?: string | null;
  themeIds?: string[] | null;
  reportIds?: string[] | null;
  occurredOn: string;
}

export interface ReviseReflectionInput {
  reflectionId: string;
  learningQuestion?: string | null;
  whatHappened?: string | null;
  insight?: string | null;
  decision?: string | null;
  removeDecision?: boolean | null;
  experiment?: string | null;
  removeExperiment?: boolean | null;
  themeIds?: string[] | null;
  reportIds?: string[] | null;
  occurredOn?: string | null;
  reason?: string | null;
}

export interface WithdrawReflectionInput {
  reflectionId: string;
  reason: string;
}

export class RecordReflection extends LearningCommand<RecordReflectionInput> {}
export class ReviseReflection extends LearningCommand<ReviseReflectionInput> {}
export class WithdrawReflection extends LearningCommand<WithdrawReflectionInput> {}

/** Ids of themes or reports: each a UUID, each once, in the order given. */
function linkedIds(check: Check, field: string, values: readonly string[] | null | undefined): string[] {
  const list = check.list(field, values, { max: REFLECTION_LIMITS.links });
  list.forEach((id, i) => check.id(`${field}[${i}]`, id));
  return [...new Set(list.map((id) => id.toLowerCase()))];
}

@CommandHandler(RecordReflection)
export class RecordReflectionHandler implements ICommandHandler<RecordReflection> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: RecordReflection): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const reflectionId = createdId(check, context, 'reflectionId', input.reflectionId);
    const learningQuestion = check.text('learningQuestion', input.learningQuestion, { max: REFLECTION_LIMITS.learningQuestion });
    const whatHappened = check.text('whatHappened', input.whatHappened, { max: REFLECTION_LIMITS.whatHappened });
    const insight = check.text('insight', input.insight, { max: REFLECTION_LIMITS.insight });
    const decision = check.text('decision', input.decision, { max: REFLECTION_LIMITS.decision, optional: true });
    const experiment = check.text('experiment', input.experiment, { max: REFLECTION_LIMITS.experiment, optional: true });
    const themeIds = linkedIds(check, 'themeIds', input.themeIds);
    const reportIds = linkedIds(check, 'reportIds', input.reportIds);
    const occurredOn = check.date('occurredOn', input.occurredOn);
    check.done();

    const reflection: ReflectionRecorded = {
      reflectionId,
      learningQuestion,
      whatHappened,
      insight,
      ...(decision ? { decision } : {}),
      ...(experiment ? { experiment } : {}),
      themeIds,
      reportIds,
      occurredOn,
    };
    return this.executor.on(REFLECTION).record(reflectionId, context, { kind: 'record', reflection });
  }
}

@CommandHandler(ReviseReflection)
export class ReviseReflectionHandler implements ICommandHandler<ReviseReflection> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: ReviseReflection): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const reflectionId = check.id('reflectionId', input.reflectionId);
    const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;
    const c: { -readonly [K in keyof ReflectionCorrections]: ReflectionCorrections[K] } = {};
    if (given(input.learningQuestion)) c.learningQuestion = check.text('learningQuestion', input.learningQuestion, { max: REFLECTION_LIMITS.learningQuestion });
    if (given(input.whatHappened)) c.whatHappened = check.text('whatHappened', input.whatHappened, { max: REFLECTION_LIMITS.whatHappened });
    if (given(input.insight)) c.insight = check.text('insight', input.insight, { max: REFLECTION_LIMITS.insight });
    if (given(input.decision)) c.decision = check.text('decision', input.decision, { max: REFLECTION_LIMITS.decision });
    if (input.removeDecision) {
      if (given(input.decision)) check.problem('removeDecision', 'cannot be set together with a new decision');
      c.decision = null;
    }
    if (given(input.experiment)) c.experiment = check.text('experiment', input.experiment, { max: REFLECTION_LIMITS.experiment });
    if (input.removeExperiment) {
      if (given(input.experiment)) check.problem('removeExperiment', 'cannot be set together with a new experiment');
      c.experiment = null;
    }
    if (given(input.themeIds)) c.themeIds = linkedIds(check, 'themeIds', input.themeIds);
    if (given(input.reportIds)) c.reportIds = linkedIds(check, 'reportIds', input.reportIds);
    if (given(input.occurredOn)) c.occurredOn = check.date('occurredOn', input.occurredOn);
    const reason = check.text('reason', input.reason, { max: REFLECTION_LIMITS.reason, optional: true });
    if (Object.keys(c).length === 0) check.problem('input', 'give at least one correction');
    check.done();

    return this.executor.on(REFLECTION).record(reflectionId, context, { kind: 'revise', corrections: c, ...(reason ? { reason } : {}) });
  }
}

@CommandHandler(WithdrawReflection)
export class WithdrawReflectionHandler implements ICommandHandler<WithdrawReflection> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: WithdrawReflection): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const reflectionId = check.id('reflectionId', input.reflectionId);
    const reason = check.text('reason', input.reason, { max: REFLECTION_LIMITS.reason });
    check.done();
    return this.executor.on(REFLECTION).record(reflectionId, context, { kind: 'withdraw', reason });
  }
}

export const REFLECTION_COMMAND_HANDLERS = [RecordReflectionHandler, ReviseReflectionHandler, WithdrawReflectionHandler];
