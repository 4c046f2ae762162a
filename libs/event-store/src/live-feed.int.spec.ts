import { openEmbeddedEventStore } from './adapters.js';
import { LiveFeed } from './live-feed.js';
import { metadata } from './testing/index.js';

const event = (type: string) => ({ type, schemaVersion: 1, data: {}, metadata: metadata() });

describe('the live feed of events as they are recorded', () => {
  it('given a listener, when events are recorded, then it sees the ones it selects in order, and nothing recorded before it joined', async () => {
    const store = await openEmbeddedEventStore({});
    const feed = new LiveFeed(store);
    try {
      await store.append('thing-1', [event('thing.before')], 'any');
      // The feed starts at the head when its first listener has joined.
      const stopWatching = await feed.listen(() => undefined);
      const seen = feed.iterate((e) => (e.type.startsWith('thing.') ? e.type : undefined));
      const first = seen.next();
      await store.append('thing-1', [event('thing.one'), event('other.skipped')], 'any');
      await store.append('thing-2', [event('thing.two')], 'any');
      expect((await first).value).toBe('thing.one');
      expect((await seen.next()).value).toBe('thing.two');
      expect(await seen.return!()).toEqual({ value: undefined, done: true });
      stopWatching();
    } finally {
      await feed.close();
      await store.close();
    }
  });
});
