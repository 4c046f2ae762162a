import { Inject, Injectable } from '@nestjs/common';
import { formatPosition } from '#libs/kernel';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { PROJECTION_RUNNER, type ProjectionRunner, type ProjectionStatus } from '#libs/projections';
import { type Health, HealthStatus, type ProjectionHealth } from './health.types.js';

/** Lag (in events) above which a live projection makes the service "degraded". */
const LAG_WARNING = 10_000;

@Injectable()
export class HealthService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  async check(): Promise<Health> {
    const checkedAt = new Date().toISOString();
    try {
      await this.store.ping();
      const [head, statuses] = await Promise.all([this.store.headPosition(), this.runner.status()]);
      const projections = statuses.map(toHealth);
      const degraded = statuses.some((s) => s.state === 'failed' || (s.lag ?? 0) > LAG_WARNING);
      return {
        status: degraded ? HealthStatus.DEGRADED : HealthStatus.OK,
        store: { kind: this.store.kind, reachable: true, error: null, headPosition: formatPosition(head) },
        projections,
        checkedAt,
      };
    } catch (error) {
      return {
        status: HealthStatus.DOWN,
        store: { kind: this.store.kind, reachable: false, error: describe(error), headPosition: null },
        projections: [],
        checkedAt,
      };
    }
  }
}

function toHealth(s: ProjectionStatus): ProjectionHealth {
  return {
    name: s.name,
    version: s.version,
    slot: s.slot,
    state: s.state,
    position: formatPosition(s.position),
    lag: s.lag,
    eventsApplied: s.eventsApplied,
    error: s.error ? { ...s.error, position: formatPosition(s.error.position) } : null,
    building: s.building ? { ...s.building, position: formatPosition(s.building.position) } : null,
  };
}

/** The kind of failure, never the connection string or credentials. */
function describe(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  const name = error instanceof Error ? error.name : 'Error';
  return typeof code === 'string' ? `${name} (${code})` : name;
}
