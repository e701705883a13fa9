import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/test-app.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'ys-lock-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function serve(port: number) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/yingshang'), 'serve', '--data-dir', dataDir, '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', YINGSHANG_LOG_LEVEL: 'warn', YINGSHANG_ARGON2_MEMORY_KIB: '4096' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const out = { text: '' };
  child.stdout!.on('data', (d) => (out.text += d));
  child.stderr!.on('data', (d) => (out.text += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out, exited };
}

async function healthy(base: string, child: ChildProcess, out: { text: string }): Promise<void> {
  for (let i = 0; ; i++) {
    expect(child.exitCode, out.text).toBeNull();
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) return;
    if (i > 2400) throw new Error(`not healthy: ${out.text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// One process per embedded data folder: PostgreSQL guards its own cluster, so this runs on PGlite only.
describe('one process per embedded data folder', () => {
  it('should refuse a second server on the same folder, naming the first, while the first keeps serving', async () => {
    const port1 = await freePort();
    const first = serve(port1);
    await healthy(`http://127.0.0.1:${port1}`, first.child, first.out);
    const lockFile = join(dataDir, 'yingshang.lock');
    expect(existsSync(lockFile)).toBe(true);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: first.child.pid });

    const port2 = await freePort();
    const second = serve(port2);
    const code = await second.exited;
    expect(code, second.out.text).not.toBe(0);
    expect(second.out.text).toContain(`pid ${first.child.pid}`);
    expect(second.out.text).toContain('已被另一个营商进程使用');
    expect(second.out.text).toContain('is in use by another Yingshang process');
    expect(await fetch(`http://127.0.0.1:${port2}/healthz`).then((r) => r.status, () => 'refused')).toBe('refused');

    // The first one still answers, and still writes.
    const setup = await fetch(`http://127.0.0.1:${port1}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'first-admin', password: 'Lock-test: one folder, one process' }),
    });
    expect(setup.status).toBe(201);

    // A CLI command that opens the folder refuses the same way.
    const cli = spawn(process.execPath, [join(ROOT, 'bin/yingshang'), 'audit', 'verify', '--data-dir', dataDir], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } });
    let cliOut = '';
    cli.stdout.on('data', (d) => (cliOut += d));
    cli.stderr.on('data', (d) => (cliOut += d));
    const cliCode = await new Promise<number | null>((resolve) => cli.once('exit', resolve));
    expect(cliCode, cliOut).not.toBe(0);
    expect(cliOut).toContain(`pid ${first.child.pid}`);

    // Graceful shutdown releases the lock.
    first.child.kill('SIGTERM');
    expect(await first.exited, first.out.text).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
  }, 240_000);

  it('should take over a stale lock whose process is gone', async () => {
    const dir = join(dataDir, 'stale');
    mkdirSync(dir, { recursive: true });
    // A pid that is not running (the highest pid Linux hands out is far below this).
    writeFileSync(join(dir, 'yingshang.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, hostname: hostname(), startedAt: '2026-01-01T00:00:00Z' }));
    const { createDatabase } = await import('../../src/server/db/database.ts');
    const db = await createDatabase({ databaseUrl: null, dataDir: dir });
    try {
      expect(JSON.parse(readFileSync(join(dir, 'yingshang.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
      // The same process opening it twice is refused as well.
      await expect(createDatabase({ databaseUrl: null, dataDir: dir })).rejects.toThrow(/in use by another Yingshang process/);
    } finally {
      await db.close();
    }
    expect(existsSync(join(dir, 'yingshang.lock'))).toBe(false);
  }, 120_000);

  it('should tell a reused pid from the owner: its own pid after a container restart, another process on the old pid', async () => {
    const { acquireDataDirLock } = await import('../../src/server/db/data-dir-lock.ts');
    const dir = join(dataDir, 'reused');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'yingshang.lock');
    // In a container the server is often pid 1 on every start: a lock with our own pid that we do not hold is stale.
    writeFileSync(file, JSON.stringify({ pid: process.pid, hostname: hostname() }));
    const own = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(/pid \d+/);
    own.release();
    // pid 1 runs, but it is not the process that wrote the lock (another start tick).
    writeFileSync(file, JSON.stringify({ pid: 1, hostname: hostname(), pidStart: '1' }));
    acquireDataDirLock(dir).release();
    // pid 1 with its real start tick does hold it.
    const start = readFileSync('/proc/1/stat', 'utf8').split(') ')[1]!.split(' ')[19];
    writeFileSync(file, JSON.stringify({ pid: 1, hostname: hostname(), pidStart: start }));
    expect(() => acquireDataDirLock(dir)).toThrow(/pid 1/);
  });
});
