import { isUuid, parseStreamName, type RecordedEvent } from '#libs/kernel';
import type { Projection, ProjectionContext } from '#libs/projections';
import { ORGANISATION_MERGES_COLUMNS, recordOrganisationMerge, survivorSql } from '../organisations/organisation-merges.sql.js';
import { CORRECTABLE_FIELDS, OBSERVATION_EVENT_TYPES, type ObservationCorrections, type ObservationEvent } from './observation.events.js';

/** Another slice's event this read model follows: a duplicate organisation record folded into its survivor. */
export interface OrganisationMerged {
  readonly type: 'organisation.merged';
  readonly data: { readonly organisationId: string; readonly intoOrganisationId: string };
}

/** The person's consent as it now stands (people slice). */
interface ConsentRecorded {
  readonly type: 'person.consent_recorded';
  readonly data: { readonly toShareWordsAnonymised: boolean };
}

/** A person asked to be forgotten (added by a later issue; handled here already). */
interface PersonForgotten {
  readonly type: 'person.forgotten';
  readonly data: { readonly personId?: string };
}

type Followed = ObservationEvent | OrganisationMerged | ConsentRecorded | PersonForgotten;

/** Column of `records` each correctable field is kept in. */
const COLUMN: Record<Exclude<keyof ObservationCorrections, 'organisationId' | 'quote'>, string> = {
  kind: 'kind',
  areaId: 'area_id',
  categoryId: 'category_id',
  whatHappened: 'what_happened',
  impact: 'impact',
  impactTags: 'impact_tags',
  severity: 'severity',
  occurredOn: 'occurred_on',
};

/**
 * Every observation as it now stands, for filtering and paging (`observations_records`), and
 * the history of each one (`observations_history`).
 *
 * Words stay sealed here; the queries open them on the way out. Free-text search therefore
 * opens the candidates that the other filters leave, in the query, instead of keeping a
 * plain-text search index: no derivative of a person's words is ever at rest in the read model
 * (so there is nothing extra to wipe when they are forgotten), and the projection depends only
 * on the events, as projections must, so a rebuild gives the same rows.
 *
 * Merges are followed: `organisation_id` is the organisation an observation counts for now (the
 * survivor), `named_organisation_id` the record it was made against. Quotes are shown only
 * while the person's current consent allows (`quote_shareable`); when a person is forgotten
 * their quotes are deleted outright.
 */
export const observationsProjection: Projection = {
  name: 'observations',
  // 2: quote approvals (approved_quote and who approved it, when).
  version: 2,
  tables: ['records', 'history', 'merges', 'consents'],
  eventTypes: [...OBSERVATION_EVENT_TYPES, 'organisation.merged', 'person.consent_recorded', 'person.forgotten'],

  async setup({ tx, table }: ProjectionContext) {
    await tx.query(`CREATE TABLE ${table('records')} (
      observation_id         uuid PRIMARY KEY,
      revision               integer NOT NULL,
      kind                   text NOT NULL,
      organisation_id        uuid,
      named_organisation_id  uuid,
      unmatched_name         text,
      area_id                uuid NOT NULL,
      category_id            text NOT NULL,
      occurred_on            date NOT NULL,
      severity               smallint NOT NULL,
      impact_tags            text[] NOT NULL,
      status                 text NOT NULL,
      person_id              uuid,
      interaction_id         uuid,
      what_happened          text NOT NULL,
      impact                 text NOT NULL,
      quote                  text,
      quote_shareable        boolean NOT NULL DEFAULT false,
      approved_quote         text,
      quote_approved_by      text,
      quote_approved_at      timestamptz,
      person_forgotten       boolean NOT NULL DEFAULT false,
      retraction_reason      text,
      recorded_by            text NOT NULL,
      recorded_at            timestamptz NOT NULL,
      changed_at             timestamptz NOT NULL
    )`);
    await tx.query(`CREATE INDEX ON ${table('records')} (occurred_on DESC, recorded_at DESC, observation_id DESC)`);
    await tx.query(`CREATE INDEX ON ${table('records')} (organisation_id, occurred_on)`);
    await tx.query(`CREATE INDEX ON ${table('records')} (area_id, occurred_on)`);
    await tx.query(`CREATE INDEX ON ${table('records')} (category_id, occurred_on)`);
    await tx.query(`CREATE INDEX ON ${table('records')} (person_id)`);
    await tx.query(`CREATE INDEX ON ${table('records')} USING gin (impact_tags)`);
    await tx.query(`CREATE TABLE ${table('history')} (
      observation_id  uuid NOT NULL,
      revision        integer NOT NULL,
      change          text NOT NULL,
      fields          text[] NOT NULL,
      reason          text,
      actor           text NOT NULL,
      at              timestamptz NOT NULL,
      PRIMARY KEY (observation_id, revision)
    )`);
    await tx.query(`CREATE TABLE ${table('merges')} (${ORGANISATION_MERGES_COLUMNS})`);
    await tx.query(`CREATE TABLE ${table('consents')} (
      person_id    uuid PRIMARY KEY,
      share_words  boolean NOT NULL
    )`);
  },

  async apply(events: readonly RecordedEvent[], { tx, table }: ProjectionContext) {
    const records = table('records');
    const history = table('history');
    const merges = table('merges');
    const consents = table('consents');
    /** The organisation an id counts as now: its survivor when it was merged. */
    const survivor = (param: string) => survivorSql(merges, param);
    const shareable = (person: string) => `coalesce((SELECT share_words FROM ${consents} WHERE person_id = ${person}::uuid), false)`;
    const remember = (recorded: RecordedEvent, observationId: string, change: string, fields: string[], reason: string | null) =>
      tx.query(
        `INSERT INTO ${history} (observation_id, revision, change, fields, reason, actor, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (observation_id, revision) DO NOTHING`,
        [observationId, recorded.revision, change, fields, reason, recorded.metadata.actor, recorded.metadata.recordedAt],
      );

    for (const recorded of events) {
      const event = recorded as unknown as Followed;
      const at = recorded.metadata.recordedAt;
      switch (event.type) {
        case 'observation.recorded': {
          const d = event.data;
          await tx.query(
            `INSERT INTO ${records} (observation_id, revision, kind, organisation_id, named_organisation_id, unmatched_name, area_id,
               category_id, occurred_on, severity, impact_tags, status, person_id, interaction_id, what_happened, impact, quote,
               quote_shareable, recorded_by, recorded_at, changed_at)
             VALUES ($1, $2, $3, ${survivor('$4')}, $4, $5, $6, $7, $8, $9, $10, 'recorded', $11, $12, $13, $14, $15,
               $15::text IS NOT NULL AND ${shareable('$11')}, $16, $17, $17)
             ON CONFLICT (observation_id) DO NOTHING`,
            [
              d.observationId,
              recorded.revision,
              d.kind,
              d.organisationId ?? null,
              d.unmatchedOrganisationName ?? null,
              d.areaId,
              d.categoryId,
              d.occurredOn,
              d.severity,
              [...d.impactTags],
              d.personId ?? null,
              d.interactionId ?? null,
              d.whatHappened,
              d.impact,
              d.quote ?? null,
              recorded.metadata.actor,
              at,
            ],
          );
          await remember(recorded, d.observationId, 'recorded', [], null);
          break;
        }
        case 'observation.amended': {
          const { observationId, corrections, reason } = event.data;
          const params: unknown[] = [observationId, recorded.revision, at];
          const sets = ['revision = $2', 'changed_at = $3', `status = 'amended'`];
          const param = (value: unknown) => {
            params.push(value);
            return `$${params.length}`;
          };
          for (const [field, column] of Object.entries(COLUMN) as [keyof typeof COLUMN, string][]) {
            const value = corrections[field];
            if (value === undefined) continue;
            sets.push(`${column} = ${param(Array.isArray(value) ? [...value] : value)}`);
          }
          if (corrections.organisationId !== undefined) {
            const p = param(corrections.organisationId);
            sets.push(`named_organisation_id = ${p}::uuid`, `organisation_id = ${survivor(p)}`);
          }
          if (corrections.quote !== undefined) {
            const p = param(corrections.quote);
            // A changed or removed quote needs approving again.
            sets.push(
              `quote = ${p}::text`,
              `quote_shareable = ${p}::text IS NOT NULL AND ${shareable(`${records}.person_id`)}`,
              'approved_quote = NULL',
              'quote_approved_by = NULL',
              'quote_approved_at = NULL',
            );
          }
          await tx.query(`UPDATE ${records} SET ${sets.join(', ')} WHERE observation_id = $1 AND revision < $2`, params);
          const fields = CORRECTABLE_FIELDS.filter((field) => corrections[field] !== undefined);
          await remember(recorded, observationId, 'amended', fields, reason ?? null);
          break;
        }
        case 'observation.retracted':
          await tx.query(
            `UPDATE ${records} SET status = 'retracted', retraction_reason = $3, revision = $2, changed_at = $4
              WHERE observation_id = $1 AND revision < $2`,
            [event.data.observationId, recorded.revision, event.data.reason, at],
          );
          await remember(recorded, event.data.observationId, 'retracted', [], event.data.reason);
          break;
        case 'observation.organisation_matched':
          await tx.query(
            `UPDATE ${records} SET named_organisation_id = $3, organisation_id = ${survivor('$3')}, revision = $2, changed_at = $4
              WHERE observation_id = $1 AND revision < $2`,
            [event.data.observationId, recorded.revision, event.data.organisationId, at],
          );
          await remember(recorded, event.data.observationId, 'organisation_matched', ['organisationId'], null);
          break;
        case 'observation.quote_approved':
          await tx.query(
            `UPDATE ${records} SET approved_quote = $3, quote_approved_by = $4, quote_approved_at = $5, revision = $2, changed_at = $5
              WHERE observation_id = $1 AND revision < $2`,
            [event.data.observationId, recorded.revision, event.data.text, recorded.metadata.actor, at],
          );
          await remember(recorded, event.data.observationId, 'quote_approved', [], null);
          break;
        case 'observation.quote_approval_withdrawn':
          await tx.query(
            `UPDATE ${records} SET approved_quote = NULL, quote_approved_by = NULL, quote_approved_at = NULL, revision = $2, changed_at = $3
              WHERE observation_id = $1 AND revision < $2`,
            [event.data.observationId, recorded.revision, at],
          );
          await remember(recorded, event.data.observationId, 'quote_approval_withdrawn', [], event.data.reason);
          break;
        case 'organisation.merged': {
          const merged = event.data.organisationId;
          if (!(await recordOrganisationMerge(tx, merges, merged, event.data.intoOrganisationId))) break;
          await tx.query(`UPDATE ${records} SET organisation_id = ${survivor('$1')} WHERE organisation_id = $1`, [merged]);
          break;
        }
        case 'person.consent_recorded': {
          const personId = parseStreamName(recorded.stream).id;
          if (!isUuid(personId)) break;
          await tx.query(
            `INSERT INTO ${consents} (person_id, share_words) VALUES ($1, $2)
             ON CONFLICT (person_id) DO UPDATE SET share_words = excluded.share_words`,
            [personId, event.data.toShareWordsAnonymised],
          );
          await tx.query(`UPDATE ${records} SET quote_shareable = (quote IS NOT NULL AND $2) WHERE person_id = $1`, [
            personId,
            event.data.toShareWordsAnonymised,
          ]);
          break;
        }
        case 'person.forgotten': {
          const personId = event.data.personId ?? parseStreamName(recorded.stream).id;
          if (!isUuid(personId)) break;
          // Their words were sealed with their key, now destroyed; the quotes go altogether.
          await tx.query(`UPDATE ${records} SET quote = NULL, quote_shareable = false, approved_quote = NULL, person_forgotten = true WHERE person_id = $1`, [personId]);
          await tx.query(`DELETE FROM ${consents} WHERE person_id = $1`, [personId]);
          break;
        }
      }
    }
  },
};
