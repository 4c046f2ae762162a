import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, NotFoundError, type PersonalDataVault } from '#libs/kernel';
import type { PreparedCommand } from '#libs/event-store';
import { requireJoinedPerson } from '../people/person.checks.js';
import { type CommandContext, type CommandReceipt, createdId } from '../shared/command-context.js';
import { requireTeam } from '../directory/directory.checks.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { DIRECTORY, type Directory } from '../shared/directory.js';
import { PERSONAL_DATA_VAULT } from '../shared/tokens.js';
import { Check } from '../shared/validation.js';
import { type BudgetCommand, budgetDecider } from './budget.decider.js';
import { budgetStream } from './budget.events.js';
import { CHOOSABLE_PURPOSE_CATEGORIES, type ChoosablePurposeCategory, UNSPECIFIED_PURPOSE } from './budget.purposes.js';

export const BUDGET_READ_MODELS = ['budgets'] as const;
const BUDGETS = { stream: budgetStream, decider: budgetDecider, readModels: BUDGET_READ_MODELS };

/** The largest single amount recorded: £100,000 (in pence). */
const MAX_PENCE = 10_000_000;

export type BudgetChange =
  | { kind: 'fund'; teamId: string; amountPence: number; source: string; fundedOn: string }
  | {
      kind: 'request';
      teamId: string;
      personId: string;
      requestId?: string | null;
      purpose: string;
      purposeCategory: string;
      amountPence: number;
      requestedOn: string;
    }
  | { kind: 'approve'; teamId: string; requestId: string; approvedOn: string }
  | { kind: 'decline'; teamId: string; requestId: string; declinedOn: string; reason: string }
  | { kind: 'spend'; teamId: string; requestId: string; spendId?: string | null; amountPence: number; onWhat: string; spentOn: string }
  | { kind: 'close'; teamId: string; requestId: string; closedOn: string };

/** Funds a team's pot, or requests, approves, declines, spends or closes a personal budget. */
export class ChangeBudget extends Command<CommandReceipt> {
  constructor(readonly change: BudgetChange, readonly context: CommandContext) {
    super();
  }
}

@CommandHandler(ChangeBudget)
export class ChangeBudgetHandler implements ICommandHandler<ChangeBudget> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async execute({ change, context }: ChangeBudget): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const teamId = check.id('teamId', change.teamId);
    const run = (id: string, command: BudgetCommand | PreparedCommand<BudgetCommand>) => this.executor.on(BUDGETS).record(teamId, context, command, id);

    switch (change.kind) {
      case 'fund': {
        const amountPence = check.pence('amountPence', change.amountPence, MAX_PENCE);
        const source = check.text('source', change.source, { max: 200 });
        const fundedOn = check.date('fundedOn', change.fundedOn);
        check.done();
        return run(teamId, async () => {
          await requireTeam(this.directory, teamId);
          return { kind: 'fund', amountPence, source, fundedOn };
        });
      }
      case 'request': {
        const personId = check.id('personId', change.personId);
        const requestId = createdId(check, context, 'requestId', change.requestId);
        const purpose = check.text('purpose', change.purpose, { max: 500 });
        const purposeCategory = this.purposeCategory(check, change.purposeCategory);
        const amountPence = check.pence('amountPence', change.amountPence, MAX_PENCE);
        const requestedOn = check.date('requestedOn', change.requestedOn);
        check.done();
        return run(requestId, async () => {
          const person = await requireJoinedPerson(this.executor, personId);
          if (person.teamId !== teamId) {
            throw new ConflictError('This person is coached by another team: request from their team\'s pot.');
          }
          return { kind: 'request', requestId, personId, purpose: await this.vault.seal(personId, purpose), purposeCategory, amountPence, requestedOn };
        });
      }
      case 'approve': {
        const requestId = check.id('requestId', change.requestId);
        const approvedOn = check.date('approvedOn', change.approvedOn);
        check.done();
        return run(requestId, { kind: 'approve', requestId, approvedOn });
      }
      case 'decline': {
        const requestId = check.id('requestId', change.requestId);
        const declinedOn = check.date('declinedOn', change.declinedOn);
        const reason = check.text('reason', change.reason, { max: 1000 });
        check.done();
        return run(requestId, async () => {
          const personId = await this.personOf(teamId, requestId);
          return { kind: 'decline', requestId, declinedOn, reason: await this.vault.seal(personId, reason) };
        });
      }
      case 'spend': {
        const requestId = check.id('requestId', change.requestId);
        const spendId = createdId(check, context, 'spendId', change.spendId);
        const amountPence = check.pence('amountPence', change.amountPence, MAX_PENCE);
        const onWhat = check.text('onWhat', change.onWhat, { max: 300 });
        const spentOn = check.date('spentOn', change.spentOn);
        check.done();
        return run(requestId, async () => {
          const personId = await this.personOf(teamId, requestId);
          return { kind: 'spend', requestId, spendId, amountPence, onWhat: await this.vault.seal(personId, onWhat), spentOn };
        });
      }
      case 'close': {
        const requestId = check.id('requestId', change.requestId);
        const closedOn = check.date('closedOn', change.closedOn);
        check.done();
        return run(requestId, { kind: 'close', requestId, closedOn });
      }
    }
  }

  /** One of the categories a new request can have; `unspecified` is refused with what to choose instead. */
  private purposeCategory(check: Check, value: string | null | undefined): ChoosablePurposeCategory {
    if (value === UNSPECIFIED_PURPOSE) {
      check.problem(
        'purposeCategory',
        `cannot be unspecified (that is only for requests recorded before categories existed): choose one of ${CHOOSABLE_PURPOSE_CATEGORIES.join(', ')}; other when none fits`,
      );
      return 'other';
    }
    return check.oneOf('purposeCategory', value, CHOOSABLE_PURPOSE_CATEGORIES);
  }

  /** Whose request it is: their key seals the words recorded about it. */
  private async personOf(teamId: string, requestId: string): Promise<string> {
    const { state } = await this.executor.state(budgetStream(teamId), budgetDecider);
    const request = state.requests.get(requestId);
    if (!request) throw new NotFoundError('No budget request with this id in this team\'s pot.');
    return request.personId;
  }
}

export const BUDGET_COMMAND_HANDLERS = [ChangeBudgetHandler];
