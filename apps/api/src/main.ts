import 'reflect-metadata';
import { ConfigError, describeStorage, loadConfig, openRuntime } from '#libs/runtime';
import { createApp } from './bootstrap.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await openRuntime(config);
  await runtime.projections.start();
  const app = await createApp(runtime);
  // Signals are handled here rather than by Nest's shutdown hooks, which re-raise the signal:
  // stop taking requests, let projections finish their batch, close the store, exit 0.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: stopping`);
    void (async () => {
      await app.close();
      await runtime.close();
      process.exit(0);
    })().catch((error: unknown) => {
      console.error('Shutdown failed:', error instanceof Error ? error.message : error);
      process.exit(1);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  await app.listen(config.port);
  const storage = describeStorage(config);
  console.log(
    `Learning Loop is running at http://localhost:${config.port}/ (GraphQL at /graphql) ` +
      `(events: ${storage.events}, read models: ${storage.readModels}${config.eventStore === 'embedded' ? `, data in ${config.dataDir}` : ''})`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Learning Loop could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
