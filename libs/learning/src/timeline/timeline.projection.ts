import type { RecordedEvent } from '#libs/kernel';
import type { Projection, ProjectionContext } from '#libs/projections';
import { applyCorrections } from '../reflections/reflection.decider.js';
import { REFLECTION_EVENT_TYPES, type ReflectionEvent, type ReflectionRecorded } from '../reflections/reflection.events.js';
import { LOOP_EVENT_TYPES, type LoopEvent } from './loop.events.js';

/** What an entry on the learning timeline is. */
export const TIMELINE_KINDS = [
  'reflection',
  'theme_confirmed',
  'theme_status_changed',
  'report_shared',
  'action_agreed',
  'change_checked',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

const KIND_OF: Record<LoopEvent['type'], TimelineKind> = {
  'theme.confirmed': 'theme_confirmed',
  'theme.status_changed': 'theme_status_changed',
  'report.shared': 'report_shared',
  'report.action_agreed': 'action_agreed',
  'report.change_checked': 'change_checked',
};

/** A reflection as the timeline keeps it: as it stood after one event, with why it was withdrawn. */
export interface ReflectionDetail extends ReflectionRecorded {
  readonly withdrawalReason?: string;
  readonly revisionReason?: string;
}

/**
 * Themes events that name (or rename) a theme without being timeline entries themselves, followed
 * so that entries show each theme under the name it had at the moment asked about. Outside the
 * agreed contract (themes own them: libs/themes theme.events.ts), so read defensively: only a
 * string `themeId` and a non-empty string `name` are used.
 */
const THEME_NAMING_EVENT_TYPES = ['theme.proposed', 'theme.redefined', 'theme.split_off'] as const;
interface ThemeNaming {
  readonly type: (typeof THEME_NAMING_EVENT_TYPES)[number];
  readonly data: { readonly themeId?: unknown; readonly name?: unknown };
}
const isThemeNaming = (event: { type: string }): event is ThemeNaming => (THEME_NAMING_EVENT_TYPES as readonly string[]).includes(event.type);

/** The id of a loop event's entry: its place in its stream, which never changes. */
export function loopEntryId(stream: string, revision: number): string {
  return `${stream}@${revision}`;
}

/**
 * The learning timeline, answerable as of any past moment (`learning_timeline_entries`).
 *
 * Rows are never changed in meaning, only closed: each row is one version of an entry, valid
 * from when the event that made it was recorded (`valid_from`) until the next version was
 * (`valid_to`, null while current). The loop's key events (a theme confirmed or changing status,
 * a report shared, an action agreed, a change checked) are facts with one version each. A
 * reflection gets a new version for each revision and for its withdrawal, so "as of T" is
 * `valid_from <= T AND (valid_to IS NULL OR valid_to > T)`, and a value read as of T never
 * changes when later events arrive.
 *
 * `theme_names` keeps each name a theme was given (proposed, confirmed, redefined, split off),
 * with when it was recorded, for the name as of a moment.
 *
 * `happened_on` is when it happened in the world (the reflection's occurredOn, else the date the
 * event says it occurred), which orders the timeline; `first_recorded_at` settles ties and keeps
 * a reflection's place when it is revised.
 */
export const timelineProjection: Projection = {
  name: 'learning_timeline',
  // 2: an agreed action is dated by the day the service agreed it, not the day it was recorded.
  version: 2,
  tables: ['entries', 'theme_names'],
  eventTypes: [...REFLECTION_EVENT_TYPES, ...LOOP_EVENT_TYPES, ...THEME_NAMING_EVENT_TYPES],

  async setup({ tx, table }: ProjectionContext) {
    // Entry ids compare byte by byte ("C"), as the cursors made from them do.
    await tx.query(`CREATE TABLE ${table('entries')} (
      entry_id           text COLLATE "C" NOT NULL,
      version            integer NOT NULL,
      kind               text NOT NULL,
      withdrawn          boolean NOT NULL DEFAULT false,
      happened_on        date NOT NULL,
      first_recorded_at  timestamptz NOT NULL,
      valid_from         timestamptz NOT NULL,
      valid_to           timestamptz,
      detail             jsonb NOT NULL,
      recorded_by        text NOT NULL,
      changed_by         text NOT NULL,
      PRIMARY KEY (entry_id, version)
    )`);
    await tx.query(`CREATE INDEX ON ${table('entries')} (happened_on DESC, first_recorded_at DESC, entry_id DESC)`);
    await tx.query(`CREATE INDEX ON ${table('entries')} (kind, (detail->>'themeId'))`);
    await tx.query(`CREATE TABLE ${table('theme_names')} (
      stream       text NOT NULL,
      revision     integer NOT NULL,
      theme_id     text NOT NULL,
      name         text NOT NULL,
      recorded_at  timestamptz NOT NULL,
      PRIMARY KEY (stream, revision)
    )`);
    await tx.query(`CREATE INDEX ON ${table('theme_names')} (theme_id, recorded_at)`);
    await tx.query(`CREATE INDEX ON ${table('entries')} (kind, (detail->>'reportId'))`);
  },

  async apply(events: readonly RecordedEvent[], { tx, table }: ProjectionContext) {
    const entries = table('entries');

    /** Adds a version; a version already there (a redelivered event) is left as it is. */
    const insert = (row: {
      entryId: string;
      version: number;
      kind: TimelineKind;
      withdrawn?: boolean;
      happenedOn: string;
      firstRecordedAt: string;
      validFrom: string;
      detail: object;
      recordedBy: string;
      changedBy: string;
    }) =>
      tx.query(
        `INSERT INTO ${entries} (entry_id, version, kind, withdrawn, happened_on, first_recorded_at, valid_from, detail, recorded_by, changed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10) ON CONFLICT (entry_id, version) DO NOTHING`,
        [
          row.entryId,
          row.version,
          row.kind,
          row.withdrawn ?? false,
          row.happenedOn,
          row.firstRecordedAt,
          row.validFrom,
          JSON.stringify(row.detail),
          row.recordedBy,
          row.changedBy,
        ],
      );

    /** A new version of a reflection from the one before it, closing that one; nothing if this version is already kept. */
    const nextVersion = async (
      recorded: RecordedEvent,
      reflectionId: string,
      change: (before: ReflectionDetail) => { detail: ReflectionDetail; withdrawn: boolean },
    ) => {
      const at = recorded.metadata.recordedAt;
      const { rows: done } = await tx.query(`SELECT 1 FROM ${entries} WHERE entry_id = $1 AND version = $2`, [reflectionId, recorded.revision]);
      if (done.length > 0) return;
      const { rows } = await tx.query<{ version: number; detail: ReflectionDetail; first_recorded_at: Date | string; recorded_by: string }>(
        `SELECT version, detail, first_recorded_at, recorded_by FROM ${entries}
          WHERE entry_id = $1 AND version < $2 ORDER BY version DESC LIMIT 1`,
        [reflectionId, recorded.revision],
      );
      const before = rows[0];
      if (!before) return;
      await tx.query(`UPDATE ${entries} SET valid_to = $3 WHERE entry_id = $1 AND version = $2 AND valid_to IS NULL`, [
        reflectionId,
        before.version,
        at,
      ]);
      const next = change(before.detail);
      await insert({
        entryId: reflectionId,
        version: recorded.revision,
        kind: 'reflection',
        withdrawn: next.withdrawn,
        happenedOn: next.detail.occurredOn,
        firstRecordedAt: new Date(before.first_recorded_at).toISOString(),
        validFrom: at,
        detail: next.detail,
        recordedBy: before.recorded_by,
        changedBy: recorded.metadata.actor,
      });
    };

    /** A theme's name from this event on (a redelivered event is left as it is). */
    const named = (recorded: RecordedEvent, themeId: unknown, name: unknown) =>
      typeof themeId === 'string' && typeof name === 'string' && name.trim() !== ''
        ? tx.query(
            `INSERT INTO ${table('theme_names')} (stream, revision, theme_id, name, recorded_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (stream, revision) DO NOTHING`,
            [recorded.stream, recorded.revision, themeId, name, recorded.metadata.recordedAt],
          )
        : undefined;

    for (const recorded of events) {
      const event = recorded as unknown as ReflectionEvent | LoopEvent | ThemeNaming;
      const at = recorded.metadata.recordedAt;
      const actor = recorded.metadata.actor;
      if (event.type === 'theme.confirmed' || isThemeNaming(event)) await named(recorded, event.data.themeId, event.data.name);
      switch (event.type) {
        case 'reflection.recorded':
          await insert({
            entryId: event.data.reflectionId,
            version: recorded.revision,
            kind: 'reflection',
            happenedOn: event.data.occurredOn,
            firstRecordedAt: at,
            validFrom: at,
            detail: event.data,
            recordedBy: actor,
            changedBy: actor,
          });
          break;
        case 'reflection.revised': {
          const { corrections, reason } = event.data;
          await nextVersion(recorded, event.data.reflectionId, (before) => {
            const { withdrawalReason: _w, revisionReason: _r, ...reflection } = before;
            const detail: ReflectionDetail = { ...applyCorrections(reflection, corrections), ...(reason ? { revisionReason: reason } : {}) };
            return { detail, withdrawn: false };
          });
          break;
        }
        case 'reflection.withdrawn':
          await nextVersion(recorded, event.data.reflectionId, (before) => ({
            detail: { ...before, withdrawalReason: event.data.reason },
            withdrawn: true,
          }));
          break;
        case 'theme.confirmed':
        case 'theme.status_changed':
        case 'report.shared':
        case 'report.action_agreed':
        case 'report.change_checked':
          await insert({
            entryId: loopEntryId(recorded.stream, recorded.revision),
            version: 0,
            kind: KIND_OF[event.type],
            happenedOn: happenedOn(event, recorded.metadata.occurredAt),
            firstRecordedAt: at,
            validFrom: at,
            detail: event.data,
            recordedBy: actor,
            changedBy: actor,
          });
          break;
      }
    }
  },
};

/** The day a loop event happened: an agreed action on the day the service agreed it (when the event says), else the day it was recorded. */
function happenedOn(event: { type: string; data: unknown }, occurredAt: string): string {
  const agreedOn = event.type === 'report.action_agreed' ? (event.data as { agreedOn?: unknown }).agreedOn : undefined;
  return typeof agreedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(agreedOn) ? agreedOn : occurredAt.slice(0, 10);
}
