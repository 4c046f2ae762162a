import type { INestApplication } from '@nestjs/common';
import { AccountsService } from '#libs/access';
import { commandContext } from '#libs/capture';
import { type Grant, sameGrant } from '#libs/policy';
import type { DemoPlan, DemoStep } from './plan.js';

/** Demo sign-ins use a reserved top-level domain: no mail can ever reach these addresses. */
export const DEMO_EMAIL_DOMAIN = 'demo.learning-loop.invalid';

const ACTOR = 'system:demo-seed';

export interface DemoAccount {
  readonly email: string;
  readonly displayName: string;
  readonly grants: Grant[];
  /** For the coach: the coach record whose people their screens open on. */
  readonly coachId?: string;
}

/**
 * One account for each role, scoped to where the demo has something to show: the coach is the
 * coach record of someone still being coached in the rising pattern's area; the partner is the
 * service that pattern is about, the commissioner that area.
 */
export function demoAccounts(plan: DemoPlan): DemoAccount[] {
  const ended = new Set(plan.steps.flatMap((s) => (s.kind === 'coaching' && s.change.kind === 'end' ? [s.change.personId] : [])));
  const joins = plan.steps.filter((s): s is Extract<DemoStep, { kind: 'join' }> => s.kind === 'join');
  const coached = joins.find((s) => s.input.areaId === plan.spotlight.areaId && !ended.has(s.input.personId)) ?? joins[0];
  const account = (role: string, displayName: string, grants: Grant[], coachId?: string): DemoAccount => ({
    email: `${role}@${DEMO_EMAIL_DOMAIN}`,
    displayName,
    grants,
    ...(coachId ? { coachId } : {}),
  });
  return [
    ...(coached ? [account('coach', 'Demo Coach (sign-in)', [{ role: 'coach', teamId: String(coached.input.teamId) }], String(coached.input.coachId))] : []),
    account('influencer', 'Demo System Influencer', [{ role: 'influencer' }]),
    account('partner', 'Demo Partner Service', [{ role: 'partner', organisationId: plan.spotlight.organisationId }]),
    account('commissioner', 'Demo Commissioner', [{ role: 'commissioner', areaId: plan.spotlight.areaId }]),
    account('leader', 'Demo Leader', [{ role: 'leader' }]),
    account('admin', 'Demo Admin', [{ role: 'admin' }]),
  ];
}

/**
 * Makes each demo account, or brings an existing one back to its demo roles, and sets the given
 * password on all of them (their other sessions end). Running it again adds nothing twice.
 */
export async function ensureDemoAccounts(app: INestApplication, accounts: readonly DemoAccount[], password: string): Promise<{ created: number; updated: number }> {
  const service = app.get(AccountsService);
  const context = () => commandContext({ actor: ACTOR });
  let created = 0;
  let updated = 0;
  for (const wanted of accounts) {
    const existing = await service.byEmail(wanted.email);
    let userId: string;
    if (!existing) {
      userId = (await service.invite({ email: wanted.email, displayName: wanted.displayName, grants: wanted.grants }, context())).receipt.id;
      created++;
    } else {
      if (!existing.active) throw new Error(`The demo account ${wanted.email} has been deactivated; reactivate it in the app (Users and roles) and run this again.`);
      for (const grant of wanted.grants) if (!existing.grants.some((g) => sameGrant(g, grant))) await service.grant(existing.userId, grant, context());
      userId = existing.userId;
      updated++;
    }
    if (wanted.coachId) await service.linkCoachRecord(userId, wanted.coachId, context());
    await service.setPassword(userId, password, 'admin_cli', context());
  }
  return { created, updated };
}
