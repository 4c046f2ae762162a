/**
 * Benchmark sizes and switches, from command-line flags (`--events 200000`) or the environment
 * (`BENCH_EVENTS=200000`); a flag wins over the environment, which wins over the default.
 */
export type BackendName = 'embedded' | 'postgres';
export type ExpectedMode = 'exact' | 'any';

export interface BenchOptions {
  /** Events appended one per append (row 1). */
  readonly single: number;
  /** Events appended in batches (row 2), and rows inserted by the raw baseline (row 3). */
  readonly events: number;
  /** Events per batched append and rows per raw INSERT statement. */
  readonly batchSize: number;
  /** Events per readAll call (row 4). */
  readonly readBatch: number;
  /** Events per projection transaction (ProjectionRunner batchSize, row 5). */
  readonly projectionBatch: number;
  /** Distinct `tally-<n>` streams the appends spread over. */
  readonly streams: number;
  /** Batched appends and raw inserts alternate in this many rounds, so both meet the same checkpoints. */
  readonly rounds: number;
  /** Size of the `note` text in each event's data, in characters. */
  readonly noteBytes: number;
  /** What the appends expect: the exact revision (as command handlers do) or `any`. */
  readonly expected: ExpectedMode;
  readonly backends: readonly BackendName[];
  readonly databaseUrl: string;
}

interface Flag {
  readonly name: string;
  readonly env: string;
  readonly help: string;
  readonly fallback: string;
}

export const FLAGS: readonly Flag[] = [
  { name: 'single', env: 'BENCH_SINGLE', fallback: '10000', help: 'events appended one per append' },
  { name: 'events', env: 'BENCH_EVENTS', fallback: '300000', help: 'events appended in batches (and rows of the raw baseline)' },
  { name: 'batch-size', env: 'BENCH_BATCH_SIZE', fallback: '100', help: 'events per batched append / rows per raw INSERT' },
  { name: 'read-batch', env: 'BENCH_READ_BATCH', fallback: '1000', help: 'events per readAll call' },
  { name: 'projection-batch', env: 'BENCH_PROJECTION_BATCH', fallback: '1000', help: 'events per projection transaction' },
  { name: 'streams', env: 'BENCH_STREAMS', fallback: '1000', help: 'distinct tally-<n> streams' },
  { name: 'rounds', env: 'BENCH_ROUNDS', fallback: '4', help: 'alternating rounds of batched append / raw baseline' },
  { name: 'note-bytes', env: 'BENCH_NOTE_BYTES', fallback: '80', help: 'characters of text in each event' },
  { name: 'expected', env: 'BENCH_EXPECTED', fallback: 'exact', help: 'exact | any: expected revision of the appends' },
  { name: 'backends', env: 'BENCH_BACKENDS', fallback: 'embedded,postgres', help: 'comma-separated: embedded, postgres' },
  { name: 'database-url', env: 'DATABASE_URL', fallback: 'postgres://postgres@127.0.0.1:5432/test', help: 'PostgreSQL server' },
];

export function usage(): string {
  const lines = FLAGS.map((f) => `  --${f.name.padEnd(18)} ${f.help} (env ${f.env}, default ${f.fallback})`);
  return ['Usage: npm run bench -- [flags]', '', ...lines, '  --help             this text'].join('\n');
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument "${arg}"\n\n${usage()}`);
    const [name, inline] = arg.slice(2).split('=', 2);
    if (!FLAGS.some((f) => f.name === name)) throw new Error(`Unknown flag --${name}\n\n${usage()}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    given.set(name, value);
  }
  const text = (name: string): string => {
    const flag = FLAGS.find((f) => f.name === name)!;
    return given.get(name) ?? env[flag.env] ?? flag.fallback;
  };
  const int = (name: string, min: number): number => {
    const raw = text(name).replace(/[_,]/g, '');
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < min) throw new Error(`--${name} must be a whole number of at least ${min}, got "${raw}"`);
    return value;
  };

  const expected = text('expected');
  if (expected !== 'exact' && expected !== 'any') throw new Error('--expected must be exact or any');
  const backends = text('backends')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  for (const b of backends) if (b !== 'embedded' && b !== 'postgres') throw new Error(`Unknown backend "${b}"`);

  const batchSize = int('batch-size', 1);
  if (batchSize > 10_000) throw new Error('--batch-size can be at most 10000 (the most one append may carry)');
  return {
    single: int('single', 0),
    events: int('events', 0),
    batchSize,
    readBatch: int('read-batch', 1),
    projectionBatch: int('projection-batch', 1),
    streams: int('streams', 1),
    rounds: int('rounds', 1),
    noteBytes: int('note-bytes', 0),
    expected,
    backends: backends as BackendName[],
    databaseUrl: text('database-url'),
  };
}
