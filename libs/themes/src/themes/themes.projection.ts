import type { RecordedEvent } from '#libs/kernel';
import type { Projection, ProjectionContext } from '#libs/projections';
import { ORGANISATION_MERGES_COLUMNS, recordOrganisationMerge, survivorSql } from '#libs/capture';
import { type ClusterDismissed, THEME_EVENT_TYPES, type ThemeEvent } from './theme.events.js';

/** The observation facts a theme's counts need (capture's events, followed here; no words). */
type ObservationFact =
  | {
      type: 'observation.recorded';
      data: { observationId: string; kind: string; organisationId?: string; areaId: string; categoryId: string; occurredOn: string };
    }
  | {
      type: 'observation.amended';
      data: { observationId: string; corrections: { kind?: string; organisationId?: string; areaId?: string; categoryId?: string; occurredOn?: string } };
    }
  | { type: 'observation.retracted'; data: { observationId: string } }
  | { type: 'observation.organisation_matched'; data: { observationId: string; organisationId: string } }
  | { type: 'organisation.merged'; data: { organisationId: string; intoOrganisationId: string } };

type Followed = ThemeEvent | ClusterDismissed | ObservationFact;

/**
 * Themes and their evidence, kept so that every question can be answered as of a moment:
 *
 * - `themes`: each theme as it now stands;
 * - `changes`: every step of every theme with its status and name after it, and when it was
 *   recorded (the timeline, and a theme's status or name as of a date);
 * - `links`: which observation evidenced which theme from when to when (recorded time);
 * - `facts`: each version of an observation's countable facts (kind, organisation, area,
 *   category, date, retracted) with the recorded time it held from and to;
 * - `dismissed`, `dismissed_clusters`: suggestions an influencer dismissed, never offered again;
 * - `merges`: organisation records folded into their survivor (followed as they stand now).
 *
 * Counts at a moment T join the links and facts valid at T. Nothing here is personal data.
 */
export const themesProjection: Projection = {
  name: 'themes',
  version: 1,
  tables: ['themes', 'changes', 'links', 'facts', 'dismissed', 'dismissed_clusters', 'merges'],
  eventTypes: [
    ...THEME_EVENT_TYPES,
    'theme.cluster_dismissed',
    'observation.recorded',
    'observation.amended',
    'observation.retracted',
    'observation.organisation_matched',
    'organisation.merged',
  ],

  async setup({ tx, table }: ProjectionContext) {
    await tx.query(`CREATE TABLE ${table('themes')} (
      theme_id      uuid PRIMARY KEY,
      revision      integer NOT NULL,
      name          text NOT NULL,
      description   text NOT NULL,
      category_ids  text[] NOT NULL,
      key_terms     text[] NOT NULL,
      status        text NOT NULL,
      merged_into   uuid,
      split_from    uuid,
      proposed_by   text NOT NULL,
      proposed_at   timestamptz NOT NULL,
      changed_at    timestamptz NOT NULL
    )`);
    await tx.query(`CREATE TABLE ${table('changes')} (
      theme_id  uuid NOT NULL,
      revision  integer NOT NULL,
      change    text NOT NULL,
      status    text NOT NULL,
      name      text NOT NULL,
      note      text,
      other_theme_id uuid,
      observations integer NOT NULL DEFAULT 0,
      actor     text NOT NULL,
      at        timestamptz NOT NULL,
      PRIMARY KEY (theme_id, revision)
    )`);
    await tx.query(`CREATE INDEX ON ${table('changes')} (at)`);
    await tx.query(`CREATE TABLE ${table('links')} (
      theme_id        uuid NOT NULL,
      observation_id  uuid NOT NULL,
      linked_at       timestamptz NOT NULL,
      unlinked_at     timestamptz,
      PRIMARY KEY (theme_id, observation_id, linked_at)
    )`);
    await tx.query(`CREATE INDEX ON ${table('links')} (observation_id)`);
    await tx.query(`CREATE TABLE ${table('facts')} (
      observation_id   uuid NOT NULL,
      revision         integer NOT NULL,
      kind             text NOT NULL,
      organisation_id  uuid,
      area_id          uuid NOT NULL,
      category_id      text NOT NULL,
      occurred_on      date NOT NULL,
      retracted        boolean NOT NULL,
      valid_from       timestamptz NOT NULL,
      valid_to         timestamptz,
      PRIMARY KEY (observation_id, revision)
    )`);
    await tx.query(`CREATE INDEX ON ${table('facts')} (occurred_on) WHERE valid_to IS NULL`);
    await tx.query(`CREATE TABLE ${table('dismissed')} (
      theme_id        uuid NOT NULL,
      observation_id  uuid NOT NULL,
      PRIMARY KEY (theme_id, observation_id)
    )`);
    await tx.query(`CREATE TABLE ${table('dismissed_clusters')} (
      key              text PRIMARY KEY,
      observation_ids  uuid[] NOT NULL
    )`);
    await tx.query(`CREATE TABLE ${table('merges')} (${ORGANISATION_MERGES_COLUMNS})`);
  },

  async apply(events: readonly RecordedEvent[], { tx, table }: ProjectionContext) {
    const themes = table('themes');
    const changes = table('changes');
    const links = table('links');
    const facts = table('facts');
    const merges = table('merges');

    /** Records one step of a theme, with the status and name it has after the step. */
    const step = async (recorded: RecordedEvent, themeId: string, change: string, extra: { note?: string; other?: string; observations?: number } = {}) => {
      await tx.query(
        `INSERT INTO ${changes} (theme_id, revision, change, status, name, note, other_theme_id, observations, actor, at)
         SELECT theme_id, $2, $3, status, name, $4, $5, $6, $7, $8 FROM ${themes} WHERE theme_id = $1
         ON CONFLICT (theme_id, revision) DO NOTHING`,
        [themeId, recorded.revision, change, extra.note ?? null, extra.other ?? null, extra.observations ?? 0, recorded.metadata.actor, recorded.metadata.recordedAt],
      );
    };
    /** Updates a theme once per event (a repeated delivery finds the revision already applied). */
    const update = async (recorded: RecordedEvent, themeId: string, sets: string, params: unknown[] = []) => {
      const result = await tx.query(
        `UPDATE ${themes} SET ${sets ? `${sets}, ` : ''}revision = $2, changed_at = $3 WHERE theme_id = $1 AND revision < $2`,
        [themeId, recorded.revision, recorded.metadata.recordedAt, ...params],
      );
      return (result.rowCount ?? 0) > 0;
    };
    const link = (themeId: string, ids: readonly string[], at: string) =>
      tx.query(
        `INSERT INTO ${links} (theme_id, observation_id, linked_at)
         SELECT $1, id, $3 FROM unnest($2::uuid[]) AS id
          WHERE NOT EXISTS (SELECT 1 FROM ${links} WHERE theme_id = $1 AND observation_id = id AND unlinked_at IS NULL)
         ON CONFLICT DO NOTHING`,
        [themeId, ids, at],
      );
    const unlink = (themeId: string, ids: readonly string[] | null, at: string) =>
      tx.query(
        `UPDATE ${links} SET unlinked_at = $3
          WHERE theme_id = $1 AND unlinked_at IS NULL AND linked_at < $3 AND ($2::uuid[] IS NULL OR observation_id = ANY($2::uuid[]))`,
        [themeId, ids, at],
      );
    const insertTheme = (recorded: RecordedEvent, d: { themeId: string; name: string; description: string; categoryIds: readonly string[]; keyTerms: readonly string[] }, status: string, splitFrom: string | null) =>
      tx.query(
        `INSERT INTO ${themes} (theme_id, revision, name, description, category_ids, key_terms, status, split_from, proposed_by, proposed_at, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) ON CONFLICT (theme_id) DO NOTHING`,
        [d.themeId, recorded.revision, d.name, d.description, [...d.categoryIds], [...d.keyTerms], status, splitFrom, recorded.metadata.actor, recorded.metadata.recordedAt],
      );
    /** A new version of an observation's facts, from the version before with `changes` applied. */
    const nextFacts = async (recorded: RecordedEvent, observationId: string, changes: Record<string, unknown>) => {
      const at = recorded.metadata.recordedAt;
      const current = await tx.query<Record<string, unknown>>(
        `SELECT kind, organisation_id, area_id, category_id, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, retracted, revision
           FROM ${facts} WHERE observation_id = $1 AND valid_to IS NULL`,
        [observationId],
      );
      const row = current.rows[0];
      if (!row || (row.revision as number) >= recorded.revision) return;
      const next = { ...row, ...changes };
      await tx.query(`UPDATE ${facts} SET valid_to = $2 WHERE observation_id = $1 AND valid_to IS NULL`, [observationId, at]);
      await tx.query(
        `INSERT INTO ${facts} (observation_id, revision, kind, organisation_id, area_id, category_id, occurred_on, retracted, valid_from)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [observationId, recorded.revision, next.kind, next.organisation_id, next.area_id, next.category_id, next.occurred_on, next.retracted, at],
      );
    };
    const survivor = (param: string) => survivorSql(merges, param);

    for (const recorded of events) {
      const event = recorded as unknown as Followed;
      const at = recorded.metadata.recordedAt;
      switch (event.type) {
        case 'theme.proposed':
          await insertTheme(recorded, event.data, 'emerging', null);
          await link(event.data.themeId, event.data.observationIds, at);
          await step(recorded, event.data.themeId, 'proposed', { observations: event.data.observationIds.length });
          break;
        case 'theme.split_off':
          await insertTheme(recorded, event.data, event.data.status, event.data.fromThemeId);
          await link(event.data.themeId, event.data.observationIds, at);
          await step(recorded, event.data.themeId, 'split_off', { other: event.data.fromThemeId, observations: event.data.observationIds.length });
          break;
        case 'theme.confirmed':
          if (await update(recorded, event.data.themeId, `status = 'confirmed'`)) await step(recorded, event.data.themeId, 'confirmed');
          break;
        case 'theme.redefined': {
          const d = event.data;
          const sets: string[] = [];
          const params: unknown[] = [];
          const add = (column: string, value: unknown) => {
            params.push(value);
            sets.push(`${column} = $${params.length + 3}`);
          };
          if (d.name !== undefined) add('name', d.name);
          if (d.description !== undefined) add('description', d.description);
          if (d.categoryIds !== undefined) add('category_ids', [...d.categoryIds]);
          if (d.keyTerms !== undefined) add('key_terms', [...d.keyTerms]);
          if (await update(recorded, d.themeId, sets.join(', '), params)) await step(recorded, d.themeId, 'redefined');
          break;
        }
        case 'theme.observations_linked':
          if (await update(recorded, event.data.themeId, '')) {
            await link(event.data.themeId, event.data.observationIds, at);
            await step(recorded, event.data.themeId, 'linked', { observations: event.data.observationIds.length });
          }
          break;
        case 'theme.observations_unlinked':
          if (await update(recorded, event.data.themeId, '')) {
            await unlink(event.data.themeId, event.data.observationIds, at);
            await step(recorded, event.data.themeId, 'unlinked', { observations: event.data.observationIds.length });
          }
          break;
        case 'theme.status_changed':
          if (await update(recorded, event.data.themeId, 'status = $4', [event.data.to])) {
            await step(recorded, event.data.themeId, 'status_changed', { note: event.data.note });
          }
          break;
        case 'theme.merged':
          if (await update(recorded, event.data.themeId, `status = 'merged', merged_into = $4`, [event.data.intoThemeId])) {
            await unlink(event.data.themeId, null, at);
            await step(recorded, event.data.themeId, 'merged', { other: event.data.intoThemeId, observations: event.data.observationIds.length });
          }
          break;
        case 'theme.absorbed':
          if (await update(recorded, event.data.themeId, '')) {
            await link(event.data.themeId, event.data.observationIds, at);
            await step(recorded, event.data.themeId, 'absorbed', { other: event.data.fromThemeId, observations: event.data.observationIds.length });
          }
          break;
        case 'theme.split':
          if (await update(recorded, event.data.themeId, '')) {
            await unlink(event.data.themeId, event.data.observationIds, at);
            await step(recorded, event.data.themeId, 'split', { other: event.data.newThemeId, observations: event.data.observationIds.length });
          }
          break;
        case 'theme.suggestions_dismissed':
          await tx.query(
            `INSERT INTO ${table('dismissed')} (theme_id, observation_id) SELECT $1, id FROM unnest($2::uuid[]) AS id ON CONFLICT DO NOTHING`,
            [event.data.themeId, event.data.observationIds],
          );
          break;
        case 'theme.cluster_dismissed':
          await tx.query(`INSERT INTO ${table('dismissed_clusters')} (key, observation_ids) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
            event.data.key,
            event.data.observationIds,
          ]);
          break;
        case 'observation.recorded': {
          const d = event.data;
          await tx.query(
            `INSERT INTO ${facts} (observation_id, revision, kind, organisation_id, area_id, category_id, occurred_on, retracted, valid_from)
             VALUES ($1, $2, $3, ${survivor('$4')}, $5, $6, $7, false, $8) ON CONFLICT DO NOTHING`,
            [d.observationId, recorded.revision, d.kind, d.organisationId ?? null, d.areaId, d.categoryId, d.occurredOn, at],
          );
          break;
        }
        case 'observation.amended': {
          const c = event.data.corrections;
          const next: Record<string, unknown> = {};
          if (c.kind !== undefined) next.kind = c.kind;
          if (c.areaId !== undefined) next.area_id = c.areaId;
          if (c.categoryId !== undefined) next.category_id = c.categoryId;
          if (c.occurredOn !== undefined) next.occurred_on = c.occurredOn;
          if (c.organisationId !== undefined) next.organisation_id = await survivorOf(c.organisationId);
          if (Object.keys(next).length > 0) await nextFacts(recorded, event.data.observationId, next);
          break;
        }
        case 'observation.retracted':
          await nextFacts(recorded, event.data.observationId, { retracted: true });
          break;
        case 'observation.organisation_matched':
          await nextFacts(recorded, event.data.observationId, { organisation_id: await survivorOf(event.data.organisationId) });
          break;
        case 'organisation.merged': {
          const merged = event.data.organisationId;
          if (!(await recordOrganisationMerge(tx, merges, merged, event.data.intoOrganisationId))) break;
          // Counts follow the survivor from now on (as the organisation tree itself does).
          await tx.query(`UPDATE ${facts} SET organisation_id = ${survivor('$1')} WHERE organisation_id = $1`, [merged]);
          break;
        }
      }
    }

    async function survivorOf(organisationId: string): Promise<string> {
      const { rows } = await tx.query<{ id: string }>(`SELECT ${survivor('$1')} AS id`, [organisationId]);
      return rows[0].id;
    }
  },
};
