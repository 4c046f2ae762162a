import type { Position, RecordedEvent } from '#libs/kernel';
import type { EventSubscription } from './event-store.port.js';

export interface PollingSubscriptionOptions {
  readonly after: Position;
  readonly batchSize: number;
  /** Longest wait between two reads when nothing wakes the subscription. */
  readonly pollIntervalMs: number;
  read(after: Position, limit: number): Promise<RecordedEvent[]>;
  /** Registers a wake-up (a database notification); returns how to unregister it. */
  onWake?(wake: () => void): Promise<() => Promise<void>>;
}

/**
 * Catch-up then live: reads batches until it is level with the store, then waits for a wake-up
 * or the poll interval, whichever comes first. A notification only shortens the wait; the read
 * decides what is delivered, so a lost notification costs at most one interval.
 */
export class PollingSubscription implements EventSubscription {
  private closed = false;
  private woken = false;
  private release?: () => void;

  constructor(private readonly options: PollingSubscriptionOptions) {}

  async *[Symbol.asyncIterator](): AsyncIterator<readonly RecordedEvent[]> {
    const unregister = await this.options.onWake?.(() => this.wake());
    let after = this.options.after;
    try {
      while (!this.closed) {
        this.woken = false;
        const batch = await this.options.read(after, this.options.batchSize);
        if (this.closed) return;
        if (batch.length > 0) {
          after = batch[batch.length - 1].position;
          yield batch;
          continue;
        }
        await this.pause();
      }
    } finally {
      await unregister?.();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    this.woken = true;
    this.release?.();
  }

  private pause(): Promise<void> {
    if (this.woken || this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.options.pollIntervalMs);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        self.release = undefined;
        resolve();
      }
      this.release = done;
    });
  }
}
