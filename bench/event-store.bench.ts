/**
 * The event store benchmark: appends (one event and 100 events per append) against a raw
 * multi-row INSERT baseline, readAll, and a projection catch-up, on the embedded database
 * (PGlite on disk) and on PostgreSQL, printed as one Markdown table. See bench/README.md.
 *
 *   npm run bench -- --events 200000 --single 5000
 */
import { readFileSync } from 'node:fs';
import { arch, availableParallelism, cpus, loadavg, platform } from 'node:os';
import { openEmbedded, openPostgres, probePostgres, redactUrl, type OpenBackend } from './backends.js';
import { type BackendName, type BenchOptions, parseOptions, usage } from './options.js';
import { formatInt, log, markdownTable, Progress, rate, type Row } from './report.js';
import { appendBatches, appendSingle, createRawTable, insertRaw, projectFromZero, readEverything, Streams } from './workload.js';

const RAW_TARGET = 0.8;
const PROJECTION_TARGET = 30_000;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage());
    return;
  }
  const options = parseOptions(argv, process.env);
  const started = performance.now();
  const startLoad = loadavg();
  const rows: Row[] = [];
  const context: string[] = [
    `- Date: ${new Date().toISOString()}`,
    `- Node ${process.version} on ${platform()} ${arch()}, ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown model'})`,
    `- Sizes: ${formatInt(options.single)} single-event appends; ${formatInt(options.events)} events in appends of ${options.batchSize} ` +
      `(raw baseline: the same rows, ${options.batchSize} per INSERT, alternating with the appends in ${options.rounds} rounds); ` +
      `${options.streams} streams; expected revision: ${options.expected}; readAll batch ${options.readBatch}; projection batch ${options.projectionBatch}; ` +
      `${options.noteBytes}-character note per event`,
  ];

  for (const name of options.backends) {
    let backend: OpenBackend;
    try {
      if (name === 'postgres') {
        const server = await probePostgres(options.databaseUrl).catch((error: Error) => {
          throw new Skip(`cannot reach ${redactUrl(options.databaseUrl)} (${error.message || (error as { code?: string }).code})`);
        });
        context.push(`- postgres: PostgreSQL ${server.version} at ${redactUrl(options.databaseUrl)}; ${server.settings}`);
        backend = await openPostgres(options.databaseUrl);
        context.push(`  (fresh ${backend.where}, dropped at the end)`);
      } else {
        backend = await openEmbedded();
        context.push(`- embedded: PGlite ${pgliteVersion()} on disk in a fresh temporary folder (${backend.where}), removed at the end`);
      }
    } catch (error) {
      const message = error instanceof Skip ? `skipped: ${error.message}` : `could not open: ${(error as Error).message}`;
      log(`${name}: ${message}`);
      rows.push({ backend: name, measurement: message });
      continue;
    }
    try {
      log(`${name}: running (${backend.where})`);
      rows.push(...(await runBackend(name, backend, options)));
    } catch (error) {
      log(`${name}: failed: ${(error as Error).stack ?? error}`);
      rows.push({ backend: name, measurement: `failed: ${(error as Error).message}` });
    } finally {
      await backend.dispose().catch((error: Error) => log(`${name}: cleaning up failed: ${error.message}`));
    }
  }

  console.log('## Learning Loop event store benchmark\n');
  console.log(context.join('\n'));
  console.log('');
  console.log(markdownTable(rows));
  console.log(
    `\nWhole run: ${((performance.now() - started) / 1000).toFixed(0)} s. Load average (1 min) before the run ${startLoad[0].toFixed(2)}, ` +
      `after it ${loadavg()[0].toFixed(2)}; the bench itself accounts for about 1-1.5 of that, anything above means other work shared the ${availableParallelism()} CPUs and the figures are noisier.`,
  );
}

class Skip extends Error {}

async function runBackend(name: BackendName, backend: OpenBackend, options: BenchOptions): Promise<Row[]> {
  const { store, db } = backend;
  const rows: Row[] = [];
  const streams = new Streams(options.streams);

  log(`${name}: 1/5 append, 1 event per append`);
  const singleSeconds = await appendSingle(store, options, streams, name);
  if (options.single > 0) {
    rows.push({ backend: name, measurement: 'append, 1 event per append', events: options.single, seconds: singleSeconds });
  }

  log(`${name}: 2-3/5 append, ${options.batchSize} events per append, alternating with the raw INSERT baseline`);
  await createRawTable(db);
  const batches = Math.ceil(options.events / options.batchSize);
  const batched = batches * options.batchSize;
  const rounds = Math.max(1, Math.min(options.rounds, batches));
  const rawStreams = new Streams(options.streams);
  const appendProgress = new Progress(`${name} append x${options.batchSize}`, batched);
  const rawProgress = new Progress(`${name} raw INSERT x${options.batchSize}`, batched);
  appendProgress.pause();
  rawProgress.pause();
  let appendSeconds = 0;
  let rawSeconds = 0;
  for (let r = 0; r < rounds; r++) {
    const share = Math.floor((batches * (r + 1)) / rounds) - Math.floor((batches * r) / rounds);
    appendSeconds += await appendBatches(store, options, streams, share, appendProgress);
    rawSeconds += await insertRaw(db, options, rawStreams, share, rawProgress);
  }
  if (batched > 0) {
    // Same rows both ways, so the ratio of rates is the inverse ratio of times.
    const ratio = rawSeconds / appendSeconds;
    rows.push({ backend: name, measurement: `append, ${options.batchSize} events per append`, events: batched, seconds: appendSeconds });
    rows.push({
      backend: name,
      measurement: `raw baseline: INSERT of ${options.batchSize} rows per statement`,
      events: batched,
      seconds: rawSeconds,
      note: `batched append = ${(ratio * 100).toFixed(0)} % of raw (target ≥ ${RAW_TARGET * 100} %: ${ratio >= RAW_TARGET ? 'met' : 'MISSED'})`,
    });
  }
  await db.exec('DROP TABLE IF EXISTS events_raw');

  const total = options.single + batched;
  log(`${name}: 4/5 readAll in batches of ${options.readBatch}`);
  const read = await readEverything(store, options, total, name);
  rows.push({
    backend: name,
    measurement: `readAll, ${options.readBatch} per call`,
    events: read.events,
    seconds: read.seconds,
    note: read.events === total ? undefined : `expected ${formatInt(total)} events`,
  });

  log(`${name}: 5/5 projection catch-up (event_statistics) from zero`);
  const projected = await projectFromZero(store, db, options, total, name);
  const projectionRate = rate(projected.events, projected.seconds);
  rows.push({
    backend: name,
    measurement: `projection catch-up, event_statistics, ${options.projectionBatch} per batch`,
    events: projected.events,
    seconds: projected.seconds,
    note:
      name === 'postgres'
        ? `target ≥ ${formatInt(PROJECTION_TARGET)} ev/s: ${projectionRate >= PROJECTION_TARGET ? 'met' : 'MISSED'}`
        : undefined,
  });
  return rows;
}

function pgliteVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')) as { version?: string };
    return pkg.version ?? '?';
  } catch {
    return '?';
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
