import { PgliteDatabase, type SqlDatabase } from '#libs/database';
import { describeIfPostgres, openTestSchema } from '../../../database/src/testing/index.js';
import type { PendingOidcSignIn } from './oidc-client.js';
import { PendingOidcSignInStore } from './pending-sign-in-store.js';

const settings = { validMs: 10 * 60 * 1000, keepExpiredMs: 60 * 60 * 1000 };

let counter = 0;
function pendingSignIn(): PendingOidcSignIn {
  counter += 1;
  return { state: `state-${counter}`, nonce: `nonce-${counter}`, codeVerifier: `verifier-${counter}` };
}

function storeSpec(open: () => Promise<{ db: SqlDatabase; close(): Promise<void> }>) {
  let db: SqlDatabase;
  let close: () => Promise<void>;
  let store: PendingOidcSignInStore;

  beforeAll(async () => {
    ({ db, close } = await open());
    store = new PendingOidcSignInStore(db, settings);
    await store.migrate();
    await store.migrate(); // twice, as every start does
  });
  afterAll(() => close());

  const expireMinutesAgo = (minutes: number, state: string) =>
    db.query(`UPDATE oidc_pending_sign_ins SET expires_at = now() - make_interval(mins => $1) WHERE state = $2`, [minutes, state]);
  const states = async () => (await db.query<{ state: string }>('SELECT state FROM oidc_pending_sign_ins ORDER BY state')).rows.map((r) => r.state);

  it('given a saved pending sign-in, when its id is taken, then it comes back once and is gone', async () => {
    const pending = pendingSignIn();
    const { id, expiresAt } = await store.save(pending);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(settings.validMs - 60_000);
    await expect(store.take(id)).resolves.toEqual({ status: 'live', pending });
    await expect(store.take(id)).resolves.toEqual({ status: 'unknown' });
    expect(await states()).not.toContain(pending.state);
  });

  it('keeps only a hash of the id the browser holds', async () => {
    const { id } = await store.save(pendingSignIn());
    const { rows } = await db.query<{ id_hash: string }>('SELECT id_hash FROM oidc_pending_sign_ins');
    expect(rows.map((r) => r.id_hash)).not.toContain(id);
    await store.take(id);
  });

  it('given an id that was never issued, then nothing is found', async () => {
    await expect(store.take('not-an-issued-id')).resolves.toEqual({ status: 'unknown' });
  });

  it('given a pending sign-in past its expiry, when taken, then it is reported expired (not returned) and removed', async () => {
    const pending = pendingSignIn();
    const { id } = await store.save(pending);
    await expireMinutesAgo(1, pending.state);
    await expect(store.take(id)).resolves.toEqual({ status: 'expired' });
    await expect(store.take(id)).resolves.toEqual({ status: 'unknown' });
  });

  it('when a sign-in begins, then those expired for longer than keepExpiredMs are purged, and the others kept', async () => {
    const live = pendingSignIn();
    const recentlyExpired = pendingSignIn();
    const longExpired = pendingSignIn();
    for (const pending of [live, recentlyExpired, longExpired]) await store.save(pending);
    await expireMinutesAgo(5, recentlyExpired.state);
    await expireMinutesAgo(61, longExpired.state);
    const next = pendingSignIn();
    const { id } = await store.save(next);
    const left = await states();
    expect(left).toEqual(expect.arrayContaining([live.state, recentlyExpired.state, next.state]));
    expect(left).not.toContain(longExpired.state);
    await store.take(id);
  });
}

describe('pending single sign-ons on the embedded database', () => {
  storeSpec(async () => {
    const db = await PgliteDatabase.open();
    return { db, close: () => db.close() };
  });
});

describeIfPostgres('pending single sign-ons on PostgreSQL', () => {
  storeSpec(async () => {
    const { db, drop } = await openTestSchema('oidc');
    return { db, close: drop };
  });
});
