import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('defaults to the embedded store in ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ eventStore: 'embedded', port: 3000 });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('accepts a complete postgres setup', () => {
    expect(loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://u@localhost:5432/db', PORT: '8080' })).toMatchObject({
      eventStore: 'postgres',
      databaseUrl: 'postgres://u@localhost:5432/db',
      port: 8080,
    });
  });

  it('names every bad variable at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ EVENT_STORE: 'mysql', PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toEqual([
      'EVENT_STORE must be one of embedded, postgres, eventstoredb (got "mysql").',
      'DATABASE_URL must be a postgres:// or postgresql:// connection URL.',
      'PORT must be a whole number from 1 to 65535 (got "eighty").',
    ]);
  });

  it('takes a 32-byte base64 master key for personal data, and refuses any other length without echoing it', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ PERSONAL_DATA_MASTER_KEY: key }).personalDataMasterKey).toEqual(Buffer.alloc(32, 7));
    expect(() => loadConfig({ PERSONAL_DATA_MASTER_KEY: 'c2hvcnQ=' })).toThrow('PERSONAL_DATA_MASTER_KEY must be 32 bytes');
    expect(() => loadConfig({ PERSONAL_DATA_MASTER_KEY: 'c2hvcnQ=' })).not.toThrow('c2hvcnQ=');
  });

  it('is in production only when NODE_ENV=production', () => {
    expect(loadConfig({}).production).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).production).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).production).toBe(true);
  });

  it('limits request bodies to 100 kB and GraphQL operations to depth 10 and cost 50000 unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ requestBodyLimitBytes: 100 * 1024, graphqlMaxDepth: 10, graphqlMaxCost: 50_000 });
    expect(loadConfig({ REQUEST_BODY_LIMIT_KB: '512', GRAPHQL_MAX_DEPTH: '12', GRAPHQL_MAX_COST: '80000' })).toMatchObject({
      requestBodyLimitBytes: 512 * 1024,
      graphqlMaxDepth: 12,
      graphqlMaxCost: 80_000,
    });
  });

  it('names each limit that is not a whole number in its range', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ REQUEST_BODY_LIMIT_KB: '0', GRAPHQL_MAX_DEPTH: 'deep', GRAPHQL_MAX_COST: '1.5' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error!.problems).toEqual([
      'REQUEST_BODY_LIMIT_KB must be a whole number from 1 to 102400 (got "0").',
      'GRAPHQL_MAX_DEPTH must be a whole number from 2 to 100 (got "deep").',
      'GRAPHQL_MAX_COST must be a whole number from 10 to 10000000 (got "1.5").',
    ]);
  });

  it('suppresses counts below 5 and gives services 20 working days to respond to a report unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ suppressionThreshold: 5, reportResponseWorkingDays: 20 });
    expect(loadConfig({ SUPPRESSION_THRESHOLD: '10', REPORT_RESPONSE_WORKING_DAYS: '15' })).toMatchObject({ suppressionThreshold: 10, reportResponseWorkingDays: 15 });
  });

  it('believes no proxy about the client address unless TRUST_PROXY names how many or which', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8']);
    for (const bad of ['0', '11', 'true', 'anyone', '10.0.0.0/8,everyone']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must be a number of proxies/);
    }
  });

  it('counts bank holidays in England and Wales as closed unless BANK_HOLIDAYS names another region or none, plus any CLOSED_DAYS', () => {
    expect(loadConfig({})).toMatchObject({ bankHolidays: 'england-and-wales', closedDays: [] });
    expect(loadConfig({ BANK_HOLIDAYS: 'scotland', CLOSED_DAYS: '2026-12-24, 2026-12-31' })).toMatchObject({ bankHolidays: 'scotland', closedDays: ['2026-12-24', '2026-12-31'] });
    expect(loadConfig({ BANK_HOLIDAYS: 'none' }).bankHolidays).toBe('none');
    expect(() => loadConfig({ BANK_HOLIDAYS: 'wales' })).toThrow(/BANK_HOLIDAYS must be one of england-and-wales, scotland, northern-ireland, none/);
    expect(() => loadConfig({ CLOSED_DAYS: '2026-12-24,2026-02-30,24/12/2026' })).toThrow(/CLOSED_DAYS must be dates written YYYY-MM-DD.*"2026-02-30", "24\/12\/2026"/);
  });

  it("counts calendar days in Europe/London unless TIME_ZONE names another zone, and refuses a zone it does not know", () => {
    expect(loadConfig({}).timeZone).toBe('Europe/London');
    expect(loadConfig({ TIME_ZONE: 'UTC' }).timeZone).toBe('UTC');
    expect(() => loadConfig({ TIME_ZONE: 'Europe/Atlantis' })).toThrow(/TIME_ZONE must be an IANA time zone/);
  });

  it('refuses a suppression threshold below 3 and a response time that is not a whole number of working days', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ SUPPRESSION_THRESHOLD: '2', REPORT_RESPONSE_WORKING_DAYS: 'soon' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error!.problems).toEqual([
      'REPORT_RESPONSE_WORKING_DAYS must be a whole number from 1 to 260 (got "soon").',
      'SUPPRESSION_THRESHOLD must be at least 3: smaller counts than that can identify a person (got "2").',
    ]);
  });

  it('requires the connection a chosen store needs, without echoing secrets', () => {
    expect(() => loadConfig({ EVENT_STORE: 'postgres' })).toThrow('DATABASE_URL is required when EVENT_STORE=postgres.');
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(
      'EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb.',
    );
    expect(() => loadConfig({ EVENTSTORE_CONNECTION_STRING: 'http://admin:secret@host' })).not.toThrow('secret');
    expect(() => loadConfig({ EVENTSTORE_CONNECTION_STRING: 'http://admin:secret@host' })).toThrow('esdb://');
  });
});
