import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirInUseError, PgliteDatabase } from './pglite-database.js';
import { tempDir } from './testing/index.js';

describe('embedded database folder', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('keeps data across a reopen', async () => {
    const first = await PgliteDatabase.open({ dataDir: dir.path });
    await first.exec('CREATE TABLE kept (n int); INSERT INTO kept VALUES (42);');
    await first.close();
    const second = await PgliteDatabase.open({ dataDir: dir.path });
    expect((await second.query<{ n: number }>('SELECT n FROM kept')).rows).toEqual([{ n: 42 }]);
    await second.close();
  });

  it('refuses a second process while the first holds the folder, and frees it on close', async () => {
    const db = await PgliteDatabase.open({ dataDir: dir.path });
    // Pretend the lock belongs to another live process: this test's parent.
    writeFileSync(join(dir.path, 'learning-loop.lock'), String(process.ppid));
    await expect(PgliteDatabase.open({ dataDir: dir.path })).rejects.toBeInstanceOf(DataDirInUseError);
    writeFileSync(join(dir.path, 'learning-loop.lock'), String(process.pid));
    await db.close();
    expect(existsSync(join(dir.path, 'learning-loop.lock'))).toBe(false);
  });

  it('takes over a lock left by a process that was killed', async () => {
    writeFileSync(join(dir.path, 'learning-loop.lock'), '999999');
    const db = await PgliteDatabase.open({ dataDir: dir.path });
    await db.close();
  });

  it('returns int8 exactly, as text', async () => {
    const db = await PgliteDatabase.open();
    expect((await db.query<{ big: string }>("SELECT '9007199254740993'::int8 AS big")).rows[0].big).toBe('9007199254740993');
    await db.close();
  });
});
