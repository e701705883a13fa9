import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { createTestApp, testEnv } from '../helpers/test-app.ts';

async function linesFor(env: Record<string, string>) {
  let log = '';
  const t = await createTestApp({ env, logStream: { write: (line: string) => void (log += line) } });
  try {
    for (let i = 0; i < 3; i++) expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    return log.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  } finally {
    await t.close();
  }
}

describe('request log', () => {
  it('should write one line per request at the request-log level, and none when that level is below the log level', async () => {
    const shown = (await linesFor({ YINGSHANG_LOG_LEVEL: 'info', YINGSHANG_REQUEST_LOG_LEVEL: 'info' })).filter((l) => l.msg === 'request');
    expect(shown).toHaveLength(3);
    expect(shown[0]).toMatchObject({ level: 30, method: 'GET', url: '/healthz', status: 200, ms: expect.any(Number) });
    const all = await linesFor({ YINGSHANG_LOG_LEVEL: 'info' });
    expect(all.filter((l) => l.msg === 'request' || l.msg === 'incoming request' || l.msg === 'request completed')).toEqual([]);
    const debug = (await linesFor({ YINGSHANG_LOG_LEVEL: 'debug' })).filter((l) => l.msg === 'request');
    expect(debug.map((l) => l.level)).toEqual([20, 20, 20]);
  }, 120_000);

  it('should refuse an unknown request-log level', () => {
    expect(() => loadConfig({ ...testEnv(), YINGSHANG_REQUEST_LOG_LEVEL: 'loud' })).toThrow(/YINGSHANG_REQUEST_LOG_LEVEL/);
  });
});
