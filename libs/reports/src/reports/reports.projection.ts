import { isUuid, parseStreamName, type RecordedEvent } from '#libs/kernel';
import type { Projection, ProjectionContext } from '#libs/projections';
import { REPORT_EVENT_TYPES, type ReportChanges, type ReportEvent } from './report.events.js';

/** The person's consent as it now stands (capture's people slice). */
interface ConsentRecorded {
  readonly type: 'person.consent_recorded';
  readonly data: { readonly toShareWordsAnonymised: boolean };
}

/** A person asked to be forgotten: their key is destroyed, so their sealed words are unreadable. */
interface PersonForgotten {
  readonly type: 'person.forgotten';
  readonly data: { readonly personId?: string };
}

type Followed = ReportEvent | ConsentRecorded | PersonForgotten;

const EDITABLE: Record<Exclude<keyof ReportChanges, 'quoteObservationIds'>, string> = {
  title: 'title',
  from: 'period_from',
  to: 'period_to',
  whatMightHelp: 'what_might_help',
};

/**
 * Feedback reports as they now stand:
 *
 * - `reports`: each report, its audience, period and state; once shared, its frozen content
 *   (counts already suppressed) and when the service acknowledged and responded;
 * - `actions`: the actions a service agreed, and when they were done;
 * - `checks`: every change check, with its numbers;
 * - `quotes`: the quotes of shared reports, still sealed with each person's key;
 * - `people`: whether each person still consents to share their words, or was forgotten. A
 *   quote shows only while its person consents and has not been forgotten; on forgetting its
 *   sealed text is deleted here as well (the key is already gone).
 */
export const reportsProjection: Projection = {
  name: 'reports',
  version: 1,
  tables: ['reports', 'actions', 'checks', 'quotes', 'people'],
  eventTypes: [...REPORT_EVENT_TYPES, 'person.consent_recorded', 'person.forgotten'],

  async setup({ tx, table }: ProjectionContext) {
    await tx.query(`CREATE TABLE ${table('reports')} (
      report_id         uuid PRIMARY KEY,
      revision          integer NOT NULL,
      status            text NOT NULL,
      audience          text NOT NULL,
      title             text NOT NULL,
      organisation_id   uuid,
      organisation_ids  uuid[],
      area_ids          uuid[] NOT NULL,
      period_from       date NOT NULL,
      period_to         date NOT NULL,
      what_might_help   text NOT NULL,
      quote_ids         uuid[] NOT NULL DEFAULT '{}',
      content           jsonb,
      shared_on         date,
      response_due_on   date,
      shared_at         timestamptz,
      shared_by         text,
      acknowledged_at   timestamptz,
      acknowledged_by   text,
      response          text,
      responded_on      date,
      responded_at      timestamptz,
      responded_by      text,
      drafted_by        text NOT NULL,
      drafted_at        timestamptz NOT NULL,
      changed_at        timestamptz NOT NULL
    )`);
    await tx.query(`CREATE INDEX ON ${table('reports')} (status, response_due_on)`);
    await tx.query(`CREATE INDEX ON ${table('reports')} (organisation_id)`);
    await tx.query(`CREATE INDEX ON ${table('reports')} USING gin (area_ids)`);
    await tx.query(`CREATE TABLE ${table('actions')} (
      report_id   uuid NOT NULL,
      action_id   uuid NOT NULL,
      what        text NOT NULL,
      owner       text NOT NULL,
      due_on      date NOT NULL,
      theme_id    uuid,
      agreed_on   date NOT NULL,
      agreed_by   text NOT NULL,
      agreed_at   timestamptz NOT NULL,
      done_on     date,
      done_by     text,
      done_at     timestamptz,
      PRIMARY KEY (report_id, action_id)
    )`);
    await tx.query(`CREATE TABLE ${table('checks')} (
      report_id         uuid NOT NULL,
      revision          integer NOT NULL,
      action_id         uuid NOT NULL,
      theme_id          uuid NOT NULL,
      counted_theme_id  uuid NOT NULL,
      outcome           text NOT NULL,
      p_value           double precision NOT NULL,
      p_value_fall      double precision NOT NULL,
      p_value_rise      double precision NOT NULL,
      alpha             double precision NOT NULL,
      weeks             integer NOT NULL,
      before_from       date NOT NULL,
      before_to         date NOT NULL,
      before_count      integer NOT NULL,
      after_from        date NOT NULL,
      after_to          date NOT NULL,
      after_count       integer NOT NULL,
      checked_by        text NOT NULL,
      checked_at        timestamptz NOT NULL,
      PRIMARY KEY (report_id, revision)
    )`);
    await tx.query(`CREATE INDEX ON ${table('checks')} (report_id, action_id, revision DESC)`);
    await tx.query(`CREATE TABLE ${table('quotes')} (
      report_id       uuid NOT NULL,
      position        integer NOT NULL,
      observation_id  uuid NOT NULL,
      person_id       uuid NOT NULL,
      text            text,
      PRIMARY KEY (report_id, position)
    )`);
    await tx.query(`CREATE INDEX ON ${table('quotes')} (person_id)`);
    await tx.query(`CREATE TABLE ${table('people')} (
      person_id    uuid PRIMARY KEY,
      share_words  boolean NOT NULL,
      forgotten    boolean NOT NULL DEFAULT false
    )`);
  },

  async apply(events: readonly RecordedEvent[], { tx, table }: ProjectionContext) {
    const reports = table('reports');
    const actions = table('actions');
    const people = table('people');
    /** Updates the report once per event: a repeated delivery finds the revision already applied. */
    const update = async (recorded: RecordedEvent, reportId: string, sets: string[], params: unknown[] = []) => {
      const result = await tx.query(
        `UPDATE ${reports} SET ${[...sets, 'revision = $2', 'changed_at = $3'].join(', ')} WHERE report_id = $1 AND revision < $2`,
        [reportId, recorded.revision, recorded.metadata.recordedAt, ...params],
      );
      return (result.rowCount ?? 0) > 0;
    };

    for (const recorded of events) {
      const event = recorded as unknown as Followed;
      const at = recorded.metadata.recordedAt;
      const actor = recorded.metadata.actor;
      switch (event.type) {
        case 'report.drafted': {
          const d = event.data;
          await tx.query(
            `INSERT INTO ${reports} (report_id, revision, status, audience, title, organisation_id, organisation_ids, area_ids, period_from,
               period_to, what_might_help, drafted_by, drafted_at, changed_at)
             VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) ON CONFLICT (report_id) DO NOTHING`,
            [
              d.reportId,
              recorded.revision,
              d.audience,
              d.title,
              d.organisationId ?? null,
              d.organisationIds ? [...d.organisationIds] : null,
              [...d.areaIds],
              d.from,
              d.to,
              d.whatMightHelp,
              actor,
              at,
            ],
          );
          break;
        }
        case 'report.edited': {
          const c = event.data.changes;
          const sets: string[] = [];
          const params: unknown[] = [];
          for (const [field, column] of Object.entries(EDITABLE) as [keyof typeof EDITABLE, string][]) {
            if (c[field] === undefined) continue;
            params.push(c[field]);
            sets.push(`${column} = $${params.length + 3}`);
          }
          if (c.quoteObservationIds !== undefined) {
            params.push([...c.quoteObservationIds]);
            sets.push(`quote_ids = $${params.length + 3}::uuid[]`);
          }
          await update(recorded, event.data.reportId, sets, params);
          break;
        }
        case 'report.discarded':
          await update(recorded, event.data.reportId, [`status = 'discarded'`]);
          break;
        case 'report.shared': {
          const d = event.data;
          const applied = await update(
            recorded,
            d.reportId,
            [`status = 'shared'`, 'title = $4', 'content = $5::jsonb', 'shared_on = $6', 'response_due_on = $7', 'shared_at = $3', 'shared_by = $8'],
            [d.title, JSON.stringify(d.content), d.sharedOn, d.responseDueOn, actor],
          );
          if (!applied) break;
          for (const [position, quote] of d.quotes.entries()) {
            // A person forgotten before this event was applied has no words to keep.
            await tx.query(
              `INSERT INTO ${table('quotes')} (report_id, position, observation_id, person_id, text)
               VALUES ($1, $2, $3, $4, CASE WHEN EXISTS (SELECT 1 FROM ${people} WHERE person_id = $4 AND forgotten) THEN NULL ELSE $5 END)
               ON CONFLICT (report_id, position) DO NOTHING`,
              [d.reportId, position, quote.observationId, quote.personId, quote.text],
            );
          }
          break;
        }
        case 'report.acknowledged':
          await update(recorded, event.data.reportId, ['acknowledged_at = coalesce(acknowledged_at, $3)', 'acknowledged_by = coalesce(acknowledged_by, $4)'], [actor]);
          break;
        case 'report.responded':
          await update(
            recorded,
            event.data.reportId,
            ['response = $4', 'responded_at = $3', 'responded_on = ($3::timestamptz AT TIME ZONE \'UTC\')::date', 'responded_by = $5', 'acknowledged_at = coalesce(acknowledged_at, $3)', 'acknowledged_by = coalesce(acknowledged_by, $5)'],
            [event.data.response, actor],
          );
          break;
        case 'report.action_agreed': {
          const a = event.data;
          await tx.query(
            `INSERT INTO ${actions} (report_id, action_id, what, owner, due_on, theme_id, agreed_on, agreed_by, agreed_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (report_id, action_id) DO NOTHING`,
            [a.reportId, a.actionId, a.what, a.owner, a.dueOn, a.themeId ?? null, a.agreedOn, actor, at],
          );
          await update(recorded, a.reportId, []);
          break;
        }
        case 'report.action_done':
          await tx.query(
            `UPDATE ${actions} SET done_on = $3, done_by = $4, done_at = $5 WHERE report_id = $1 AND action_id = $2 AND done_on IS NULL`,
            [event.data.reportId, event.data.actionId, event.data.doneOn, actor, at],
          );
          await update(recorded, event.data.reportId, []);
          break;
        case 'report.change_checked': {
          const c = event.data;
          await tx.query(
            `INSERT INTO ${table('checks')} (report_id, revision, action_id, theme_id, counted_theme_id, outcome, p_value, p_value_fall, p_value_rise,
               alpha, weeks, before_from, before_to, before_count, after_from, after_to, after_count, checked_by, checked_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
             ON CONFLICT (report_id, revision) DO NOTHING`,
            [
              c.reportId,
              recorded.revision,
              c.actionId,
              c.themeId,
              c.countedThemeId,
              c.outcome,
              c.pValue,
              c.pValueFall,
              c.pValueRise,
              c.alpha,
              c.weeks,
              c.before.from,
              c.before.to,
              c.before.count,
              c.after.from,
              c.after.to,
              c.after.count,
              actor,
              at,
            ],
          );
          await update(recorded, c.reportId, []);
          break;
        }
        case 'person.consent_recorded': {
          const personId = parseStreamName(recorded.stream).id;
          if (!isUuid(personId)) break;
          await tx.query(
            `INSERT INTO ${people} (person_id, share_words) VALUES ($1, $2)
             ON CONFLICT (person_id) DO UPDATE SET share_words = excluded.share_words`,
            [personId, event.data.toShareWordsAnonymised],
          );
          break;
        }
        case 'person.forgotten': {
          const personId = event.data.personId ?? parseStreamName(recorded.stream).id;
          if (!isUuid(personId)) break;
          await tx.query(
            `INSERT INTO ${people} (person_id, share_words, forgotten) VALUES ($1, false, true)
             ON CONFLICT (person_id) DO UPDATE SET share_words = false, forgotten = true`,
            [personId],
          );
          await tx.query(`UPDATE ${table('quotes')} SET text = NULL WHERE person_id = $1`, [personId]);
          break;
        }
      }
    }
  },
};
