import 'reflect-metadata';
import { loadConfig, openRuntime } from '#libs/runtime';
import { createApp, schemaOf } from './bootstrap.js';
import { renderSchema, SCHEMA_FILE, writeSchemaFile } from './graphql/schema-file.js';

/** Writes schema/schema.graphql from the code, using a throw-away in-memory store. */
async function generate(): Promise<void> {
  const runtime = await openRuntime(loadConfig({ DATA_DIR: ':memory:' }));
  const app = await createApp(runtime, { logger: false });
  try {
    const changed = writeSchemaFile(renderSchema(schemaOf(app)));
    console.log(changed ? `Wrote ${SCHEMA_FILE}` : `${SCHEMA_FILE} is up to date`);
  } finally {
    await app.close();
    await runtime.close();
  }
}

generate().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
