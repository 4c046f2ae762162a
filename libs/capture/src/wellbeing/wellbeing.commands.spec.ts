import { randomUUID } from 'node:crypto';
import { NotFoundError, type PersonalDataVault, type Sealed, ValidationError } from '#libs/kernel';
import { commandContext } from '../shared/command-context.js';
import type { CommandExecutor } from '../shared/command-executor.js';
import { CheckInWellbeing, CheckInWellbeingHandler, type CheckInWellbeingInput } from './wellbeing.commands.js';
import type { WellbeingCommand } from './wellbeing.decider.js';

const now = new Date('2026-05-10T12:00:00Z');

function setUp(joined = true) {
  // The executor's part (load, decide, append) has its own specs; here it records what it was given.
  const recorded: WellbeingCommand[] = [];
  const record = async (_stream: string, _context: unknown, command: WellbeingCommand | (() => Promise<WellbeingCommand>), id?: string) => {
    recorded.push(typeof command === 'function' ? await command() : command);
    return { commandId: 'c', id, revision: 0, position: '1/1', replayed: false };
  };
  const executor = { state: async () => ({ state: { joined }, revision: 0 }), on: () => ({ record }) } as unknown as CommandExecutor;
  const sealed: string[] = [];
  const vault = {
    seal: async (subject: string, text: string) => {
      sealed.push(text);
      return `pd1.${subject}.iv.tag.${Buffer.from(text).toString('base64url')}` as Sealed;
    },
  } as unknown as PersonalDataVault;
  const handler = new CheckInWellbeingHandler(executor, vault);
  const send = (input: Partial<CheckInWellbeingInput>) =>
    handler.execute(
      new CheckInWellbeing(
        { personId: randomUUID(), scale: 'swemwbs', answers: [3, 3, 3, 3, 3, 3, 3], checkedInOn: '2026-05-01', personChoseToCheckIn: true, ...input },
        commandContext({ actor: 'user:coach', now }),
      ),
    );
  const problems = async (input: Partial<CheckInWellbeingInput>) => {
    try {
      await send(input);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).problems;
    }
    throw new Error('expected the check-in to be refused');
  };
  return { recorded, sealed, send, problems };
}

describe('checking in on wellbeing', () => {
  it('records a complete SWEMWBS check-in with the raw total and the answers sealed', async () => {
    const { recorded, sealed, send } = setUp();
    await send({ answers: [4, 3, 3, 3, 4, 3, 3] });
    const [command] = recorded;
    expect(command).toMatchObject({ kind: 'check_in', scale: 'swemwbs', rawScore: 23, checkedInOn: '2026-05-01' });
    expect(command.answers).toMatch(/^pd1\./);
    expect(sealed).toEqual(['[4,3,3,3,4,3,3]']);
  });

  it('names every missing item of an incomplete WEMWBS check-in, and records nothing', async () => {
    const { recorded, problems } = setUp();
    const answers = [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3];
    expect(await problems({ scale: 'wemwbs', answers })).toEqual([
      { field: 'answers.item13', message: 'is required (interested in new things)' },
      { field: 'answers.item14', message: 'is required (feeling cheerful)' },
    ]);
    expect(recorded).toEqual([]);
  });

  it('names a skipped item and an out-of-range one without repeating the answer', async () => {
    const { problems } = setUp();
    const found = await problems({ answers: [3, null, 3, 9, 3, 0, 3] });
    expect(found).toEqual([
      { field: 'answers.item2', message: 'is required (feeling useful)' },
      { field: 'answers.item4', message: 'must be a whole number from 1 to 5' },
      { field: 'answers.item6', message: 'must be a whole number from 1 to 5' },
    ]);
  });

  it('refuses more answers than the scale has, a check-in the person did not choose, and a date in the future', async () => {
    const { problems } = setUp();
    expect(await problems({ answers: [3, 3, 3, 3, 3, 3, 3, 3], personChoseToCheckIn: false, checkedInOn: '2026-05-11' })).toEqual([
      { field: 'checkedInOn', message: 'cannot be in the future' },
      { field: 'personChoseToCheckIn', message: 'a wellbeing check-in is only recorded when the person chooses to do one' },
      { field: 'answers', message: 'SWEMWBS has 7 items, no more' },
    ]);
  });

  it('refuses an unknown scale by name', async () => {
    const { problems } = setUp();
    expect(await problems({ scale: 'mood' })).toEqual([{ field: 'scale', message: 'must be one of wemwbs, swemwbs' }]);
  });

  it('records nothing for a person who has not joined', async () => {
    const { recorded, send } = setUp(false);
    await expect(send({})).rejects.toThrow(NotFoundError);
    expect(recorded).toEqual([]);
  });
});
