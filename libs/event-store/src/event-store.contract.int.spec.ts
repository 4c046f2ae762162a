import { PgDatabase } from '#libs/database';
import { describeIfPostgres, dropSchema, openTestSchema, tempDir, TEST_DATABASE_URL } from '../../database/src/testing/index.js';
import { openEmbeddedEventStore, openPostgresEventStore } from './adapters.js';
import { contractUpcasters, describeEventStoreContract } from './testing/index.js';

describeEventStoreContract('embedded, in memory', async () => {
  const store = await openEmbeddedEventStore({ upcasters: contractUpcasters() });
  return { store, dispose: () => store.close() };
});

describe('persisted embedded store', () => {
  const dirs: Array<{ remove(): void }> = [];
  afterAll(() => dirs.forEach((d) => d.remove()));

  const openIn = async (path: string) => {
    const store = await openEmbeddedEventStore({ dataDir: path, upcasters: contractUpcasters() });
    return { store, path };
  };

  describeEventStoreContract(
    'embedded, on disk',
    async () => {
      const dir = tempDir();
      dirs.push(dir);
      const { store } = await openIn(dir.path);
      return { store, dispose: () => store.close(), dataDir: dir.path } as never;
    },
    {
      reopen: async (previous) => {
        const dataDir = (previous as unknown as { dataDir: string }).dataDir;
        await previous.store.close();
        const { store } = await openIn(dataDir);
        return { store, dispose: () => store.close(), dataDir } as never;
      },
    },
  );
});

describeIfPostgres('postgres store', () => {
  describeEventStoreContract(
    'postgres',
    async () => {
      const { db, schema, drop } = await openTestSchema('es');
      const store = await openPostgresEventStore({ database: db, upcasters: contractUpcasters() });
      return { store, dispose: drop, schema } as never;
    },
    {
      reopen: async (previous) => {
        const { schema } = previous as unknown as { schema: string };
        await previous.store.close();
        const db = await PgDatabase.connect({ connectionString: TEST_DATABASE_URL!, schema });
        const store = await openPostgresEventStore({ database: db, upcasters: contractUpcasters() });
        const dispose = async () => {
          await store.close();
          await dropSchema(schema);
        };
        return { store, dispose, schema } as never;
      },
    },
  );
});
