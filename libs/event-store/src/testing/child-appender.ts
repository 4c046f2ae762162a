import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The parent side of the crash-safety test: starts `append-until-killed.ts` in a child Node
 * process (TypeScript sources through tsx, `#libs/...` through the `source` condition), reads
 * what it reports line by line, and kills it.
 *
 * The child prints one line per step, as JSON with a `kind`:
 * - `ready` once the store is open;
 * - `intent` just before an append is sent (what it will write);
 * - `ack` only after append() resolved (what the store acknowledged);
 * - `done` when it stopped on its own (its bounds ran out, which a kill test treats as a failure).
 */
export type AppenderLine =
  | { kind: 'ready'; pid: number }
  | { kind: 'intent'; writer: number; commandId: string; stream: string; eventIds: string[] }
  | {
      kind: 'ack';
      writer: number;
      commandId: string;
      stream: string;
      eventIds: string[];
      /** Revision of the last event written (the result's nextExpectedRevision). */
      lastRevision: number;
      replayed: boolean;
    }
  | { kind: 'done'; appends: number };

export type Ack = Extract<AppenderLine, { kind: 'ack' }>;
export type Intent = Extract<AppenderLine, { kind: 'intent' }>;

/** Everything the child reads from its environment. */
export interface AppenderConfig {
  readonly store: 'postgres' | 'embedded';
  readonly databaseUrl?: string;
  readonly schema?: string;
  readonly dataDir?: string;
  /** Prefix of the child's stream names, so a run's streams are easy to tell apart. */
  readonly run: string;
  /** Concurrent append loops inside the child (PGlite serialises them; PostgreSQL does not). */
  readonly writers?: number;
  /** Upper bounds that make the child stop on its own if nobody kills it. */
  readonly maxAppendsPerWriter?: number;
  readonly maxMs?: number;
}

export const APPENDER_SCRIPT = fileURLToPath(new URL('./append-until-killed.ts', import.meta.url));

export function appenderEnv(config: AppenderConfig): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    APPENDER_STORE: config.store,
    APPENDER_RUN: config.run,
    APPENDER_WRITERS: String(config.writers ?? 4),
    APPENDER_MAX_APPENDS_PER_WRITER: String(config.maxAppendsPerWriter ?? 2000),
    APPENDER_MAX_MS: String(config.maxMs ?? 120_000),
  };
  if (config.databaseUrl) env.DATABASE_URL = config.databaseUrl;
  if (config.schema) env.APPENDER_SCHEMA = config.schema;
  if (config.dataDir) env.APPENDER_DATA_DIR = config.dataDir;
  return env;
}

export interface ChildAppender {
  readonly child: ChildProcess;
  readonly intents: Map<string, Intent>;
  readonly acks: Map<string, Ack>;
  /** Whatever the child wrote to stderr (for failure messages). */
  stderr(): string;
  /** Resolves once `count` appends were acknowledged; rejects if the child ends first or on timeout. */
  waitForAcks(count: number, timeoutMs: number): Promise<void>;
  /** SIGKILL, then waits until the process is gone and its stdout is fully read. */
  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startChildAppender(config: AppenderConfig): ChildAppender {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', APPENDER_SCRIPT], {
    cwd: fileURLToPath(new URL('../../../../', import.meta.url)),
    env: appenderEnv(config),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const intents = new Map<string, Intent>();
  const acks = new Map<string, Ack>();
  let err = '';
  let pending = '';
  let waiters: Array<() => void> = [];
  const notify = () => {
    const current = waiters;
    waiters = [];
    current.forEach((fn) => fn());
  };

  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    err += chunk;
  });
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const text = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
      // Only whole lines count: a line cut by the kill was never fully reported.
      if (!text.startsWith('{')) continue;
      const line = JSON.parse(text) as AppenderLine;
      if (line.kind === 'intent') intents.set(line.commandId, line);
      if (line.kind === 'ack') acks.set(line.commandId, line);
    }
    notify();
  });

  let ended = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    // 'close' comes after 'exit' and after stdout/stderr have ended, so every line has been read.
    child.once('close', (code, signal) => {
      ended = true;
      notify();
      resolve({ code, signal });
    });
  });

  return {
    child,
    intents,
    acks,
    stderr: () => err,
    waitForAcks: (count, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`only ${acks.size} of ${count} appends acknowledged within ${timeoutMs} ms; stderr: ${err}`));
        }, timeoutMs);
        const check = () => {
          if (acks.size >= count) {
            clearTimeout(timer);
            resolve();
          } else if (ended) {
            clearTimeout(timer);
            reject(new Error(`the child ended after ${acks.size} acknowledged appends; stderr: ${err}`));
          } else {
            waiters.push(check);
          }
        };
        check();
      }),
    kill: async () => {
      if (!ended && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}
