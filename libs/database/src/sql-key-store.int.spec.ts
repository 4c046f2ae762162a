import { randomBytes, randomUUID } from 'node:crypto';
import { isSealed, KeyedVault } from '#libs/kernel';
import { PgliteDatabase } from './pglite-database.js';
import { SqlKeyStore } from './sql-key-store.js';
import { describeIfPostgres, openTestSchema } from './testing/index.js';
import type { SqlDatabase } from './sql-database.js';

function vaultSpec(open: () => Promise<{ db: SqlDatabase; close(): Promise<void> }>) {
  let db: SqlDatabase;
  let close: () => Promise<void>;
  let keys: SqlKeyStore;
  let vault: KeyedVault;
  const master = randomBytes(32);
  beforeAll(async () => {
    ({ db, close } = await open());
    keys = new SqlKeyStore(db, master);
    await keys.migrate();
    vault = new KeyedVault(keys);
  });
  afterAll(() => close());

  it('seals text so that neither the sealed value nor the key table holds it, and opens it again', async () => {
    const person = randomUUID();
    const sealed = await vault.seal(person, 'Synthetic Name Q7');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('Synthetic');
    expect(await vault.open(sealed)).toBe('Synthetic Name Q7');
    // A second vault (another process) opens it through the stored, wrapped key.
    expect(await new KeyedVault(new SqlKeyStore(db, master)).open(sealed)).toBe('Synthetic Name Q7');
  });

  it('gives every subject its own key', async () => {
    const a = await vault.seal(randomUUID(), 'same words');
    const b = await vault.seal(randomUUID(), 'same words');
    expect(a.split('.')[4]).not.toBe(b.split('.')[4]);
  });

  it('when a subject is forgotten, then every value sealed for them opens to null, in this and any other process, and nothing new can be sealed', async () => {
    const person = randomUUID();
    const sealed = await vault.seal(person, 'words to forget');
    await vault.forget(person);
    expect(await vault.open(sealed)).toBeNull();
    expect(await new KeyedVault(new SqlKeyStore(db, master)).open(sealed)).toBeNull();
    expect(await vault.isForgotten(person)).toBe(true);
    await expect(vault.seal(person, 'more')).rejects.toThrow('forgotten');
    const { rows } = await db.query('SELECT wrapped_key FROM personal_data_keys WHERE subject = $1', [person]);
    expect(rows).toEqual([{ wrapped_key: null }]);
  });

  it('cannot open anything with the wrong master key', async () => {
    const sealed = await vault.seal(randomUUID(), 'text');
    const wrong = new KeyedVault(new SqlKeyStore(db, randomBytes(32)));
    await expect(wrong.open(sealed)).rejects.toThrow();
  });
}

describe('personal data vault on the embedded database', () => {
  vaultSpec(async () => {
    const db = await PgliteDatabase.open();
    return { db, close: () => db.close() };
  });
});

describeIfPostgres('personal data vault on PostgreSQL', () => {
  vaultSpec(async () => {
    const schema = await openTestSchema('keys');
    return { db: schema.db, close: schema.drop };
  });
});
