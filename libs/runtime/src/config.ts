import { resolve } from 'node:path';

export type EventStoreChoice = 'embedded' | 'postgres' | 'eventstoredb';

export interface AppConfig {
  readonly eventStore: EventStoreChoice;
  /** Where the embedded database keeps its files, or `:memory:` to keep nothing. */
  readonly dataDir: string;
  /** PostgreSQL for events (EVENT_STORE=postgres) and for read models whenever it is set. */
  readonly databaseUrl?: string;
  readonly eventStoreConnectionString?: string;
  readonly port: number;
  /**
   * Wraps every person's data key. From PERSONAL_DATA_MASTER_KEY (base64, 32 bytes); when unset
   * it is made once and kept in DATA_DIR (fine for one machine; set it explicitly in production).
   */
  readonly personalDataMasterKey?: Buffer;
}

/** Configuration that cannot work; the message names every variable to fix. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** DATA_DIR value that keeps the embedded database in memory only (trials, tests, tooling). */
export const IN_MEMORY = ':memory:';

const CHOICES: readonly EventStoreChoice[] = ['embedded', 'postgres', 'eventstoredb'];

/** Reads and checks the environment once, at start. Values are never echoed when secret. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };

  const eventStore = (value('EVENT_STORE') ?? 'embedded') as EventStoreChoice;
  if (!CHOICES.includes(eventStore)) {
    problems.push(`EVENT_STORE must be one of ${CHOICES.join(', ')} (got "${value('EVENT_STORE')}").`);
  }

  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl && !isUrl(databaseUrl, ['postgres:', 'postgresql:'])) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// connection URL.');
  }
  if (eventStore === 'postgres' && !databaseUrl) {
    problems.push('DATABASE_URL is required when EVENT_STORE=postgres.');
  }

  const eventStoreConnectionString = value('EVENTSTORE_CONNECTION_STRING');
  if (eventStoreConnectionString && !isUrl(eventStoreConnectionString, ['esdb:', 'esdb+discover:'])) {
    problems.push('EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover://.');
  }
  if (eventStore === 'eventstoredb' && !eventStoreConnectionString) {
    problems.push('EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb.');
  }

  const portText = value('PORT') ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    problems.push(`PORT must be a whole number from 1 to 65535 (got "${portText}").`);
  }

  const dataDirText = value('DATA_DIR') ?? './data';
  const dataDir = dataDirText === IN_MEMORY ? IN_MEMORY : resolve(dataDirText);

  const masterKeyText = value('PERSONAL_DATA_MASTER_KEY');
  const personalDataMasterKey = masterKeyText ? Buffer.from(masterKeyText, 'base64') : undefined;
  if (personalDataMasterKey && personalDataMasterKey.length !== 32) {
    problems.push('PERSONAL_DATA_MASTER_KEY must be 32 bytes in base64 (for example: openssl rand -base64 32).');
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return { eventStore, dataDir, databaseUrl, eventStoreConnectionString, port, personalDataMasterKey };
}

function isUrl(text: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** Where events and read models live, for health and logs: no credentials. */
export function describeStorage(config: AppConfig): { events: string; readModels: string } {
  const readModels = config.databaseUrl ? 'postgres' : 'embedded';
  return { events: config.eventStore, readModels: config.eventStore === 'embedded' ? 'embedded' : readModels };
}
