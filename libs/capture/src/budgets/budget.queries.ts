import { Inject, Injectable } from '@nestjs/common';
import type { PersonalDataVault, Sealed } from '#libs/kernel';
import type { SqlExecutor } from '#libs/database';
import { READ_MODELS } from '#libs/projections';
import { PERSONAL_DATA_VAULT } from '../shared/tokens.js';
import type { BudgetFundingView, BudgetPotView, BudgetRequestView, BudgetSpendView } from './budget.graphql.js';

interface PotRow {
  funded_pence: string;
  spent_pence: string;
  committed_pence: string;
}

interface RequestRow {
  request_id: string;
  team_id: string;
  person_id: string;
  purpose: Sealed;
  purpose_category: string;
  amount_pence: string;
  status: string;
  requested_on: string;
  decided_on: string | null;
  approved_pence: string;
  decline_reason: Sealed | null;
  spent_pence: string;
  closed_on: string | null;
}

interface SpendRow {
  spend_id: string;
  request_id: string;
  amount_pence: string;
  on_what: Sealed;
  spent_on: string;
}

const DATE = (column: string) => `to_char(${column}, 'YYYY-MM-DD') AS ${column}`;
const REQUEST_COLUMNS = `request_id, team_id, person_id, purpose, purpose_category, amount_pence, status, ${DATE('requested_on')}, ${DATE('decided_on')},
  approved_pence, decline_reason, spent_pence, ${DATE('closed_on')}`;

/** Budget requests with their spends; the person's words opened on the way out (null once forgotten). */
async function requestViews(db: SqlExecutor, vault: PersonalDataVault, rows: RequestRow[]): Promise<BudgetRequestView[]> {
  if (rows.length === 0) return [];
  const spends = await db.query<SpendRow>(
    `SELECT spend_id, request_id, amount_pence, on_what, ${DATE('spent_on')} FROM budgets_spends
      WHERE request_id = ANY($1::uuid[]) ORDER BY spent_on, spend_id`,
    [rows.map((r) => r.request_id)],
  );
  const onWhat = await vault.openMany(spends.rows.map((s) => s.on_what));
  const byRequest = new Map<string, BudgetSpendView[]>();
  spends.rows.forEach((s, i) => {
    const list = byRequest.get(s.request_id) ?? [];
    list.push({ id: s.spend_id, amountPence: Number(s.amount_pence), onWhat: onWhat[i], spentOn: s.spent_on });
    byRequest.set(s.request_id, list);
  });
  const purposes = await vault.openMany(rows.map((r) => r.purpose));
  const reasons = await vault.openMany(rows.map((r) => r.decline_reason));
  return rows.map((r, i) => ({
    id: r.request_id,
    teamId: r.team_id,
    personId: r.person_id,
    purpose: purposes[i],
    purposeCategory: r.purpose_category,
    amountPence: Number(r.amount_pence),
    status: r.status,
    requestedOn: r.requested_on,
    decidedOn: r.decided_on,
    approvedPence: Number(r.approved_pence),
    declineReason: reasons[i],
    spentPence: Number(r.spent_pence),
    committedPence: r.status === 'approved' ? Number(r.approved_pence) - Number(r.spent_pence) : 0,
    closedOn: r.closed_on,
    spends: byRequest.get(r.request_id) ?? [],
  }));
}

/** A person's personal budget requests, from whichever team's pot, newest first. */
export async function budgetRequestsOf(db: SqlExecutor, vault: PersonalDataVault, personId: string): Promise<BudgetRequestView[]> {
  const { rows } = await db.query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM budgets_requests WHERE person_id = $1 ORDER BY requested_on DESC, request_id`,
    [personId],
  );
  return requestViews(db, vault, rows);
}

/** A team's pot with its fundings and requests. A pot never funded reads as empty. */
export async function budgetPotOf(db: SqlExecutor, vault: PersonalDataVault, teamId: string): Promise<BudgetPotView> {
  const pot = (
    await db.query<PotRow>('SELECT funded_pence, spent_pence, committed_pence FROM budgets_pots WHERE team_id = $1', [teamId])
  ).rows[0];
  const funded = Number(pot?.funded_pence ?? 0);
  const spent = Number(pot?.spent_pence ?? 0);
  const committed = Number(pot?.committed_pence ?? 0);
  const fundings = await db.query<{ amount_pence: string; source: string; funded_on: string }>(
    `SELECT amount_pence, source, ${DATE('funded_on')} FROM budgets_fundings WHERE team_id = $1 ORDER BY funded_on, revision`,
    [teamId],
  );
  const requests = await db.query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM budgets_requests WHERE team_id = $1 ORDER BY requested_on DESC, request_id`,
    [teamId],
  );
  const waiting = requests.rows.filter((r) => r.status === 'requested');
  const fundingViews: BudgetFundingView[] = fundings.rows.map((f) => ({ amountPence: Number(f.amount_pence), source: f.source, fundedOn: f.funded_on }));
  return {
    teamId,
    fundedPence: funded,
    spentPence: spent,
    committedPence: committed,
    balancePence: funded - spent,
    availablePence: funded - spent - committed,
    awaitingDecisionPence: waiting.reduce((sum, r) => sum + Number(r.amount_pence), 0),
    awaitingDecisionCount: waiting.length,
    fundings: fundingViews,
    requests: await requestViews(db, vault, requests.rows),
  };
}

/** Reads the budget read models for coaches; which roles may call it is decided in front of it. */
@Injectable()
export class BudgetQueries {
  constructor(
    @Inject(READ_MODELS) private readonly db: SqlExecutor,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  pot(teamId: string): Promise<BudgetPotView> {
    return budgetPotOf(this.db, this.vault, teamId);
  }
}
