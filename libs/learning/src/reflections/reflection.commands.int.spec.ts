import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, UpcasterRegistry, ValidationError } from '#libs/kernel';
import { CommandExecutor, commandContext } from '#libs/capture';
import { BACKENDS, openProjectionHarness, type ProjectionHarness } from '../../../projections/src/testing/index.js';
import { timelineProjection } from '../timeline/timeline.projection.js';
import { LearningTimelineQueries } from '../timeline/timeline.queries.js';
import {
  RecordReflection,
  RecordReflectionHandler,
  type RecordReflectionInput,
  ReviseReflection,
  ReviseReflectionHandler,
  WithdrawReflection,
  WithdrawReflectionHandler,
} from './reflection.commands.js';
import { reflectionStream } from './reflection.events.js';

describe.each(BACKENDS)('recording, revising and withdrawing reflections (%s)', (backend) => {
  let h: ProjectionHarness;
  let timeline: LearningTimelineQueries;
  let handlers: { record: RecordReflectionHandler; revise: ReviseReflectionHandler; withdraw: WithdrawReflectionHandler };
  const now = new Date('2026-03-20T10:00:00.000Z');
  const theme = randomUUID();
  const context = (commandId?: string) => commandContext({ actor: 'user:leader-1', commandId, now });

  beforeEach(async () => {
    h = await openProjectionHarness(backend, [timelineProjection]);
    await h.runner.start();
    const executor = new CommandExecutor(h.store, h.runner, new UpcasterRegistry());
    handlers = { record: new RecordReflectionHandler(executor), revise: new ReviseReflectionHandler(executor), withdraw: new WithdrawReflectionHandler(executor) };
    timeline = new LearningTimelineQueries(h.db);
  });
  afterEach(() => h.dispose());

  const input = (overrides: Partial<RecordReflectionInput> = {}): RecordReflectionInput => ({
    learningQuestion: '  What helps people stay connected after coaching ends?  ',
    whatHappened: 'Planned endings with a community group introduction went well.',
    insight: 'Introductions before the ending matter.',
    decision: 'Plan every ending with an introduction.',
    themeIds: [theme, theme.toUpperCase()],
    occurredOn: '2026-03-18',
    ...overrides,
  });
  const refusal = (run: () => Promise<unknown>) => run().then(() => undefined, (error: unknown) => error);
  const reflections = async () => (await timeline.list({})).edges.map((e) => e.node.reflection);

  it('records a reflection (trimmed, linked themes once each) and shows it on the timeline when the command answers', async () => {
    const receipt = await handlers.record.execute(new RecordReflection(input(), context()));
    expect(receipt).toMatchObject({ revision: 0, replayed: false });
    expect(await reflections()).toEqual([
      expect.objectContaining({
        id: receipt.id,
        revision: 0,
        learningQuestion: 'What helps people stay connected after coaching ends?',
        decision: 'Plan every ending with an introduction.',
        experiment: null,
        themes: [{ id: theme, name: null }],
        reports: [],
        occurredOn: '2026-03-18',
        recordedBy: 'user:leader-1',
      }),
    ]);
  });

  it('given the same command id sent twice, then the reflection is recorded once and the retry gets the first receipt', async () => {
    const commandId = randomUUID();
    const first = await handlers.record.execute(new RecordReflection(input(), context(commandId)));
    const retry = await handlers.record.execute(new RecordReflection(input(), context(commandId)));
    expect(retry).toEqual({ ...first, replayed: true });
    expect(await h.store.readStream(reflectionStream(first.id))).toHaveLength(1);
    expect(await reflections()).toHaveLength(1);
  });

  it('refuses input over the length limits or missing, naming every field and recording nothing', async () => {
    const error = await refusal(() =>
      handlers.record.execute(
        new RecordReflection(
          input({ learningQuestion: 'x'.repeat(501), insight: ' ', experiment: 'y'.repeat(2001), themeIds: ['not-an-id'], occurredOn: '2026-03-21' }),
          context(),
        ),
      ),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([
      { field: 'learningQuestion', message: 'must be at most 500 characters' },
      { field: 'insight', message: 'is required' },
      { field: 'experiment', message: 'must be at most 2000 characters' },
      { field: 'themeIds[0]', message: 'must be an id (UUID)' },
      { field: 'occurredOn', message: 'cannot be in the future' },
    ]);
    expect(await reflections()).toEqual([]);
  });

  it('revises a reflection: the decision taken out, an experiment added; a revision that changes nothing records nothing', async () => {
    const { id } = await handlers.record.execute(new RecordReflection(input(), context()));
    const revised = await handlers.revise.execute(
      new ReviseReflection({ reflectionId: id, removeDecision: true, experiment: 'We will try a leaving celebration.', reason: 'Decision reversed' }, context()),
    );
    expect(revised.revision).toBe(1);
    expect((await reflections())[0]).toMatchObject({ revision: 1, decision: null, experiment: 'We will try a leaving celebration.', revisionReason: 'Decision reversed' });
    const same = await handlers.revise.execute(new ReviseReflection({ reflectionId: id, experiment: 'We will try a leaving celebration.' }, context()));
    expect(same.revision).toBe(1);
    expect(await h.store.readStream(reflectionStream(id))).toHaveLength(2);
  });

  it('refuses a revision with nothing in it, or with a decision both given and removed', async () => {
    const { id } = await handlers.record.execute(new RecordReflection(input(), context()));
    const empty = await refusal(() => handlers.revise.execute(new ReviseReflection({ reflectionId: id }, context())));
    expect((empty as ValidationError).problems).toEqual([{ field: 'input', message: 'give at least one correction' }]);
    const both = await refusal(() => handlers.revise.execute(new ReviseReflection({ reflectionId: id, decision: 'x', removeDecision: true }, context())));
    expect((both as ValidationError).problems).toEqual([{ field: 'removeDecision', message: 'cannot be set together with a new decision' }]);
  });

  it('withdraws a reflection with a reason: it leaves the timeline and cannot be revised or withdrawn again', async () => {
    const { id } = await handlers.record.execute(new RecordReflection(input(), context()));
    await handlers.withdraw.execute(new WithdrawReflection({ reflectionId: id, reason: 'Recorded twice' }, context()));
    expect(await reflections()).toEqual([]);
    // Asked for, it is still there, with why it was withdrawn.
    const withdrawn = (await timeline.list({ includeWithdrawn: true })).edges.map((e) => e.node.reflection);
    expect(withdrawn).toEqual([expect.objectContaining({ id, withdrawal: expect.objectContaining({ reason: 'Recorded twice', withdrawnBy: 'user:leader-1' }) })]);
    expect(await refusal(() => handlers.revise.execute(new ReviseReflection({ reflectionId: id, insight: 'x' }, context())))).toBeInstanceOf(ConflictError);
    expect(await refusal(() => handlers.withdraw.execute(new WithdrawReflection({ reflectionId: id, reason: 'again' }, context())))).toBeInstanceOf(ConflictError);
  });

  it('says NOT_FOUND for a reflection that was never recorded, and appends nothing', async () => {
    const id = randomUUID();
    expect(await refusal(() => handlers.revise.execute(new ReviseReflection({ reflectionId: id, insight: 'x' }, context())))).toBeInstanceOf(NotFoundError);
    expect(await refusal(() => handlers.withdraw.execute(new WithdrawReflection({ reflectionId: id, reason: 'x' }, context())))).toBeInstanceOf(NotFoundError);
    expect(await h.store.readStream(reflectionStream(id))).toEqual([]);
  });
});
