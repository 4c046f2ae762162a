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

  it('requires the connection a chosen store needs, without echoing secrets', () => {
    expect(() => loadConfig({ EVENT_STORE: 'postgres' })).toThrow('DATABASE_URL is required when EVENT_STORE=postgres.');
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(
      'EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb.',
    );
    expect(() => loadConfig({ EVENTSTORE_CONNECTION_STRING: 'http://admin:secret@host' })).not.toThrow('secret');
    expect(() => loadConfig({ EVENTSTORE_CONNECTION_STRING: 'http://admin:secret@host' })).toThrow('esdb://');
  });
});
