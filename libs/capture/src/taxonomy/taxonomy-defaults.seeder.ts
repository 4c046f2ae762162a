import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ConflictError } from '#libs/kernel';
import { commandContext, type CommandReceipt } from '../shared/command-context.js';
import { SeedDefaultCategories } from './taxonomy.commands.js';
import { DEFAULT_CATEGORIES, DEFAULT_CATEGORIES_COMMAND_ID } from './taxonomy.defaults.js';

export const TAXONOMY_SEED_ACTOR = 'system:taxonomy-defaults';

/**
 * Adds the default observation categories when the API starts. The command id is fixed, so
 * the seed is recorded once: every later start (or a second instance starting at the same
 * time) replays the first outcome and records nothing. A failure is logged, never fatal.
 */
@Injectable()
export class TaxonomyDefaultsSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('TaxonomyDefaults');

  constructor(private readonly commands: CommandBus) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.seed();
    } catch (error) {
      this.logger.warn(`Default categories not added this time: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
  }

  async seed(): Promise<CommandReceipt> {
    const send = () =>
      this.commands.execute(
        new SeedDefaultCategories(
          DEFAULT_CATEGORIES,
          // Start-up does not wait for the read model: the runner may not be running (schema generation).
          commandContext({ actor: TAXONOMY_SEED_ACTOR, commandId: DEFAULT_CATEGORIES_COMMAND_ID, waitForReadModels: false }),
        ),
      );
    try {
      return await send();
    } catch (error) {
      // Another instance appended first: the retry finds its command id and replays.
      if (error instanceof ConflictError) return send();
      throw error;
    }
  }
}
