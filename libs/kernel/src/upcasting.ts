import type { RecordedEvent } from './events.js';

/**
 * Turns one stored shape of an event into the next. Registered per (type, fromVersion); a chain
 * of them brings any stored version up to the current one. Stored events are never rewritten:
 * old shapes are upcast on every read.
 */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  /** The next version's data; may also rename the type (the new name continues the chain). */
  upcast(data: unknown, event: RecordedEvent): unknown | { readonly type: string; readonly data: unknown; readonly renamed: true };
}

export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster>();
  private readonly current = new Map<string, number>();

  register(...upcasters: Upcaster[]): this {
    for (const upcaster of upcasters) {
      const key = `${upcaster.type}@${upcaster.fromVersion}`;
      if (this.byKey.has(key)) throw new Error(`Two upcasters for ${key}`);
      this.byKey.set(key, upcaster);
      const next = upcaster.fromVersion + 1;
      if ((this.current.get(upcaster.type) ?? 1) < next) this.current.set(upcaster.type, next);
    }
    return this;
  }

  /** The schema version new events of this type are written with. */
  currentVersion(type: string): number {
    return this.current.get(type) ?? 1;
  }

  upcast(event: RecordedEvent): RecordedEvent {
    let result = event;
    for (let guard = 0; guard < 1000; guard++) {
      const upcaster = this.byKey.get(`${result.type}@${result.schemaVersion}`);
      if (!upcaster) return result;
      const out = upcaster.upcast(result.data, result);
      if (isRename(out)) {
        result = { ...result, type: out.type, data: out.data, schemaVersion: 1 };
      } else {
        result = { ...result, data: out, schemaVersion: result.schemaVersion + 1 };
      }
    }
    throw new Error(`Upcaster chain for ${event.type} does not end`);
  }
}

function isRename(value: unknown): value is { type: string; data: unknown; renamed: true } {
  return typeof value === 'object' && value !== null && (value as { renamed?: unknown }).renamed === true;
}
