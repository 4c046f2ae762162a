import { comparePositions, type Position, type RecordedEvent, START } from '#libs/kernel';
import type { SqlDatabase } from '#libs/database';
import type { EventStore, EventSubscription } from '#libs/event-store';
import { assertProjectionShape, type Projection, type ProjectionStatus } from './projection.js';
import { ProjectionWorker } from './projection-worker.js';
import { SlotRepository } from './slots.js';

export interface ProjectionRunnerOptions {
  /** Events per transaction. */
  readonly batchSize?: number;
  /** Longest idle wait when no new-event signal arrives (a safety net for lost signals). */
  readonly idleWaitMs?: number;
  readonly log?: (message: string) => void;
}

export interface CatchUpProgress {
  readonly projection: string;
  readonly position: Position;
  readonly eventsApplied: number;
}

/**
 * Feeds every registered projection from the event store (not from an in-memory bus): each one
 * advances on its own, so one that fails stops alone while the others go on. Read models and
 * checkpoints live in `db` (PostgreSQL or the embedded PGlite), whatever the event store is.
 */
export class ProjectionRunner {
  private readonly workers = new Map<string, ProjectionWorker>();
  private readonly slots: SlotRepository;
  private readonly batchSize: number;
  private readonly idleWaitMs: number;
  private readonly log: (message: string) => void;
  private running = false;
  private loops: Promise<void>[] = [];
  private wakers = new Set<() => void>();
  private progressListeners = new Set<() => void>();
  private signal?: EventSubscription;
  private signalLoop?: Promise<void>;

  constructor(
    private readonly store: EventStore,
    private readonly db: SqlDatabase,
    projections: readonly Projection[],
    options: ProjectionRunnerOptions = {},
  ) {
    this.slots = new SlotRepository(db);
    this.batchSize = options.batchSize ?? 1000;
    this.idleWaitMs = options.idleWaitMs ?? 1000;
    this.log = options.log ?? (() => undefined);
    for (const projection of projections) {
      assertProjectionShape(projection);
      if (this.workers.has(projection.name)) throw new Error(`Two projections are named ${projection.name}`);
      this.workers.set(
        projection.name,
        new ProjectionWorker(projection, store, db, this.slots, {
          batchSize: this.batchSize,
          onProgress: () => this.progressListeners.forEach((fn) => fn()),
          log: this.log,
        }),
      );
    }
  }

  get names(): string[] {
    return [...this.workers.keys()];
  }

  /** Creates what is missing and prepares each projection's slots, without running them. */
  async prepare(): Promise<void> {
    await this.slots.migrate();
    for (const worker of this.workers.values()) await worker.prepare();
  }

  /** Runs every projection in the background until `stop`. */
  async start(): Promise<void> {
    if (this.running) return;
    await this.prepare();
    this.running = true;
    this.signal = this.store.subscribeAll({ after: await this.store.headPosition(), batchSize: 1 });
    const signal = this.signal;
    this.signalLoop = (async () => {
      try {
        for await (const _ of signal) this.wakers.forEach((wake) => wake());
      } catch (error) {
        this.log(`New-event signal stopped (${(error as Error).message}); projections fall back to polling`);
      }
    })();
    this.loops = [...this.workers.values()].map((worker) => this.run(worker));
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wakers.forEach((wake) => wake());
    await this.signal?.close();
    await Promise.all(this.loops);
    await this.signalLoop;
    for (const worker of this.workers.values()) worker.stop();
  }

  private async run(worker: ProjectionWorker): Promise<void> {
    while (this.running && worker.state !== 'failed') {
      let applied: number;
      try {
        applied = await worker.step();
      } catch (error) {
        // The database is unreachable or similar: not the projection's fault. Wait and retry.
        this.log(`${worker.projection.name}: ${(error as Error).message}; retrying`);
        applied = 0;
      }
      if (applied === 0 && this.running) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.idleWaitMs);
      this.wakers.add(done);
    });
  }

  /**
   * Runs the named projections (all by default) in the foreground until each is level with the
   * store as it is now. Used by the rebuild command, by tests and by benchmarks.
   */
  async catchUp(names?: readonly string[], onProgress?: (progress: CatchUpProgress) => void): Promise<void> {
    const workers = this.pick(names);
    for (const worker of workers) {
      for (;;) {
        const applied = await worker.step();
        const slot = worker.building ?? worker.live;
        if (slot && onProgress) onProgress({ projection: worker.projection.name, position: slot.position, eventsApplied: slot.eventsApplied });
        if (worker.state === 'failed') throw new Error(`Projection ${worker.projection.name} failed: ${worker.failure?.message}`);
        if (applied === 0) break;
      }
    }
  }

  /** Hands events to one projection directly; those it already applied are ignored. */
  deliver(name: string, events: readonly RecordedEvent[]): Promise<number> {
    return this.pick([name])[0].deliver(events);
  }

  /** Starts a rebuild from zero beside the live slot; it takes over once it has caught up. */
  async rebuild(name: string): Promise<void> {
    const [worker] = this.pick([name]);
    await worker.rebuild();
    this.wakers.forEach((wake) => wake());
  }

  /**
   * Read-your-writes: resolves true once every named projection (all by default) has applied
   * the event at `position`, or false after `timeoutMs` or when one of them has failed.
   */
  waitFor(position: Position, options: { projections?: readonly string[]; timeoutMs?: number } = {}): Promise<boolean> {
    const workers = this.pick(options.projections);
    const check = (): boolean | undefined => {
      if (workers.some((w) => w.state === 'failed')) return false;
      return workers.every((w) => w.reached(position)) ? true : undefined;
    };
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve) => {
      const listener = () => {
        const result = check();
        if (result !== undefined) finish(result);
      };
      const finish = (result: boolean) => {
        clearTimeout(timer);
        this.progressListeners.delete(listener);
        resolve(result);
      };
      const timer = setTimeout(() => finish(false), options.timeoutMs ?? 5000);
      this.progressListeners.add(listener);
    });
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition();
    const out: ProjectionStatus[] = [];
    for (const worker of this.workers.values()) {
      const slot = worker.live ?? worker.building;
      const position = slot?.position ?? START;
      out.push({
        name: worker.projection.name,
        version: slot?.version ?? worker.projection.version,
        slot: slot?.slot ?? 0,
        state: worker.state,
        position,
        lag: await this.lag(position, head),
        eventsApplied: slot?.eventsApplied ?? 0,
        error: worker.failure,
        building:
          worker.building && worker.live
            ? {
                slot: worker.building.slot,
                version: worker.building.version,
                position: worker.building.position,
                eventsApplied: worker.building.eventsApplied,
              }
            : undefined,
      });
    }
    return out;
  }

  private async lag(position: Position, head: Position): Promise<number | null> {
    if (comparePositions(position, head) >= 0) return 0;
    return this.store.countEventsAfter ? this.store.countEventsAfter(position) : null;
  }

  private pick(names?: readonly string[]): ProjectionWorker[] {
    if (!names) return [...this.workers.values()];
    return names.map((name) => {
      const worker = this.workers.get(name);
      if (!worker) throw new Error(`No projection is named "${name}". Known: ${this.names.join(', ') || 'none'}`);
      return worker;
    });
  }
}
