import { START } from './position.js';
import type { RecordedEvent } from './events.js';
import { UpcasterRegistry } from './upcasting.js';

function stored(type: string, schemaVersion: number, data: unknown): RecordedEvent {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    stream: 'sample-1',
    revision: 0,
    position: START,
    type,
    schemaVersion,
    data,
    metadata: {
      actor: 'system:test',
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
      occurredAt: '2026-01-01T00:00:00.000Z',
      recordedAt: '2026-01-01T00:00:00.000Z',
    },
  };
}

describe('Upcaster registry', () => {
  const registry = new UpcasterRegistry().register(
    {
      type: 'meeting.held',
      fromVersion: 1,
      upcast: (data) => {
        const { minutes, ...rest } = data as { minutes: number };
        return { ...rest, durationMinutes: minutes };
      },
    },
    {
      type: 'meeting.held',
      fromVersion: 2,
      upcast: (data) => ({ ...(data as object), channel: 'in_person' }),
    },
  );

  it('writes new events at the version after the last upcaster', () => {
    expect(registry.currentVersion('meeting.held')).toBe(3);
    expect(registry.currentVersion('never.registered')).toBe(1);
  });

  it('brings a stored v1 event up to the current shape through every step', () => {
    const upcast = registry.upcast(stored('meeting.held', 1, { minutes: 45 }));
    expect(upcast.schemaVersion).toBe(3);
    expect(upcast.data).toEqual({ durationMinutes: 45, channel: 'in_person' });
  });

  it('leaves a current event untouched', () => {
    const event = stored('meeting.held', 3, { durationMinutes: 5, channel: 'phone' });
    expect(registry.upcast(event)).toBe(event);
  });

  it('follows a renamed type into the new chain', () => {
    const renames = new UpcasterRegistry().register(
      { type: 'old.name', fromVersion: 1, upcast: (data) => ({ type: 'new.name', data, renamed: true }) },
      { type: 'new.name', fromVersion: 1, upcast: (data) => ({ ...(data as object), added: true }) },
    );
    const upcast = renames.upcast(stored('old.name', 1, { a: 1 }));
    expect(upcast.type).toBe('new.name');
    expect(upcast.schemaVersion).toBe(2);
    expect(upcast.data).toEqual({ a: 1, added: true });
  });

  it('refuses two upcasters for the same step', () => {
    const twice = new UpcasterRegistry().register({ type: 'x', fromVersion: 1, upcast: (d) => d });
    expect(() => twice.register({ type: 'x', fromVersion: 1, upcast: (d) => d })).toThrow('Two upcasters for x@1');
  });
});
