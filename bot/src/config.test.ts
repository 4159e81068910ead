import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

const TENANT = '11111111-2222-3333-4444-555555555555';
const BOT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const API = '99999999-8888-7777-6666-555555555555';

const AZURE: Record<string, string> = {
  COCKPIT_MODE: 'azure',
  TENANT_ID: TENANT,
  BOT_CLIENT_ID: BOT,
  API_CLIENT_ID: API,
  DATABASE_URL: 'postgres://cockpit@db.postgres.database.azure.com:5432/cockpit',
  SENTINEL_WEBHOOK_SECRET: 'x'.repeat(32),
};

/** The ConfigError loadConfig throws for env; fails the test when it does not throw one. */
function problemsFor(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

/** The variable each problem names (the text before the first colon). */
const named = (error: ConfigError): string[] =>
  [...new Set(error.problems.map((p) => p.split(':')[0]!))].sort();

describe('loadConfig in local mode', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({
      mode: 'local',
      port: 3978,
      host: '127.0.0.1',
      dataDir: './data',
      databaseUrl: null,
      webhookSecret: null,
      localDirectoryFile: null,
      devSignIn: true,
      demoFeed: false,
      playground: false,
      entra: null,
    });
  });

  it('treats empty optional values as unset', () => {
    expect(
      loadConfig({ HOST: '', SENTINEL_WEBHOOK_SECRET: '  ', LOCAL_DIRECTORY_FILE: '' }),
    ).toMatchObject({
      host: '127.0.0.1',
      webhookSecret: null,
      localDirectoryFile: null,
    });
  });

  it('reads the variables it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/cockpit',
      DATABASE_URL: 'postgresql://localhost/cockpit',
      DEMO_FEED: '1',
      PLAYGROUND: '1',
      DEV_SIGN_IN: '0',
      LOCAL_DIRECTORY_FILE: './directory.json',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/cockpit',
      databaseUrl: 'postgresql://localhost/cockpit',
      demoFeed: true,
      playground: true,
      devSignIn: false,
      localDirectoryFile: './directory.json',
    });
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root' }).mode).toBe('local');
  });
});

describe('loadConfig refusing bad values', () => {
  it('names every wrong variable at once, with what it got', () => {
    const error = problemsFor({
      PORT: 'abc',
      COCKPIT_MODE: 'cloud',
      DEMO_FEED: 'yes',
      DATABASE_URL: 'mysql://x',
    });
    expect(named(error)).toEqual(['COCKPIT_MODE', 'DATABASE_URL', 'DEMO_FEED', 'PORT']);
    expect(error.message).toContain('"abc"');
    expect(error.message).toContain('"cloud"');
    expect(error.message).toContain('"yes"');
    expect(error.message).toContain('"mysql://x"');
    expect(error.message).toMatch(/postgres/);
  });

  it.each([
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['PLAYGROUND', 'true'],
    ['DEV_SIGN_IN', 'on'],
    ['TENANT_ID', 'contoso.onmicrosoft.com'],
    ['LOG_LEVEL', 'verbose'],
  ])('refuses %s=%s', (name, value) => {
    expect(named(problemsFor({ [name]: value }))).toEqual([name]);
  });
});

describe('loadConfig in azure mode', () => {
  it('names every missing identity and the database when nothing is set', () => {
    expect(named(problemsFor({ COCKPIT_MODE: 'azure' }))).toEqual([
      'API_CLIENT_ID',
      'BOT_CLIENT_ID',
      'DATABASE_URL',
      'TENANT_ID',
    ]);
  });

  it('refuses everything unsafe, all named at once', () => {
    const error = problemsFor({
      ...AZURE,
      DEV_SIGN_IN: '1',
      LOCAL_DIRECTORY_FILE: './directory.json',
      PLAYGROUND: '1',
      DEMO_FEED: '1',
      SENTINEL_WEBHOOK_SECRET: 'too-short-secret',
    });
    expect(named(error)).toEqual([
      'DEMO_FEED',
      'DEV_SIGN_IN',
      'LOCAL_DIRECTORY_FILE',
      'PLAYGROUND',
      'SENTINEL_WEBHOOK_SECRET',
    ]);
    expect(error.message).toMatch(/32 bytes/);
  });

  it('counts the webhook secret in bytes', () => {
    expect(named(problemsFor({ ...AZURE, SENTINEL_WEBHOOK_SECRET: 'x'.repeat(31) }))).toEqual([
      'SENTINEL_WEBHOOK_SECRET',
    ]);
    // 11 euro signs are 11 characters but 33 bytes of UTF-8.
    expect(loadConfig({ ...AZURE, SENTINEL_WEBHOOK_SECRET: '€'.repeat(11) }).webhookSecret).toBe(
      '€'.repeat(11),
    );
  });

  it('parses a complete, safe environment', () => {
    expect(loadConfig({ ...AZURE, DEV_SIGN_IN: '0', DEMO_FEED: '0', PLAYGROUND: '0' })).toEqual(
      expect.objectContaining({
        mode: 'azure',
        port: 3978,
        host: '0.0.0.0',
        dataDir: './data',
        databaseUrl: AZURE.DATABASE_URL,
        webhookSecret: 'x'.repeat(32),
        localDirectoryFile: null,
        devSignIn: false,
        demoFeed: false,
        playground: false,
        entra: { tenantId: TENANT, botClientId: BOT, apiClientId: API, apiAppIdUri: null },
      }),
    );
  });

  it('writes back to Sentinel only through Azure Resource Manager', () => {
    expect(
      named(
        problemsFor({ ...AZURE, SENTINEL_WRITEBACK: '1', ARM_ENDPOINT: 'http://127.0.0.1:8080' }),
      ),
    ).toEqual(['ARM_ENDPOINT']);
    expect(named(problemsFor({ ...AZURE, SENTINEL_WRITEBACK: 'yes' }))).toEqual([
      'SENTINEL_WRITEBACK',
    ]);
    expect(loadConfig({ ...AZURE, SENTINEL_WRITEBACK: '1' })).toMatchObject({
      sentinelWriteback: true,
      armEndpoint: 'https://management.azure.com',
    });
  });

  it('keeps an explicit HOST', () => {
    expect(loadConfig({ ...AZURE, HOST: '10.0.0.4' }).host).toBe('10.0.0.4');
  });
});
