import { START } from '#libs/kernel';
import { ConfigError, loadConfig, openRuntime } from '#libs/runtime';
import { ProgressBar } from './progress-bar.js';

/**
 * `npm run projections:rebuild [name]`: rebuilds one projection (or all) from the first event.
 * The rebuild fills a new slot beside the live one, which keeps serving readers, and takes over
 * when it has caught up. With the embedded store, stop the server first (it holds the folder).
 */
async function main(argv: string[]): Promise<void> {
  const wanted = argv.filter((a) => !a.startsWith('-'));
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log('Usage: npm run projections:rebuild [projection-name ...]\nRebuilds the named projections (all when none is named) from zero.');
    return;
  }
  const runtime = await openRuntime(loadConfig());
  try {
    const runner = runtime.projections;
    await runner.prepare();
    const names = wanted.length > 0 ? wanted : runner.names;
    for (const name of names) {
      await runner.rebuild(name);
      const total = runtime.store.countEventsAfter ? await runtime.store.countEventsAfter(START) : null;
      const bar = new ProgressBar(`rebuild ${name}`, total);
      await runner.catchUp([name], (progress) => bar.update(progress.eventsApplied));
      const [status] = (await runner.status()).filter((s) => s.name === name);
      bar.finish(`${name} v${status.version} is live in slot ${status.slot}.`);
    }
  } finally {
    await runtime.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
