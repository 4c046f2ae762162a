import { createServer } from 'node:net';
import { inspect } from 'node:util';
import {
  ANY,
  AccessDeniedError,
  DeadlineExceededError,
  EventStoreDBClient,
  START as ESDB_START,
  MaxAppendSizeExceededError,
  NO_STREAM,
  STREAM_EXISTS,
  UnavailableError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
// The client's own decoder and wire messages: what the client does with a server's answer.
import { convertGrpcRecord } from '@eventstore/db-client/dist/utils/convertGrpcEvent.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import fc from 'fast-check';
import { START, ValidationError, isUuid, type NewEvent, type Position } from '#libs/kernel';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import { contractUpcasters } from '../testing/index.js';
import { metadata, tallied } from '../testing/events.fixtures.js';
import { EventStoreDbEventStore, openEventStoreDbEventStore } from './eventstoredb-event-store.js';
import {
  COMMAND_EVENT_TYPE,
  commandEventId,
  commandStream,
  describeConnectionTarget,
  eventsAfter,
  fromCommandRecord,
  fromEsdbCurrentRevision,
  fromEsdbPosition,
  fromEsdbRevision,
  isStartPosition,
  isSystemEvent,
  meetsExpectation,
  toCommandRecord,
  toEsdbExpectedRevision,
  toEsdbReadPosition,
  toEventData,
  toRecordedEvent,
  toStoreError,
  toWrongExpectedRevision,
  validateNewEvents,
} from './eventstoredb-mapping.js';

const TICKS_PER_MS = 10_000n;

/**
 * What the client hands back for an event it wrote: the gRPC record a server returns, holding
 * the bytes the client sent (batchAppend writes `JSON.stringify(data)` and
 * `JSON.stringify(metadata)`), decoded by the client's own `convertGrpcRecord`.
 */
function asReadBack(
  sent: ReturnType<typeof toEventData>,
  at: { stream: string; revision: bigint; commit: bigint; prepare: bigint; created: string },
): EsdbRecordedEvent {
  const record = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  const id = new sharedPb.UUID();
  id.setString(sent.id);
  record.setId(id);
  const stream = new sharedPb.StreamIdentifier();
  stream.setStreamName(Buffer.from(at.stream, 'utf8'));
  record.setStreamIdentifier(stream);
  record.setStreamRevision(at.revision.toString());
  record.setCommitPosition(at.commit.toString());
  record.setPreparePosition(at.prepare.toString());
  record.getMetadataMap().set('type', sent.type);
  record.getMetadataMap().set('content-type', sent.contentType);
  record.getMetadataMap().set('created', (BigInt(Date.parse(at.created)) * TICKS_PER_MS).toString());
  record.setData(Buffer.from(JSON.stringify(sent.data), 'utf8'));
  record.setCustomMetadata(Buffer.from(JSON.stringify(sent.metadata), 'utf8'));
  return convertGrpcRecord(record);
}

function event(data: unknown, overrides: Partial<NewEvent> = {}): NewEvent {
  return { type: 'tally.counted', schemaVersion: 1, data, metadata: metadata(), ...overrides };
}

const at = { stream: 'tally-1', revision: 4n, commit: 1_000n, prepare: 1_200n, created: '2026-03-02T10:00:01.234Z' };

describe('EventStoreDB mapping', () => {
  describe('expected revisions', () => {
    it('maps the three keywords to the client\'s constants and a revision to a bigint', () => {
      expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
      expect(toEsdbExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
      expect(toEsdbExpectedRevision('any')).toBe(ANY);
      expect(toEsdbExpectedRevision(0)).toBe(0n);
      expect(toEsdbExpectedRevision(41)).toBe(41n);
    });

    it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('refuses %p, which the server would misread', (bad) => {
      expect(() => toEsdbExpectedRevision(bad)).toThrow(ValidationError);
      expect(() => toEsdbExpectedRevision(bad)).toThrow('expectedRevision');
    });

    it('converts bigint revisions to numbers and refuses ones a number cannot hold', () => {
      expect(fromEsdbRevision(0n)).toBe(0);
      expect(fromEsdbRevision(123n)).toBe(123);
      expect(() => fromEsdbRevision(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(RangeError);
      expect(() => fromEsdbRevision(-1n)).toThrow(RangeError);
      expect(fromEsdbCurrentRevision(NO_STREAM)).toBe('no_stream');
      expect(fromEsdbCurrentRevision(7n)).toBe(7);
    });

    it.each([
      ['any', undefined, true],
      ['any', 3, true],
      ['no_stream', undefined, true],
      ['no_stream', 0, false],
      ['stream_exists', undefined, false],
      ['stream_exists', 0, true],
      [2, 2, true],
      [2, 1, false],
      [0, undefined, false],
    ] as const)('expectation %p on a stream at %p is met: %p', (expected, current, met) => {
      expect(meetsExpectation(expected, current)).toBe(met);
    });
  });

  describe('conflicts', () => {
    it('turns the client\'s WrongExpectedVersionError (as batch append builds it) into our typed conflict', () => {
      const details = new sharedPb.WrongExpectedVersion();
      details.setExpectedStreamPosition('0');
      details.setCurrentStreamRevision('1');
      const clientError = WrongExpectedVersionError.fromWrongExpectedVersion(details, 'tally-1');

      const conflict = toWrongExpectedRevision('tally-1', 0, clientError);
      expect(conflict).toBeInstanceOf(WrongExpectedRevisionError);
      expect(conflict).toMatchObject({ code: 'CONFLICT', stream: 'tally-1', expected: 0, actual: 1 });
    });

    it('reports a missing stream as actual "no_stream"', () => {
      const details = new sharedPb.WrongExpectedVersion();
      details.setExpectedStreamPosition('3');
      const clientError = WrongExpectedVersionError.fromWrongExpectedVersion(details, 'tally-1');
      expect(clientError.actualVersion).toBe(NO_STREAM);
      expect(toWrongExpectedRevision('tally-1', 3, clientError)).toMatchObject({ actual: 'no_stream' });
    });

    it('keeps the client\'s revision when it builds the error from its fields', () => {
      const clientError = new WrongExpectedVersionError(undefined, { streamName: 'tally-1', expected: NO_STREAM, current: 4n });
      expect(toWrongExpectedRevision('tally-1', 'no_stream', clientError)).toMatchObject({ expected: 'no_stream', actual: 4 });
    });
  });

  describe('positions', () => {
    it('reads "after START" from the client\'s START and other positions as they are', () => {
      expect(toEsdbReadPosition(START)).toBe(ESDB_START);
      expect(isStartPosition(START)).toBe(true);
      expect(toEsdbReadPosition({ commit: 5n, prepare: 3n })).toEqual({ commit: 5n, prepare: 3n });
      expect(fromEsdbPosition({ commit: 9n, prepare: 9n })).toEqual({ commit: 9n, prepare: 9n });
    });

    it('given events of one append sharing a commit position, a batch boundary inside them loses and repeats none', () => {
      const p = (commit: bigint, prepare: bigint) => ({ position: { commit, prepare } });
      const log = [p(100n, 100n), p(100n, 150n), p(100n, 200n), p(300n, 300n)];
      // A reader that stopped after the second event of the commit-100 append:
      expect(eventsAfter({ commit: 100n, prepare: 150n }, log)).toEqual([p(100n, 200n), p(300n, 300n)]);
      expect(eventsAfter(START, [log[3], log[1], log[0], log[2]])).toEqual(log);
    });

    it('paging with eventsAfter visits every event exactly once, in order, for any page sizes', () => {
      const positions = fc
        .uniqueArray(fc.tuple(fc.bigInt({ min: 0n, max: 50n }), fc.bigInt({ min: 0n, max: 50n })), {
          selector: ([c, p]) => `${c}/${p}`,
          maxLength: 60,
        })
        .map((pairs) => pairs.map(([commit, prepare]) => ({ position: { commit, prepare } })));
      fc.assert(
        fc.property(positions, fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1 }), (events, sizes) => {
          const seen: Position[] = [];
          let after: Position = START;
          for (let i = 0; ; i++) {
            const page = eventsAfter(after, events).slice(0, sizes[i % sizes.length]);
            if (page.length === 0) break;
            seen.push(...page.map((e) => e.position));
            after = page[page.length - 1].position;
          }
          const expected = eventsAfter(START, events).map((e) => e.position);
          expect(seen).toEqual(expected);
        }),
      );
    });
  });

  describe('system events', () => {
    it.each([
      ['$epoch-information', '$epoch-information', true],
      ['$stats-127.0.0.1:2113', '$statsCollected', true],
      ['$$tally-1', '$metadata', true],
      ['$command-1f6f', COMMAND_EVENT_TYPE, true],
      ['tally-1', '$>', true],
      ['tally-1', 'tally.counted', false],
    ])('stream %p, type %p is a system event: %p', (streamId, type, system) => {
      expect(isSystemEvent({ streamId, type })).toBe(system);
    });

    it('agrees with the server-side filter the subscription uses for event types', () => {
      const regex = new RegExp(excludeSystemEvents().regex);
      for (const type of ['$epoch-information', '$>', COMMAND_EVENT_TYPE, 'tally.counted']) {
        expect(regex.test(type)).toBe(!isSystemEvent({ streamId: 'tally-1', type }));
      }
    });

    it('keeps command records in a system stream, out of the domain\'s category-id names', () => {
      expect(commandStream('abc')).toBe('$command-abc');
      expect(isSystemEvent({ streamId: commandStream('abc'), type: COMMAND_EVENT_TYPE })).toBe(true);
    });
  });

  describe('writing', () => {
    it('derives the same event ids from the same command, and distinct ones per position and command', () => {
      const a = commandEventId('cmd-1', 0);
      expect(isUuid(a)).toBe(true);
      expect(commandEventId('cmd-1', 0)).toBe(a);
      expect(commandEventId('cmd-1', 1)).not.toBe(a);
      expect(commandEventId('cmd-2', 0)).not.toBe(a);
    });

    it('writes a JSON event with the metadata, ESDB\'s $correlationId/$causationId and the schema version', () => {
      const meta = metadata({ actor: 'user:coach-7', correlationId: 'corr-1', causationId: 'cause-1' });
      const sent = toEventData(event({ n: 1 }, { schemaVersion: 3, metadata: meta }), 'a0b1c2d3-0000-4000-8000-000000000001');
      expect(sent).toMatchObject({ id: 'a0b1c2d3-0000-4000-8000-000000000001', contentType: 'application/json', type: 'tally.counted', data: { n: 1 } });
      expect(sent.metadata).toEqual({ ...meta, schemaVersion: 3, $correlationId: 'corr-1', $causationId: 'cause-1' });
    });

    it('refuses what the SQL adapter refuses, with the same fields named', () => {
      expect(() => validateNewEvents([event({}, { type: 'Bad Type' })])).toThrow('events[0].type');
      expect(() => validateNewEvents([event({}, { schemaVersion: 0 })])).toThrow('events[0].schemaVersion');
      expect(() => validateNewEvents([event({}, { metadata: { ...metadata(), commandId: '' } })])).toThrow('events[0].metadata');
      expect(() => validateNewEvents([event({ n: 1 })])).not.toThrow();
    });
  });

  describe('reading back through the client\'s decoder', () => {
    it.each([
      ['an object', { n: 1, nested: { ok: true, list: [1, 'two', null] } }],
      ['a string that looks like a number', '123'],
      ['a number', 5],
      ['null', null],
      ['an array', [1, 2]],
    ])('round-trips %s, the metadata, the schema version and the position', (_label, data) => {
      const meta = metadata({ actor: 'user:coach-7', correlationId: 'corr-1', causationId: 'cause-1' });
      const sent = toEventData(event(data, { schemaVersion: 2, metadata: meta }), 'a0b1c2d3-0000-4000-8000-000000000002');

      expect(toRecordedEvent(asReadBack(sent, at))).toEqual({
        id: 'a0b1c2d3-0000-4000-8000-000000000002',
        stream: 'tally-1',
        revision: 4,
        position: { commit: 1_000n, prepare: 1_200n },
        type: 'tally.counted',
        schemaVersion: 2,
        data,
        metadata: { ...meta, recordedAt: '2026-03-02T10:00:01.234Z' },
      });
    });

    it('stores undefined data as null', () => {
      const sent = toEventData(event(undefined), 'a0b1c2d3-0000-4000-8000-000000000003');
      expect(toRecordedEvent(asReadBack(sent, at)).data).toBeNull();
    });

    it('gives the upcasters the stored schema version, so old shapes read in their current one', () => {
      const sent = toEventData(event({ count: 7 }, { type: 'tally.legacy_counted' }), 'a0b1c2d3-0000-4000-8000-000000000004');
      const upcast = contractUpcasters().upcast(toRecordedEvent(asReadBack(sent, at)));
      expect(upcast).toMatchObject({ type: 'tally.legacy_counted', schemaVersion: 2, data: { n: 7, source: 'legacy' } });
    });

    it('reads an event written by another tool (no metadata, binary JSON) as schema version 1', () => {
      const foreign: EsdbRecordedEvent = {
        streamId: 'other-1',
        id: 'a0b1c2d3-0000-4000-8000-000000000005',
        isJson: false,
        revision: 0n,
        type: 'other.thing',
        created: new Date('2026-01-01T00:00:00.000Z'),
        data: new Uint8Array(Buffer.from('{"x":1}')),
        metadata: undefined,
        position: { commit: 1n, prepare: 1n },
      };
      expect(toRecordedEvent(foreign)).toMatchObject({
        schemaVersion: 1,
        data: { x: 1 },
        metadata: { actor: '', commandId: '', recordedAt: '2026-01-01T00:00:00.000Z' },
      });
    });

    it('refuses an event without a log position (servers before 22.6)', () => {
      const sent = toEventData(event({ n: 1 }), 'a0b1c2d3-0000-4000-8000-000000000006');
      const readBack = { ...asReadBack(sent, at), position: undefined } as EsdbRecordedEvent;
      expect(() => toRecordedEvent(readBack)).toThrow('22.6');
    });
  });

  describe('command records', () => {
    it('round-trips an append result through JSON, positions beyond 2^53 included, as a replay', () => {
      const result = {
        stream: 'tally-1',
        nextExpectedRevision: 2,
        position: { commit: 2n ** 60n + 1n, prepare: 2n ** 60n + 7n },
        eventIds: ['a', 'b', 'c'],
        replayed: false,
      };
      const stored = JSON.parse(JSON.stringify(toCommandRecord(result)));
      expect(fromCommandRecord(stored)).toEqual({ ...result, replayed: true });
    });

    it.each([null, {}, { stream: 'tally-1', nextExpectedRevision: 1, commit: 'x', prepare: '1', eventIds: [] }])(
      'refuses a record it did not write: %p',
      (bad) => {
        expect(() => fromCommandRecord(bad)).toThrow('command record');
      },
    );
  });

  describe('connection strings and errors', () => {
    const secret = 'changeit-s3cret';

    it.each([
      [`esdb://admin:${secret}@eventstore:2113?tls=false`, 'esdb://eventstore:2113'],
      [`esdb+discover://admin:${secret}@cluster.example:2113?tlsCAFile=/certs/ca.crt`, 'esdb+discover://cluster.example:2113'],
      [`esdb://user:p@ss${secret}@a:2113,b:2113/?nodePreference=leader`, 'esdb://a:2113,b:2113'],
      ['esdb://localhost:2113?tls=false', 'esdb://localhost:2113'],
      [`http://admin:${secret}@host`, 'an address that is not an esdb:// connection string'],
    ])('describes %p without credentials or options as %p', (connectionString, described) => {
      expect(describeConnectionTarget(connectionString)).toBe(described);
    });

    it('maps the client\'s connection errors to EventStoreUnavailableError naming EVENTSTORE_CONNECTION_STRING', () => {
      const target = 'esdb://eventstore:2113';
      for (const clientError of [new UnavailableError(), new DeadlineExceededError(), new AccessDeniedError()]) {
        const mapped = toStoreError(clientError, target);
        expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
        expect((mapped as Error).message).toContain('EVENTSTORE_CONNECTION_STRING');
        expect((mapped as Error).message).toContain(target);
      }
      expect((toStoreError(new DeadlineExceededError(), target) as Error).message).toContain('same command id is safe');
      expect((toStoreError(new AccessDeniedError(), target) as Error).message).toContain('refused');
    });

    it('maps a raw gRPC UNAVAILABLE status (before the client converts it) the same way', () => {
      const raw = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
      expect(toStoreError(raw, 'esdb://x:2113')).toBeInstanceOf(EventStoreUnavailableError);
    });

    it('leaves conflicts, validation errors and other failures as they are; an oversize append is invalid input', () => {
      const conflict = new WrongExpectedRevisionError('tally-1', 0, 1);
      const invalid = new ValidationError('bad', 'field');
      const bug = new TypeError('bug');
      expect(toStoreError(conflict, 't')).toBe(conflict);
      expect(toStoreError(invalid, 't')).toBe(invalid);
      expect(toStoreError(bug, 't')).toBe(bug);
      expect(toStoreError(MaxAppendSizeExceededError.fromMaxAppendSize(1024), 't')).toBeInstanceOf(ValidationError);
    });

    it('refuses a connection string that is not esdb:// without echoing it', async () => {
      const attempt = openEventStoreDbEventStore({ connectionString: `http://admin:${secret}@host:2113` });
      await expect(attempt).rejects.toBeInstanceOf(EventStoreUnavailableError);
      const error = await attempt.catch((e: unknown) => e);
      expect((error as Error).message).toContain('EVENTSTORE_CONNECTION_STRING');
      expect(inspect(error, { depth: 10 })).not.toContain(secret);
    });

    it('given no server at the address, opening fails as unavailable, naming the variable and never the password', async () => {
      const port = await closedPort();
      const attempt = openEventStoreDbEventStore({ connectionString: `esdb://admin:${secret}@127.0.0.1:${port}?tls=false` });
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect((error as Error).message).toContain('EVENTSTORE_CONNECTION_STRING');
      expect((error as Error).message).toContain(`esdb://127.0.0.1:${port}`);
      expect(inspect(error, { depth: 10 })).not.toContain(secret);
    });
  });
});

describe('EventStoreDbEventStore with the real client and no server at the address', () => {
  let store: EventStoreDbEventStore;
  beforeAll(async () => {
    const port = await closedPort();
    store = new EventStoreDbEventStore(EventStoreDBClient.connectionString(`esdb://127.0.0.1:${port}?tls=false`), {
      target: `esdb://127.0.0.1:${port}`,
    });
  });
  afterAll(() => store.close());

  it('refuses invalid input before any I/O, as the contract expects', async () => {
    await expect(store.append('NoCategory', [tallied(1)], 'any')).rejects.toThrow('category-id');
    await expect(store.append('tally-1', [tallied(1)], -1)).rejects.toThrow('expectedRevision');
    await expect(store.readAll({ after: START, limit: 0 })).rejects.toThrow('limit');
  });

  it.each([
    ['append', (s: EventStoreDbEventStore) => s.append('tally-1', [tallied(1)], 'no_stream')],
    ['findCommand', (s: EventStoreDbEventStore) => s.findCommand('cmd-1')],
    ['readStream', (s: EventStoreDbEventStore) => s.readStream('tally-1')],
    ['readAll', (s: EventStoreDbEventStore) => s.readAll({ after: START, limit: 10 })],
    ['headPosition', (s: EventStoreDbEventStore) => s.headPosition()],
    ['ping', (s: EventStoreDbEventStore) => s.ping()],
  ])('%s fails as EventStoreUnavailableError', async (_name, call) => {
    await expect(call(store)).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('a subscription ends its iteration with EventStoreUnavailableError', async () => {
    const subscription = store.subscribeAll({ after: START });
    const iterating = (async () => {
      for await (const _ of subscription) {
        // no batch can arrive
      }
    })();
    await expect(iterating).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await subscription.close();
  });

  it('a subscription closed before anything arrives ends without a batch', async () => {
    const subscription = store.subscribeAll({ after: START });
    const iterator = subscription[Symbol.asyncIterator]();
    await subscription.close();
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
  });
});

/** A loopback port nothing listens on (it was free a moment ago). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
