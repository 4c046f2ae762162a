import { Command } from '@nestjs/cqrs';
import type { CommandContext, CommandReceipt } from './command-context.js';

/**
 * A capture command as it comes from the API: the caller's input, not yet validated (its
 * handler checks it all before anything is appended), and who sends it, when, under which id.
 * Subclasses only name the command: `class JoinPerson extends CaptureCommand<JoinPersonInput> {}`.
 */
export abstract class CaptureCommand<TInput> extends Command<CommandReceipt> {
  constructor(
    readonly input: TInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
