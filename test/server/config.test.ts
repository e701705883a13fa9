import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.ts';

describe(loadConfig.name, () => {
  it('should give the documented defaults for an empty environment, frozen', () => {
    const sut = loadConfig({});
    expect(sut).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: null, dataDir: './data', sessionSecret: null, sessionIdleMinutes: 30, cookieSecure: false, logLevel: 'info' });
    expect(Object.isFrozen(sut)).toBe(true);
  });

  it('should read every variable', () => {
    const sut = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://u:p@db:5432/ys',
      YINGSHANG_DATA_DIR: '/var/lib/ys',
      YINGSHANG_SESSION_SECRET: 's'.repeat(40),
      YINGSHANG_SESSION_IDLE_MINUTES: '15',
      YINGSHANG_COOKIE_SECURE: 'true',
      YINGSHANG_LOG_LEVEL: 'warn',
    });
    expect(sut).toMatchObject({ port: 8080, host: '0.0.0.0', databaseUrl: 'postgresql://u:p@db:5432/ys', dataDir: '/var/lib/ys', sessionIdleMinutes: 15, cookieSecure: true, https: true, logLevel: 'warn' });
  });

  it('should throw one error listing every invalid variable', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        YINGSHANG_SESSION_SECRET: 'short',
        YINGSHANG_SESSION_IDLE_MINUTES: '0',
        YINGSHANG_COOKIE_SECURE: 'maybe',
        YINGSHANG_LOG_LEVEL: 'loud',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(6);
    for (const name of ['PORT', 'DATABASE_URL', 'YINGSHANG_SESSION_SECRET', 'YINGSHANG_SESSION_IDLE_MINUTES', 'YINGSHANG_COOKIE_SECURE', 'YINGSHANG_LOG_LEVEL']) {
      expect((error as Error).message).toContain(name);
    }
  });
});
