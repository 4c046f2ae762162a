import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandReceipt } from '#libs/capture';

/**
 * A learning command as it comes from the API: the caller's input, not yet validated (its handler
 * checks all of it before anything is appended), and who sends it, when, under which id.
 * Subclasses only name the command: `class RecordReflection extends LearningCommand<RecordReflectionInput> {}`.
 */
export abstract class LearningCommand<TInput> extends Command<CommandReceipt> {
  constructor(
    readonly input: TInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
