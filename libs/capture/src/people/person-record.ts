import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { SqlDatabase } from '#libs/database';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import type { PersonalDataVault, RecordedEvent, Sealed } from '#libs/kernel';
import { READ_MODELS } from '#libs/projections';
import { budgetStream } from '../budgets/budget.events.js';
import { coachingStream } from '../coaching/coaching.events.js';
import { growthStream } from '../growth/growth.events.js';
import { observationStream } from '../observations/observation.events.js';
import { PERSONAL_DATA_VAULT } from '../shared/tokens.js';
import { wellbeingStream } from '../wellbeing/wellbeing.events.js';
import { personStream } from './person.events.js';

export type RecordView = 'person_page' | 'subject_access_export';

/** Reads of a person's record, kept as events so the audit log shows who looked. */
export function recordAccessStream(personId: string): string {
  return `recordaccess-${personId}`;
}

export interface PersonRecordExport {
  readonly personId: string;
  readonly exportedAt: string;
  readonly streams: { stream: string; events: { type: string; occurredAt: string; recordedAt: string; actor: string; data: unknown }[] }[];
}

/**
 * A subject access export: everything held about a person, from every stream about them (their
 * record, coaching, growth, wellbeing, the budget requests and observations that name them),
 * with their words opened. Once they have been forgotten the words come back null: there is no
 * key left to open them with.
 */
@Injectable()
export class PersonRecordService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: SqlDatabase,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async export(personId: string): Promise<PersonRecordExport> {
    const streams: PersonRecordExport['streams'] = [];
    const add = async (stream: string, keep: (event: RecordedEvent) => boolean = () => true, read?: readonly RecordedEvent[]) => {
      const events = (read ?? (await this.store.readStream(stream))).filter(keep);
      if (events.length === 0) return;
      streams.push({
        stream,
        events: await Promise.all(
          events.map(async (e) => ({
            type: e.type,
            occurredAt: e.metadata.occurredAt,
            recordedAt: e.metadata.recordedAt,
            actor: e.metadata.actor,
            data: await this.opened(e.data),
          })),
        ),
      });
    };
    const record = await this.store.readStream(personStream(personId));
    await add(personStream(personId), undefined, record);
    for (const stream of [coachingStream, growthStream, wellbeingStream]) await add(stream(personId));

    const observations = await this.db.query<{ observation_id: string }>(
      'SELECT observation_id FROM observations_records WHERE person_id = $1 ORDER BY recorded_at',
      [personId],
    );
    for (const row of observations.rows) await add(observationStream(row.observation_id));

    // Budget requests live in their team's pot: keep the events about this person's requests.
    const teams = new Set<string>();
    for (const event of record) {
      const teamId = (event.data as { teamId?: string }).teamId;
      if (teamId) teams.add(teamId);
    }
    for (const teamId of teams) {
      const requests = new Set<string>();
      await add(budgetStream(teamId), (event) => {
        const data = event.data as { personId?: string; requestId?: string };
        if (data.personId === personId && data.requestId) requests.add(data.requestId);
        return data.requestId !== undefined && requests.has(data.requestId);
      });
    }
    return { personId, exportedAt: new Date().toISOString(), streams };
  }

  /** Records that someone read the person's record. */
  async recordRead(personId: string, view: RecordView, actor: string): Promise<void> {
    const commandId = randomUUID();
    const occurredAt = new Date().toISOString();
    await this.store.append(
      recordAccessStream(personId),
      [{ type: 'person_record.read', schemaVersion: 1, data: { personId, view }, metadata: { actor, commandId, correlationId: commandId, causationId: commandId, occurredAt } }],
      'any',
      { commandId },
    );
  }

  /** A deep copy with every sealed value opened (null once the key is gone). */
  private async opened(value: unknown): Promise<unknown> {
    if (typeof value === 'string') return value.startsWith('pd1.') ? this.vault.open(value as Sealed) : value;
    if (Array.isArray(value)) return Promise.all(value.map((v) => this.opened(v)));
    if (value && typeof value === 'object') {
      const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await this.opened(v)] as const));
      return Object.fromEntries(entries);
    }
    return value;
  }
}
