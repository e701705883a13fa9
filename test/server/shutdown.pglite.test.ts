import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/server/db/database.ts';
import { verifyAuditChain } from '../../src/server/modules/audit/audit.service.ts';
import { ROOT } from '../helpers/test-app.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'ys-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

// The embedded database is the one that can lose writes on a careless exit (PostgreSQL keeps its
// own WAL), so this runs in the PGlite project only (`*.pglite.test.ts`, see vitest.config.ts).
describe('graceful shutdown (embedded PGlite)', () => {
  it('should finish or refuse in-flight writes on SIGTERM, exit 0 promptly, and keep every acknowledged write', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [join(ROOT, 'bin/yingshang'), 'serve', '--data-dir', dataDir, '--port', String(port)], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', YINGSHANG_LOG_LEVEL: 'warn', YINGSHANG_ARGON2_MEMORY_KIB: '4096' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    for (let i = 0; ; i++) {
      expect(child.exitCode, output).toBeNull();
      const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (i > 2400) throw new Error(`not healthy: ${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(output).toContain('No administrator yet');

    const setup = await fetch(`${base}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'first-admin', password: 'first-admin-password' }),
    });
    expect(setup.status).toBe(201);
    const login = (n: number) =>
      fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'first-admin', password: `wrong-${n}` }) }).then(
        (r) => r.status,
        () => 'refused' as const,
      );
    // Failed logins are writes (counter + audit row); some are in flight when the signal lands.
    const inflight = [1, 2, 3].map(login);
    await new Promise((r) => setTimeout(r, 5));
    const signalled = Date.now();
    child.kill('SIGTERM');
    const statuses = await Promise.all(inflight);
    expect(await exited, output).toBe(0);
    // Keep-alive connections of this client must not hold the exit for their 72 s timeout.
    expect(Date.now() - signalled).toBeLessThan(10_000);

    const reopened = await createDatabase({ databaseUrl: null, dataDir });
    try {
      const admin = await reopened.db.selectFrom('users').select(['username', 'failed_login_count']).executeTakeFirstOrThrow();
      expect(admin.username).toBe('first-admin');
      const answered = statuses.filter((s) => s === 401).length;
      expect(admin.failed_login_count).toBeGreaterThanOrEqual(answered);
      const failures = await reopened.db.selectFrom('audit_log').select('seq').where('action', '=', 'login_failed').execute();
      expect(failures.length).toBe(admin.failed_login_count);
      expect(await verifyAuditChain(reopened.db)).toMatchObject({ ok: true });
    } finally {
      await reopened.close();
    }
  }, 180_000);
});
