import { parseStreamName, type RecordedEvent } from '#libs/kernel';
import type { Projection, ProjectionContext } from '#libs/projections';
import { BUDGET_EVENT_TYPES, type BudgetEvent } from './budget.events.js';

/**
 * Personal budget pots per team (funded, spent, committed; balance and available follow from
 * them), every funding, every request with its decision, and every spend. Words about a person
 * (purpose, decline reason, what was spent on) stay sealed. Rows are keyed by event or id, and
 * the totals are recounted from those rows, so applying the same events twice changes nothing.
 * A request's purpose category is in clear (not personal); requests recorded before categories
 * existed arrive upcast as `unspecified`.
 *
 * Version 2: requests gained `purpose_category`.
 */
export const budgetProjection: Projection = {
  name: 'budgets',
  version: 2,
  tables: ['pots', 'fundings', 'requests', 'spends'],
  eventTypes: BUDGET_EVENT_TYPES,

  async setup({ tx, table }: ProjectionContext) {
    await tx.query(`CREATE TABLE ${table('pots')} (
      team_id          uuid PRIMARY KEY,
      funded_pence     bigint NOT NULL,
      spent_pence      bigint NOT NULL,
      committed_pence  bigint NOT NULL
    )`);
    await tx.query(`CREATE TABLE ${table('fundings')} (
      stream        text NOT NULL,
      revision      integer NOT NULL,
      team_id       uuid NOT NULL,
      amount_pence  bigint NOT NULL,
      source        text NOT NULL,
      funded_on     date NOT NULL,
      PRIMARY KEY (stream, revision)
    )`);
    await tx.query(`CREATE INDEX ON ${table('fundings')} (team_id)`);
    await tx.query(`CREATE TABLE ${table('requests')} (
      request_id      uuid PRIMARY KEY,
      team_id         uuid NOT NULL,
      person_id       uuid NOT NULL,
      purpose         text NOT NULL,
      purpose_category text NOT NULL,
      amount_pence    bigint NOT NULL,
      status          text NOT NULL DEFAULT 'requested',
      requested_on    date NOT NULL,
      decided_on      date,
      approved_pence  bigint NOT NULL DEFAULT 0,
      decline_reason  text,
      spent_pence     bigint NOT NULL DEFAULT 0,
      closed_on       date,
      released_pence  bigint NOT NULL DEFAULT 0
    )`);
    await tx.query(`CREATE INDEX ON ${table('requests')} (team_id, requested_on)`);
    await tx.query(`CREATE INDEX ON ${table('requests')} (person_id)`);
    await tx.query(`CREATE TABLE ${table('spends')} (
      spend_id      uuid PRIMARY KEY,
      request_id    uuid NOT NULL,
      team_id       uuid NOT NULL,
      amount_pence  bigint NOT NULL,
      on_what       text NOT NULL,
      spent_on      date NOT NULL
    )`);
    await tx.query(`CREATE INDEX ON ${table('spends')} (request_id)`);
    await tx.query(`CREATE INDEX ON ${table('spends')} (team_id)`);
  },

  async apply(events: readonly RecordedEvent[], { tx, table }: ProjectionContext) {
    const requests = table('requests');
    const touched = new Set<string>();
    for (const recorded of events) {
      const teamId = parseStreamName(recorded.stream).id;
      touched.add(teamId);
      const event = recorded as unknown as BudgetEvent;
      switch (event.type) {
        case 'budget.funded':
          await tx.query(
            `INSERT INTO ${table('fundings')} (stream, revision, team_id, amount_pence, source, funded_on)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (stream, revision) DO NOTHING`,
            [recorded.stream, recorded.revision, teamId, event.data.amountPence, event.data.source, event.data.fundedOn],
          );
          break;
        case 'budget.requested': {
          const d = event.data;
          await tx.query(
            `INSERT INTO ${requests} (request_id, team_id, person_id, purpose, purpose_category, amount_pence, requested_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (request_id) DO NOTHING`,
            [d.requestId, teamId, d.personId, d.purpose, d.purposeCategory, d.amountPence, d.requestedOn],
          );
          break;
        }
        case 'budget.request_approved':
          await tx.query(`UPDATE ${requests} SET status = 'approved', decided_on = $2, approved_pence = $3 WHERE request_id = $1`, [
            event.data.requestId,
            event.data.approvedOn,
            event.data.amountPence,
          ]);
          break;
        case 'budget.request_declined':
          await tx.query(`UPDATE ${requests} SET status = 'declined', decided_on = $2, decline_reason = $3 WHERE request_id = $1`, [
            event.data.requestId,
            event.data.declinedOn,
            event.data.reason,
          ]);
          break;
        case 'budget.spent': {
          const d = event.data;
          await tx.query(
            `INSERT INTO ${table('spends')} (spend_id, request_id, team_id, amount_pence, on_what, spent_on)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (spend_id) DO NOTHING`,
            [d.spendId, d.requestId, teamId, d.amountPence, d.onWhat, d.spentOn],
          );
          await tx.query(
            `UPDATE ${requests} SET spent_pence = (SELECT coalesce(sum(amount_pence), 0) FROM ${table('spends')} WHERE request_id = $1)
              WHERE request_id = $1`,
            [d.requestId],
          );
          break;
        }
        case 'budget.request_closed':
          await tx.query(`UPDATE ${requests} SET status = 'closed', closed_on = $2, released_pence = $3 WHERE request_id = $1`, [
            event.data.requestId,
            event.data.closedOn,
            event.data.releasedPence,
          ]);
          break;
      }
    }
    for (const teamId of touched) {
      await tx.query(
        `INSERT INTO ${table('pots')} (team_id, funded_pence, spent_pence, committed_pence)
         VALUES ($1,
           (SELECT coalesce(sum(amount_pence), 0) FROM ${table('fundings')} WHERE team_id = $1),
           (SELECT coalesce(sum(amount_pence), 0) FROM ${table('spends')} WHERE team_id = $1),
           (SELECT coalesce(sum(approved_pence - spent_pence), 0) FROM ${requests} WHERE team_id = $1 AND status = 'approved'))
         ON CONFLICT (team_id) DO UPDATE SET funded_pence = excluded.funded_pence, spent_pence = excluded.spent_pence,
           committed_pence = excluded.committed_pence`,
        [teamId],
      );
    }
  },
};
