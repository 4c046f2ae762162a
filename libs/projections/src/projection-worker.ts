import { comparePositions, type Position, type RecordedEvent } from '#libs/kernel';
import type { SqlDatabase } from '#libs/database';
import type { EventStore } from '#libs/event-store';
import type { Projection, ProjectionFailure, ProjectionState } from './projection.js';
import { type Slot, SlotMovedError, type SlotRepository, slotContext } from './slots.js';

export interface WorkerOptions {
  readonly batchSize: number;
  /** Called after every committed batch (progress bars, read-your-writes). */
  readonly onProgress: (worker: ProjectionWorker) => void;
  readonly log: (message: string) => void;
}

/**
 * Keeps one projection's slots moving: the live slot and, while one exists, a building slot
 * (a new version, or a rebuild). A failure stops this projection only.
 */
export class ProjectionWorker {
  live?: Slot;
  building?: Slot;
  state: ProjectionState = 'starting';
  failure?: ProjectionFailure;

  constructor(
    readonly projection: Projection,
    private readonly store: EventStore,
    private readonly db: SqlDatabase,
    private readonly slots: SlotRepository,
    private readonly options: WorkerOptions,
  ) {}

  /** Loads the slots, opening a building slot when there is no live one of this version. */
  async prepare(): Promise<void> {
    const slots = await this.slots.slots(this.projection.name);
    this.live = slots.find((s) => s.status === 'live');
    this.building = slots.find((s) => s.status === 'building');
    if (this.building && this.building.version !== this.projection.version) {
      // Left over from code that is gone: start that build again for this version.
      await this.slots.discard(this.projection.name, this.building.slot);
      this.building = undefined;
    }
    const liveIsCurrent = this.live?.version === this.projection.version;
    if (!liveIsCurrent && !this.building) this.building = await this.slots.createBuilding(this.projection);
    this.failure = this.live?.error ?? this.building?.error;
    this.state = 'catching_up';
  }

  /** Starts a rebuild of the current version beside the live slot. */
  async rebuild(): Promise<Slot> {
    if (this.building) return this.building;
    this.building = await this.slots.createBuilding(this.projection);
    return this.building;
  }

  /**
   * One batch for each slot that can move. Returns the number of events applied, 0 when every
   * slot is level with the store (a building slot that is level takes over first).
   */
  async step(): Promise<number> {
    if (this.state === 'failed' || this.state === 'stopped') return 0;
    let applied = 0;
    try {
      if (this.building) {
        const n = await this.stepSlot(this.building, (s) => (this.building = s));
        applied += n;
        if (n === 0 && this.building) {
          this.live = await this.slots.takeOver(this.projection, this.building);
          this.options.log(`${this.projection.name} v${this.projection.version} slot ${this.live.slot} is live`);
          this.building = undefined;
          this.options.onProgress(this);
        }
      }
      // A live slot of an older version is frozen: the code that wrote it is gone.
      if (this.live && this.live.version === this.projection.version) {
        applied += await this.stepSlot(this.live, (s) => (this.live = s));
      }
      if ((this.state as ProjectionState) !== 'failed') this.state = applied === 0 && !this.building ? 'live' : 'catching_up';
    } catch (error) {
      if (!(error instanceof SlotMovedError)) throw error;
      // Another process advanced or replaced a slot: take up its state and go on.
      await this.prepare();
      return 1;
    }
    return applied;
  }

  /**
   * Applies events handed over from outside the read loop (a re-sent batch, a subscription that
   * delivers again after a reconnect). Whatever is at or before the checkpoint is dropped, so
   * delivering the same events twice changes nothing.
   */
  async deliver(events: readonly RecordedEvent[]): Promise<number> {
    if (!this.live) throw new Error(`Projection ${this.projection.name} has no live slot yet`);
    const from = this.live.position;
    const fresh = events.filter((e) => comparePositions(e.position, from) > 0);
    if (fresh.length === 0) return 0;
    return this.applyEvents(this.live, fresh, (s) => (this.live = s));
  }

  private async stepSlot(slot: Slot, save: (slot: Slot) => void): Promise<number> {
    const events = await this.store.readAll({ after: slot.position, limit: this.options.batchSize });
    if (events.length === 0) return 0;
    return this.applyEvents(slot, events, save);
  }

  private async applyEvents(slot: Slot, events: readonly RecordedEvent[], save: (slot: Slot) => void): Promise<number> {
    try {
      save(await this.applyBatch(slot, events));
    } catch (error) {
      if (error instanceof SlotMovedError) throw error;
      // Find the one event that fails, keeping every event before it.
      let current = slot;
      for (const event of events) {
        try {
          current = await this.applyBatch(current, [event]);
          save(current);
        } catch (single) {
          if (single instanceof SlotMovedError) throw single;
          await this.fail(current, event, single);
          return 0;
        }
      }
      // The batch failed but each event alone did not (for example a passing lock timeout).
    }
    this.options.onProgress(this);
    return events.length;
  }

  private async applyBatch(slot: Slot, events: readonly RecordedEvent[]): Promise<Slot> {
    const wanted = this.projection.eventTypes;
    const relevant = wanted ? events.filter((e) => wanted.includes(e.type)) : events;
    const last = events[events.length - 1].position;
    return this.db.transaction(async (tx) => {
      if (relevant.length > 0) await this.projection.apply(relevant, slotContext(tx, this.projection, slot.slot));
      return this.slots.advance(tx, slot, last, events.length);
    });
  }

  private async fail(slot: Slot, event: RecordedEvent, error: unknown): Promise<void> {
    // The message is the projection's own error text; it must not carry event data.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : 'Unknown error';
    this.failure = { message, position: event.position, eventType: event.type, at: new Date().toISOString() };
    this.state = 'failed';
    await this.slots.recordFailure(slot, this.failure);
    this.options.log(`${this.projection.name} stopped at event type ${event.type}: ${message}`);
  }

  stop(): void {
    if (this.state !== 'failed') this.state = 'stopped';
  }

  /** True when the live slot has applied everything up to and including `position`. */
  reached(position: Position): boolean {
    return (
      !!this.live && this.live.version === this.projection.version && comparePositions(this.live.position, position) >= 0
    );
  }
}
