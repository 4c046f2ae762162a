import { randomUUID } from 'node:crypto';
import { ConflictError, type Decider, UpcasterRegistry, ValidationError } from '#libs/kernel';
import { openEmbeddedEventStore } from './adapters.js';
import { handleCommand, loadState, type CommandEnvelope } from './command-handling.js';
import type { EventStore } from './event-store.port.js';
import { WrongExpectedRevisionError } from './errors.js';

// A small pot of tokens that may never go below zero: enough rules to show the handler's job.
type PotEvent = { type: 'pot.funded'; data: { amount: number } } | { type: 'pot.spent'; data: { amount: number } };
type PotCommand = { kind: 'fund'; amount: number } | { kind: 'spend'; amount: number };
type PotState = { balance: number };

const pot: Decider<PotCommand, PotEvent, PotState> = {
  initialState: { balance: 0 },
  evolve: (state, event) =>
    event.type === 'pot.funded' ? { balance: state.balance + event.data.amount } : { balance: state.balance - event.data.amount },
  decide: (command, state) => {
    if (command.amount <= 0) throw new ValidationError('must be above zero', 'amount');
    if (command.kind === 'fund') return [{ type: 'pot.funded', data: { amount: command.amount } }];
    if (command.amount > state.balance) throw new ConflictError('The pot does not hold that much.');
    return [{ type: 'pot.spent', data: { amount: command.amount } }];
  },
};

describe('handling a command: load, decide, append', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = await openEmbeddedEventStore({});
  });
  afterAll(() => store.close());

  const envelope = (overrides: Partial<CommandEnvelope> = {}): CommandEnvelope => ({
    commandId: randomUUID(),
    actor: 'user:coach-1',
    occurredAt: '2026-04-01T12:00:00.000Z',
    ...overrides,
  });
  const run = (stream: string, command: PotCommand, env = envelope(), upcasters?: UpcasterRegistry) =>
    handleCommand({ store, stream, decider: pot, command, envelope: env, upcasters });

  it('given a funded pot, when spending within the balance, then a spent event is appended with the metadata', async () => {
    const stream = `pot-${randomUUID()}`;
    await run(stream, { kind: 'fund', amount: 50 });
    const env = envelope({ correlationId: 'journey-1' });
    const outcome = await run(stream, { kind: 'spend', amount: 20 }, env);
    expect(outcome).toMatchObject({ revision: 1, replayed: false });
    const events = await store.readStream(stream);
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['pot.funded', { amount: 50 }],
      ['pot.spent', { amount: 20 }],
    ]);
    expect(events[1].metadata).toMatchObject({
      actor: 'user:coach-1',
      commandId: env.commandId,
      correlationId: 'journey-1',
      causationId: env.commandId,
      occurredAt: '2026-04-01T12:00:00.000Z',
    });
    expect((await loadState(store, stream, pot)).state.balance).toBe(30);
  });

  it('given a pot, when spending more than it holds, then the decision is refused and nothing is appended', async () => {
    const stream = `pot-${randomUUID()}`;
    await run(stream, { kind: 'fund', amount: 10 });
    await expect(run(stream, { kind: 'spend', amount: 11 })).rejects.toThrow('The pot does not hold that much.');
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('when the same command is sent again after the state moved on, then the first outcome returns and nothing is appended', async () => {
    const stream = `pot-${randomUUID()}`;
    await run(stream, { kind: 'fund', amount: 10 });
    const env = envelope();
    const first = await run(stream, { kind: 'spend', amount: 10 }, env);
    // The balance is now 0: deciding again would refuse, but it is the same command.
    const again = await run(stream, { kind: 'spend', amount: 10 }, env);
    expect(again).toMatchObject({ replayed: true, eventIds: first.eventIds, revision: first.revision });
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('runs a command\'s preparation for a new command id only: a retry gets its first outcome without it', async () => {
    const stream = `pot-${randomUUID()}`;
    const env = envelope();
    let prepared = 0;
    const prepare = async (): Promise<PotCommand> => {
      prepared += 1;
      if (prepared > 1) throw new ConflictError('a check that would fail now');
      return { kind: 'fund', amount: 5 };
    };
    const first = await handleCommand({ store, stream, decider: pot, command: prepare, envelope: env });
    const again = await handleCommand({ store, stream, decider: pot, command: prepare, envelope: env });
    expect(prepared).toBe(1);
    expect(again).toEqual({ ...first, replayed: true });
    await expect(handleCommand({ store, stream, decider: pot, command: prepare, envelope: envelope() })).rejects.toThrow(ConflictError);
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('when the caller saw an older revision, then it gets a conflict', async () => {
    const stream = `pot-${randomUUID()}`;
    await run(stream, { kind: 'fund', amount: 10 });
    await run(stream, { kind: 'fund', amount: 10 });
    await expect(run(stream, { kind: 'spend', amount: 5 }, envelope({ expectedRevision: 0 }))).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
  });

  it('writes new events at the schema version the upcaster registry says is current', async () => {
    const stream = `pot-${randomUUID()}`;
    const upcasters = new UpcasterRegistry().register({ type: 'pot.funded', fromVersion: 1, upcast: (d) => d });
    await run(stream, { kind: 'fund', amount: 1 }, envelope(), upcasters);
    const [event] = await store.readStream(stream);
    expect(event.schemaVersion).toBe(2);
  });
});
