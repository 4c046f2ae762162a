import type { RecordedEvent } from '#libs/kernel';
import type { EventStore, EventSubscription } from './event-store.port.js';

type Listener = (event: RecordedEvent) => void;

/**
 * Events as they are recorded from now on, for live views (GraphQL subscriptions). One
 * subscription to the store feeds every listener in this process; it starts with the first
 * listener and stops with the last. Nothing is replayed: a listener sees what is recorded after
 * it joined.
 */
export class LiveFeed {
  private readonly listeners = new Set<Listener>();
  private subscription?: EventSubscription;
  private pump?: Promise<void>;

  constructor(private readonly store: EventStore) {}

  /** Calls `listener` for each event recorded from now on; returns how to stop. */
  async listen(listener: Listener): Promise<() => void> {
    this.listeners.add(listener);
    if (!this.subscription) await this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) void this.stop();
    };
  }

  /**
   * An async iterator of the events `select` turns into payloads (undefined: skipped), for a
   * subscription resolver. `select` may be async (e.g. a scope check for the subscriber).
   */
  iterate<T>(select: (event: RecordedEvent) => T | undefined | Promise<T | undefined>): AsyncIterableIterator<T> {
    const queue: T[] = [];
    let wake: (() => void) | undefined;
    let stopped = false;
    // Selections may be async; chaining keeps payloads in the order events were recorded.
    let chain = Promise.resolve();
    const ready = this.listen((event) => {
      chain = chain
        .then(async () => {
          const payload = await select(event);
          if (payload !== undefined && !stopped) {
            queue.push(payload);
            wake?.();
          }
        })
        .catch(() => undefined);
    });
    const finish = async () => {
      stopped = true;
      (await ready)();
      wake?.();
    };
    const iterator: AsyncIterableIterator<T> = {
      async next() {
        await ready;
        while (queue.length === 0 && !stopped) await new Promise<void>((resolve) => (wake = resolve));
        if (queue.length > 0) return { value: queue.shift()!, done: false };
        return { value: undefined, done: true };
      },
      async return() {
        await finish();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  /** Nest calls this when the application closes. */
  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.stop();
  }

  private async start(): Promise<void> {
    const subscription = this.store.subscribeAll({ after: await this.store.headPosition() });
    this.subscription = subscription;
    this.pump = (async () => {
      for await (const batch of subscription) {
        for (const event of batch) for (const listener of [...this.listeners]) listener(event);
      }
    })().catch(() => undefined);
  }

  private async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.close();
    await this.pump;
  }
}
