import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '#libs/kernel';

/** Synthetic events for store tests: no personal data, just shapes. */
export function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  const commandId = overrides.commandId ?? randomUUID();
  return {
    actor: 'system:test',
    correlationId: commandId,
    causationId: commandId,
    commandId,
    occurredAt: '2026-03-02T10:00:00.000Z',
    ...overrides,
  };
}

export function tallied(n: number, commandId?: string): NewEvent {
  return { type: 'tally.counted', schemaVersion: 1, data: { n }, metadata: metadata(commandId ? { commandId } : {}) };
}

export function uniqueStream(category = 'tally'): string {
  return `${category}-${randomUUID()}`;
}
