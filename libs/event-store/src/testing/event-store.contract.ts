import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { comparePositions, isAfter, type Position, type RecordedEvent, START, UpcasterRegistry } from '#libs/kernel';
import type { EventStore } from '../event-store.port.js';
import { WrongExpectedRevisionError } from '../errors.js';
import { metadata, tallied, uniqueStream } from './events.fixtures.js';

export interface ContractSubject {
  readonly store: EventStore;
  /** Closes the store and removes what it wrote. */
  dispose(): Promise<void>;
}

/** The upcasters every adapter under contract test is opened with. */
export function contractUpcasters(): UpcasterRegistry {
  return new UpcasterRegistry().register({
    type: 'tally.legacy_counted',
    fromVersion: 1,
    upcast: (data) => {
      const { count } = data as { count: number };
      return { n: count, source: 'legacy' };
    },
  });
}

/**
 * The behaviour every EventStore adapter promises. `open` gets a fresh, empty store opened with
 * `contractUpcasters()`; `reopen` (when the adapter persists) opens the same data again, as after
 * a restart.
 */
export function describeEventStoreContract(
  name: string,
  open: () => Promise<ContractSubject>,
  options: { reopen?: (previous: ContractSubject) => Promise<ContractSubject> } = {},
): void {
  describe(`EventStore contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: EventStore;

    // One store per suite: every test writes to streams of its own, so they do not meet.
    beforeAll(async () => {
      subject = await open();
      store = subject.store;
    });
    afterAll(async () => {
      await subject?.dispose();
    });

    /** On a shared server, another suite's open transaction may hold new events back briefly. */
    async function untilReadable(position: Position): Promise<void> {
      for (let i = 0; i < 2000 && comparePositions(await store.headPosition(), position) < 0; i++) await sleep(5);
    }

    async function readEverything(): Promise<RecordedEvent[]> {
      const all: RecordedEvent[] = [];
      let after: Position = START;
      for (;;) {
        const batch = await store.readAll({ after, limit: 50 });
        if (batch.length === 0) return all;
        all.push(...batch);
        after = batch[batch.length - 1].position;
      }
    }

    describe('append and readStream', () => {
      it('given no stream, when events are appended expecting no stream, then they read back in order with revisions from 0', async () => {
        const stream = uniqueStream();
        const result = await store.append(stream, [tallied(1), tallied(2), tallied(3)], 'no_stream');
        expect(result.nextExpectedRevision).toBe(2);
        expect(result.replayed).toBe(false);
        expect(result.eventIds).toHaveLength(3);

        const events = await store.readStream(stream);
        expect(events.map((e) => [e.revision, e.type, (e.data as { n: number }).n])).toEqual([
          [0, 'tally.counted', 1],
          [1, 'tally.counted', 2],
          [2, 'tally.counted', 3],
        ]);
        expect(events.map((e) => e.id)).toEqual(result.eventIds);
        expect(events[0].schemaVersion).toBe(1);
        expect(events[0].stream).toBe(stream);
        expect(events[0].metadata.actor).toBe('system:test');
        expect(new Date(events[0].metadata.recordedAt).getTime()).not.toBeNaN();
        expect(comparePositions(events[2].position, result.position)).toBe(0);
      });

      it('keeps the caller\'s event id and all metadata fields', async () => {
        const stream = uniqueStream();
        const id = randomUUID();
        const meta = metadata({ actor: 'user:coach-7', correlationId: 'corr-1', causationId: 'cause-1' });
        await store.append(stream, [{ id, type: 'tally.counted', schemaVersion: 1, data: { n: 1, nested: { ok: true } }, metadata: meta }], 'any');
        const [event] = await store.readStream(stream);
        expect(event.id).toBe(id);
        expect(event.data).toEqual({ n: 1, nested: { ok: true } });
        expect(event.metadata).toMatchObject(meta);
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(uniqueStream())).toEqual([]);
      });

      it('reads a stream from a revision', async () => {
        const stream = uniqueStream();
        await store.append(stream, [tallied(1), tallied(2), tallied(3)], 'no_stream');
        const tail = await store.readStream(stream, { fromRevision: 1 });
        expect(tail.map((e) => e.revision)).toEqual([1, 2]);
      });

      it('rejects a stream name that is not category-id', async () => {
        await expect(store.append('NoCategory', [tallied(1)], 'any')).rejects.toThrow('category-id');
      });
    });

    describe('optimistic concurrency', () => {
      it('given a stream at revision 1, when a writer expects revision 1, then it appends', async () => {
        const stream = uniqueStream();
        await store.append(stream, [tallied(1), tallied(2)], 'no_stream');
        const result = await store.append(stream, [tallied(3)], 1);
        expect(result.nextExpectedRevision).toBe(2);
      });

      it('given a stream at revision 1, when a writer expects revision 0, then it gets a typed conflict and nothing is appended', async () => {
        const stream = uniqueStream();
        await store.append(stream, [tallied(1), tallied(2)], 'no_stream');
        const attempt = store.append(stream, [tallied(3), tallied(4)], 0);
        await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(attempt).rejects.toMatchObject({ code: 'CONFLICT', actual: 1 });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('given an existing stream, when a writer expects no stream, then it conflicts', async () => {
        const stream = uniqueStream();
        await store.append(stream, [tallied(1)], 'no_stream');
        await expect(store.append(stream, [tallied(2)], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      });

      it('given no stream, when a writer expects an exact revision or an existing stream, then it conflicts', async () => {
        await expect(store.append(uniqueStream(), [tallied(1)], 0)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(store.append(uniqueStream(), [tallied(1)], 'stream_exists')).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
      });

      it('when two writers race on the same revision, then exactly one wins and the stream stays whole', async () => {
        const stream = uniqueStream();
        await store.append(stream, [tallied(0)], 'no_stream');
        const outcomes = await Promise.allSettled(
          Array.from({ length: 6 }, (_, i) => store.append(stream, [tallied(i + 1), tallied(i + 100)], 0)),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError);
        const events = await store.readStream(stream);
        expect(events.map((e) => e.revision)).toEqual([0, 1, 2]);
      });

      it('appends with "any" from many writers without losing one', async () => {
        const stream = uniqueStream();
        await Promise.all(Array.from({ length: 10 }, (_, i) => store.append(stream, [tallied(i)], 'any')));
        const events = await store.readStream(stream);
        expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(new Set(events.map((e) => (e.data as { n: number }).n)).size).toBe(10);
      });
    });

    describe('idempotency by command id', () => {
      it('given a command already appended, when it is appended again, then the first result returns and nothing new is written', async () => {
        const stream = uniqueStream();
        const commandId = randomUUID();
        const first = await store.append(stream, [tallied(1, commandId), tallied(2, commandId)], 'no_stream', { commandId });
        // A retry may even carry an expectation that no longer holds: it is the same command.
        const again = await store.append(stream, [tallied(1, commandId), tallied(2, commandId)], 'no_stream', { commandId });
        expect(again.replayed).toBe(true);
        expect(again.eventIds).toEqual(first.eventIds);
        expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
        expect(comparePositions(again.position, first.position)).toBe(0);
        expect(await store.readStream(stream)).toHaveLength(2);
        expect(await store.findCommand(commandId)).toMatchObject({ replayed: true, eventIds: first.eventIds });
      });

      it('takes the command id from the event metadata when none is passed', async () => {
        const stream = uniqueStream();
        const commandId = randomUUID();
        await store.append(stream, [tallied(1, commandId)], 'any');
        const again = await store.append(stream, [tallied(1, commandId)], 'any');
        expect(again.replayed).toBe(true);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('when the same command is sent concurrently, then it is appended once', async () => {
        const stream = uniqueStream();
        const commandId = randomUUID();
        const results = await Promise.all(
          Array.from({ length: 5 }, () => store.append(stream, [tallied(1, commandId)], 'any', { commandId })),
        );
        expect(results.filter((r) => !r.replayed)).toHaveLength(1);
        expect(new Set(results.map((r) => r.eventIds[0])).size).toBe(1);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('knows nothing of a command never sent', async () => {
        expect(await store.findCommand(randomUUID())).toBeUndefined();
      });

      if (options.reopen) {
        it('remembers a command after a restart', async () => {
          const stream = uniqueStream();
          const commandId = randomUUID();
          const first = await store.append(stream, [tallied(1, commandId)], 'no_stream', { commandId });
          subject = await options.reopen!(subject);
          store = subject.store;
          const again = await store.append(stream, [tallied(1, commandId)], 'no_stream', { commandId });
          expect(again).toMatchObject({ replayed: true, eventIds: first.eventIds });
          expect(await store.readStream(stream)).toHaveLength(1);
        });
      }
    });

    describe('readAll', () => {
      it('returns every stream\'s events in one global order, in batches that resume after a position', async () => {
        const a = uniqueStream();
        const b = uniqueStream();
        await store.append(a, [tallied(1), tallied(2)], 'no_stream');
        await store.append(b, [tallied(3)], 'no_stream');
        await untilReadable((await store.append(a, [tallied(4)], 1)).position);

        const all = (await readEverything()).filter((e) => e.stream === a || e.stream === b);
        expect(all.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4]);
        for (let i = 1; i < all.length; i++) expect(isAfter(all[i].position, all[i - 1].position)).toBe(true);

        const firstTwo = await store.readAll({ after: START, limit: 2 });
        expect(firstTwo).toHaveLength(2);
        const rest = await store.readAll({ after: firstTwo[1].position, limit: 100 });
        expect(rest.some((e) => e.id === firstTwo[0].id || e.id === firstTwo[1].id)).toBe(false);
      });

      it('reports the head position as that of the last event', async () => {
        await untilReadable((await store.append(uniqueStream(), [tallied(1), tallied(2)], 'no_stream')).position);
        const all = await readEverything();
        expect(comparePositions(await store.headPosition(), all[all.length - 1].position)).toBe(0);
      });

      it('rejects a batch size below 1', async () => {
        await expect(store.readAll({ after: START, limit: 0 })).rejects.toThrow('limit');
      });
    });

    describe('upcasting on every read path', () => {
      it('given a v1 event of an old shape, then readStream, readAll and subscribeAll return the current shape', async () => {
        const stream = uniqueStream();
        const written = await store.append(
          stream,
          [{ type: 'tally.legacy_counted', schemaVersion: 1, data: { count: 7 }, metadata: metadata() }],
          'no_stream',
        );
        await untilReadable(written.position);
        const expected = { type: 'tally.legacy_counted', schemaVersion: 2, data: { n: 7, source: 'legacy' } };
        const [fromStream] = await store.readStream(stream);
        expect(fromStream).toMatchObject(expected);
        const fromAll = (await readEverything()).find((e) => e.stream === stream);
        expect(fromAll).toMatchObject(expected);

        const subscription = store.subscribeAll({ after: START });
        try {
          for await (const batch of subscription) {
            const found = batch.find((e) => e.stream === stream);
            if (found) {
              expect(found).toMatchObject(expected);
              break;
            }
          }
        } finally {
          await subscription.close();
        }
      });
    });

    describe('subscribeAll', () => {
      it('catches up from a position, then delivers a new event within a second of its append', async () => {
        const stream = uniqueStream();
        await store.append(stream, [tallied(1)], 'no_stream');
        const start = await store.headPosition();
        const subscription = store.subscribeAll({ after: START, batchSize: 10 });
        const seen: RecordedEvent[] = [];
        let appendedAt = 0;
        let deliveredAt = 0;
        const reading = (async () => {
          for await (const batch of subscription) {
            seen.push(...batch);
            if (batch.some((e) => e.stream === stream && e.revision === 1)) {
              deliveredAt = Date.now();
              return;
            }
          }
        })();
        // Let the subscription reach the live end before the new append.
        for (let i = 0; i < 100 && !seen.some((e) => comparePositions(e.position, start) === 0); i++) await sleep(20);
        await sleep(100);
        appendedAt = Date.now();
        await store.append(stream, [tallied(2)], 0);
        await reading;
        await subscription.close();
        expect(deliveredAt - appendedAt).toBeLessThan(1000);
        const mine = seen.filter((e) => e.stream === stream).map((e) => e.revision);
        expect(mine).toEqual([0, 1]);
      });

      it('ends its iteration when closed', async () => {
        const subscription = store.subscribeAll({ after: await store.headPosition() });
        const iterating = (async () => {
          let batches = 0;
          for await (const _ of subscription) batches++;
          return batches;
        })();
        await sleep(50);
        await subscription.close();
        await expect(iterating).resolves.toBe(0);
      });
    });

    it('answers ping while reachable', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
