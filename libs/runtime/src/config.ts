import { resolve } from 'node:path';
import { DEFAULT_SUPPRESSION_THRESHOLD, loadOidcConfig, type OidcConfig, parseSuppressionThreshold } from '#libs/access';
import { DEFAULT_TIME_ZONE, isCalendarDate, isTimeZone, ValidationError } from '#libs/kernel';
import { BANK_HOLIDAY_REGIONS, type BankHolidayRegion } from '#libs/statistics';

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
  /** Single sign-on with OpenID Connect (the OIDC_* variables); undefined when not configured. */
  readonly oidc?: OidcConfig;
  /** NODE_ENV=production: no GraphQL introspection or GraphiQL, stricter security headers. */
  readonly production: boolean;
  /** Largest request body accepted, in bytes (REQUEST_BODY_LIMIT_KB); larger ones get 413. */
  readonly requestBodyLimitBytes: number;
  /** GraphQL operations nesting deeper (GRAPHQL_MAX_DEPTH) or costing more (GRAPHQL_MAX_COST) are refused before they run. */
  readonly graphqlMaxDepth: number;
  readonly graphqlMaxCost: number;
  /**
   * K: the smallest count that may leave the organisation (SUPPRESSION_THRESHOLD, default 5,
   * never below 3); smaller counts in shared reports, partner and commissioner views and exports are hidden.
   */
  readonly suppressionThreshold: number;
  /** Working days a service has to respond to a shared feedback report (REPORT_RESPONSE_WORKING_DAYS, default 20). */
  readonly reportResponseWorkingDays: number;
  /** Whose bank holidays are not working days (BANK_HOLIDAYS, default england-and-wales; none for none). */
  readonly bankHolidays: BankHolidayRegion | 'none';
  /** Further days that are not working days, e.g. the organisation's own closures (CLOSED_DAYS, YYYY-MM-DD, comma-separated). */
  readonly closedDays: readonly string[];
  /** The organisation's IANA time zone (TIME_ZONE, default Europe/London): what "today" means for calendar dates. */
  readonly timeZone: string;
  /**
   * Which proxies in front of the server to believe about the client's address (TRUST_PROXY):
   * none by default; a number of hops, or a list of addresses, subnets and the names loopback,
   * linklocal and uniquelocal. The sign-in rate limit counts attempts by that address.
   */
  readonly trustProxy: false | number | readonly string[];
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

  const wholeNumber = (name: string, fallback: number, min: number, max: number): number => {
    const text = value(name) ?? String(fallback);
    const number = Number(text);
    if (!/^\d+$/.test(text) || number < min || number > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${text}").`);
      return fallback;
    }
    return number;
  };
  const production = env.NODE_ENV?.trim() === 'production';
  const requestBodyLimitBytes = wholeNumber('REQUEST_BODY_LIMIT_KB', 100, 1, 102_400) * 1024;
  const graphqlMaxDepth = wholeNumber('GRAPHQL_MAX_DEPTH', 10, 2, 100);
  const graphqlMaxCost = wholeNumber('GRAPHQL_MAX_COST', 50_000, 10, 10_000_000);
  const reportResponseWorkingDays = wholeNumber('REPORT_RESPONSE_WORKING_DAYS', 20, 1, 260);
  const bankHolidays = (value('BANK_HOLIDAYS') ?? 'england-and-wales') as BankHolidayRegion | 'none';
  if (bankHolidays !== 'none' && !BANK_HOLIDAY_REGIONS.includes(bankHolidays)) {
    problems.push(`BANK_HOLIDAYS must be one of ${[...BANK_HOLIDAY_REGIONS, 'none'].join(', ')} (got "${bankHolidays}").`);
  }
  const closedDays = (value('CLOSED_DAYS') ?? '').split(',').map((d) => d.trim()).filter(Boolean);
  const notDates = closedDays.filter((d) => !isCalendarDate(d));
  if (notDates.length > 0) problems.push(`CLOSED_DAYS must be dates written YYYY-MM-DD, separated by commas (not: ${notDates.map((d) => `"${d}"`).join(', ')}).`);
  const timeZone = value('TIME_ZONE') ?? DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) problems.push(`TIME_ZONE must be an IANA time zone such as Europe/London or UTC (got "${timeZone}").`);
  const trustProxy = parseTrustProxy(value('TRUST_PROXY'), problems);
  let suppressionThreshold = DEFAULT_SUPPRESSION_THRESHOLD;
  try {
    suppressionThreshold = parseSuppressionThreshold(env.SUPPRESSION_THRESHOLD);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    problems.push(...error.problems.map((p) => `${p.field} ${p.message} (got "${env.SUPPRESSION_THRESHOLD?.trim()}").`));
  }

  let oidc: OidcConfig | undefined;
  try {
    oidc = loadOidcConfig(env);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    problems.push(...error.problems.map((p) => `${p.field} ${p.message}.`));
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    eventStore,
    dataDir,
    databaseUrl,
    eventStoreConnectionString,
    port,
    personalDataMasterKey,
    oidc,
    production,
    requestBodyLimitBytes,
    graphqlMaxDepth,
    graphqlMaxCost,
    suppressionThreshold,
    reportResponseWorkingDays,
    bankHolidays,
    closedDays,
    timeZone,
    trustProxy,
  };
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const PROXY_ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:.]*)(?:\/\d{1,3})?$/i;

function parseTrustProxy(text: string | undefined, problems: string[]): AppConfig['trustProxy'] {
  if (!text) return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops >= 1 && hops <= 10) return hops;
  } else {
    const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
    if (entries.length > 0 && entries.every((entry) => PROXY_NAMES.includes(entry) || PROXY_ADDRESS.test(entry))) return entries;
  }
  problems.push(`TRUST_PROXY must be a number of proxies from 1 to 10, or a comma-separated list of addresses, subnets, loopback, linklocal or uniquelocal (got "${text}").`);
  return false;
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
