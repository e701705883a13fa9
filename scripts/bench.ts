/**
 * Platform benchmarks. Prints one JSON line per figure:
 *   {"bench":"platform","figure":"embedded_cold_start","value":…,"unit":"s",…}
 * Steps run in order; `--only name[,name]` picks some, `--duration N` shortens the load phases.
 *   npm run -s bench
 *   npm run -s bench -- --only me-throughput --duration 5
 * To add a figure, append a step to STEPS: a name and an async `run(ctx)` that calls `ctx.emit`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

type Figure = Record<string, string | number | boolean | null>;

interface BenchContext {
  durationSeconds: number;
  connections: number;
  /** Data folder shared by the steps (the cold start creates it, later steps reuse it). */
  dataDir: string;
  emit(figure: string, fields: Figure): void;
}

interface BenchStep {
  name: string;
  run(ctx: BenchContext): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

interface Child {
  proc: ChildProcess;
  port: number;
  stop(): Promise<number | null>;
}

/** Spawns a process and resolves once GET /healthz answers 200, with the time it took. */
async function spawnUntilHealthy(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Child & { seconds: number }> {
  const port = await freePort();
  const started = performance.now();
  const proc = spawn(process.execPath, [...args.map((a) => a.replace('{port}', String(port)))], {
    cwd: ROOT,
    env: { ...process.env, YINGSHANG_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`process exited ${proc.exitCode} before healthy: ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 300_000) throw new Error('not healthy within 300 s');
    await new Promise((r) => setTimeout(r, 25));
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    proc,
    port,
    seconds,
    stop: async () => {
      proc.kill('SIGTERM');
      return exited;
    },
  };
}

const demoArgs = (dataDir: string) => [join(ROOT, 'bin/yingshang'), 'demo', '--data-dir', dataDir, '--port', '{port}', '--host', '127.0.0.1'];

async function load(url: string, headers: Record<string, string>, ctx: BenchContext) {
  const result = await autocannon({ url, headers, connections: ctx.connections, duration: ctx.durationSeconds });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** GET /api/v1/me with a session cookie beside a bare Fastify route, both measured in this run. */
function meThroughput(name: string, figure: string, env: Record<string, string>): BenchStep {
  return {
    name,
    async run(ctx) {
      const server = await spawnUntilHealthy(demoArgs(ctx.dataDir), env);
      const bare = await spawnUntilHealthy(['--input-type=module', '-e', BARE_SERVER, '{port}']);
      try {
        const login = await fetch(`http://127.0.0.1:${server.port}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'office', password: 'yingshang-demo' }),
        });
        if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
        const cookie = login.headers.getSetCookie().find((c) => c.startsWith('ys_sid='))!.split(';')[0];
        const me = await load(`http://127.0.0.1:${server.port}/api/v1/me`, { cookie }, ctx);
        const bareResult = await load(`http://127.0.0.1:${bare.port}/bare`, {}, ctx);
        const common = { connections: ctx.connections, durationSeconds: ctx.durationSeconds, unit: 'req/s' };
        const cache = env.YINGSHANG_SESSION_CACHE_MS === '0' ? 'session cache off: one PGlite query per request' : 'default 2 s session cache';
        ctx.emit(figure, { value: me.requestsPerSecond, ...common, ...me, note: `GET /api/v1/me with a session cookie, embedded PGlite, logging at info, ${cache}` });
        ctx.emit(`${figure}_bare_fastify`, { value: bareResult.requestsPerSecond, ...common, ...bareResult, note: 'bare Fastify GET returning a small JSON object, same machine, same run' });
        ctx.emit(`${figure}_ratio`, { value: round(me.requestsPerSecond / bareResult.requestsPerSecond, 3), unit: 'ratio', note: 'me / bare Fastify' });
      } finally {
        await server.stop();
        await bare.stop();
      }
    },
  };
}

/** A step that runs a benchmark script of its own in a child process; the script prints its JSON lines. */
function scriptStep(name: string, script: string): BenchStep {
  return {
    name,
    async run() {
      await new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script)], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
        child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}`))));
      });
    },
  };
}

const STEPS: BenchStep[] = [
  {
    name: 'start',
    async run(ctx) {
      const cold = await spawnUntilHealthy(demoArgs(ctx.dataDir));
      const coldExit = await cold.stop();
      ctx.emit('embedded_cold_start', { value: round(cold.seconds), unit: 's', note: 'bin/yingshang demo on an empty data dir (initdb, migrations, demo seed) until GET /healthz is 200', shutdownExitCode: coldExit });
      const warm = await spawnUntilHealthy(demoArgs(ctx.dataDir));
      const warmExit = await warm.stop();
      ctx.emit('embedded_warm_start', { value: round(warm.seconds), unit: 's', note: 'same data dir, second start', shutdownExitCode: warmExit });
    },
  },
  meThroughput('me-throughput', 'me_requests_per_second', {}),
  {
    // The embedded default serving a department: 20 connections on the office's task list, /healthz sampled
    // alongside, and the server's resident memory idle (demo loaded) and at its peak.
    name: 'embedded-task-list',
    async run(ctx) {
      const server = await spawnUntilHealthy(demoArgs(ctx.dataDir));
      const rss = (field: 'VmRSS' | 'VmHWM') => {
        const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${server.proc.pid}/status`, 'utf8'));
        return m ? Math.round(Number(m[1]) / 1024) : null;
      };
      try {
        await new Promise((r) => setTimeout(r, 5000));
        const idleMb = rss('VmRSS');
        const base = `http://127.0.0.1:${server.port}`;
        const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'office', password: 'yingshang-demo' }) });
        if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
        const cookie = login.headers.getSetCookie().find((c) => c.startsWith('ys_sid='))!.split(';')[0];
        const url = `${base}/api/v1/tasks?pageSize=20`;
        for (let i = 0; i < 5; i++) await fetch(url, { headers: { cookie } });
        const health: number[] = [];
        let sampling = true;
        const sampler = (async () => {
          while (sampling) {
            const t = performance.now();
            await fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
            health.push(performance.now() - t);
            await new Promise((r) => setTimeout(r, 100));
          }
        })();
        const result = await autocannon({ url, headers: { cookie }, connections: 20, duration: ctx.durationSeconds });
        sampling = false;
        await sampler;
        health.sort((a, b) => a - b);
        const p99 = health[Math.min(health.length - 1, Math.floor(health.length * 0.99))] ?? null;
        ctx.emit('embedded_task_list_20_connections', {
          value: Math.round(result.requests.average),
          unit: 'req/s',
          latencyP50Ms: result.latency.p50,
          latencyP99Ms: result.latency.p99,
          goalP99Ms: 200,
          healthzP99Ms: p99 === null ? null : round(p99, 1),
          healthzSamples: health.length,
          goalHealthzP99Ms: 100,
          non2xx: result.non2xx,
          note: 'GET /api/v1/tasks?pageSize=20 as office on the demo data, embedded PGlite, 20 connections; /healthz every 100 ms during the run',
        });
        ctx.emit('embedded_rss', { idleMb, peakMb: rss('VmHWM'), goalIdleMb: 300, unit: 'MB', note: 'server VmRSS 5 s after healthy (demo loaded) and VmHWM after the task-list load' });
      } finally {
        await server.stop();
      }
    },
  },
  meThroughput('me-throughput-uncached', 'me_requests_per_second_uncached', { YINGSHANG_SESSION_CACHE_MS: '0' }),
  // The parser over the five seeds beside a one-pass regex scan of the same text (scripts/bench-parse.ts).
  scriptStep('parse', 'scripts/bench-parse.ts'),
  {
    // Issue 7: a 5 MB plan parses in the document worker pool while /healthz is sampled, beside the same with
    // YINGSHANG_DOCUMENT_WORKERS=0 (in-thread, as before the pool); then parse throughput through the pool
    // (read, parse, resolve, results back) beside parsePlan in this thread on the same text.
    name: 'document-pool',
    async run(ctx) {
      const plan = largeSeedPlan(5);
      const mb = plan.length / 1024 / 1024;
      for (const [mode, env] of [['pool', {}], ['in-thread', { YINGSHANG_DOCUMENT_WORKERS: '0' }]] as const) {
        const server = await spawnUntilHealthy(demoArgs(ctx.dataDir), env);
        try {
          const base = `http://127.0.0.1:${server.port}`;
          const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'office', password: 'yingshang-demo' }) });
          if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
          const cookie = login.headers.getSetCookie().find((c) => c.startsWith('ys_sid='))!.split(';')[0];
          const { csrfToken } = (await login.json()) as { csrfToken: string };
          const parse = async (data: Buffer, name: string) => {
            const form = new FormData();
            form.append('file', new Blob([new Uint8Array(data)]), name);
            const res = await fetch(`${base}/api/v1/plans/parse`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken }, body: form });
            await res.arrayBuffer();
            return res.status;
          };
          const rest = await sampleHealthz(base, () => false, 3000);
          // The first document starts the worker (the pool is lazy): not measured.
          await parse(plan.subarray(0, 30_000), 'warm.txt');
          let done = false;
          const started = performance.now();
          const during = sampleHealthz(base, () => done);
          const status = await parse(plan, 'plan-5mb.txt').finally(() => (done = true));
          const parseSeconds = (performance.now() - started) / 1000;
          const d = await during;
          ctx.emit(`healthz_p99_during_5mb_parse_${mode === 'pool' ? 'pool' : 'in_thread'}`, {
            value: d.p99,
            unit: 'ms',
            restP99Ms: rest.p99,
            p50Ms: d.p50,
            maxMs: d.max,
            samples: d.samples,
            goalP99Ms: 100,
            parseStatus: status,
            parseSeconds: round(parseSeconds),
            planMb: round(mb),
            note: `POST /api/v1/plans/parse with a ${round(mb)} MB .txt plan (the seeds repeated) as office on the demo; /healthz every 20 ms during it, beside 3 s at rest; ${mode === 'pool' ? 'document worker pool (default)' : 'YINGSHANG_DOCUMENT_WORKERS=0: read and parsed on the main thread'}`,
          });
        } finally {
          await server.stop();
        }
      }
      const { parsePlan } = await import('../src/core/plan/index.ts');
      const { createDocumentPool } = await import('../src/server/readers/document-pool.ts');
      const text = plan.toString('utf8');
      const region = { id: '00000000-0000-0000-0000-000000000000', path: '', name: '定西市' };
      const rounds = 3;
      parsePlan(text, { baseYear: 2022 });
      let t = performance.now();
      for (let i = 0; i < rounds; i++) parsePlan(text, { baseYear: 2022 });
      const inThreadMBps = (mb * rounds) / ((performance.now() - t) / 1000);
      const pool = createDocumentPool({ workers: 1, memoryMb: 512, timeoutMs: 120_000 });
      try {
        await pool.analysePlan({ source: { kind: 'file', data: plan, filename: 'plan.txt' }, year: 2022, region, units: [] });
        t = performance.now();
        for (let i = 0; i < rounds; i++) await pool.analysePlan({ source: { kind: 'file', data: plan, filename: 'plan.txt' }, year: 2022, region, units: [] });
        const poolMBps = (mb * rounds) / ((performance.now() - t) / 1000);
        ctx.emit('plan_parse_throughput_pool', {
          value: round(poolMBps),
          unit: 'MB/s',
          inThreadParseMBps: round(inThreadMBps),
          ratio: round(poolMBps / inThreadMBps, 3),
          planMb: round(mb),
          rounds,
          note: 'one document worker: bytes in, read + clean + parse + resolve (empty registry), the plan back by structured clone; beside parsePlan alone on the same text in this thread (warm)',
        });
      } finally {
        await pool.close();
      }
    },
  },
  // 6,000 tasks and 100,000 reports on PostgreSQL (TEST_DATABASE_URL): scripts/bench-supervision.ts prints its own lines.
  scriptStep('supervision', 'scripts/bench-supervision.ts'),
  // 300,000 enterprises, list/search p95 and a 100,000-row import beside COPY (scripts/bench-enterprises.ts).
  scriptStep('enterprises', 'scripts/bench-enterprises.ts'),
  // 1,000,000 appeals over 3 years on PostgreSQL (TEST_DATABASE_URL): scripts/bench-appeals.ts prints its own lines.
  scriptStep('appeals', 'scripts/bench-appeals.ts'),
  // 300,000 enterprises × 500 rules, the SQL batch (TEST_DATABASE_URL) and the 政策体检 API p95: scripts/bench-policies.ts.
  scriptStep('policies', 'scripts/bench-policies.ts'),
  // 120 regions × 300 leaves × 36 periods: core full and incremental recompute; evaluations p95 on PostgreSQL.
  scriptStep('indicators', 'scripts/bench-indicators.ts'),
];

// A bare Fastify in its own process (like the server), so the load generator does not share its CPU.
const BARE_SERVER = `
import Fastify from 'fastify';
const app = Fastify({ logger: false });
app.get('/bare', async () => ({ id: '00000000-0000-0000-0000-000000000000', username: 'office', role: 'office' }));
app.get('/healthz', async () => ({ status: 'ok' }));
const port = Number(process.argv.at(-1));
await app.listen({ port, host: '127.0.0.1' });
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
`;

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The five seed plans repeated to about `mb` MB. */
function largeSeedPlan(mb: number): Buffer {
  const dir = join(ROOT, 'test/fixtures/seeds');
  const seeds = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
  const parts: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < mb * 1024 * 1024; i++) {
    parts.push(`${seeds[i % seeds.length]}\n\n`);
    bytes += Buffer.byteLength(parts.at(-1)!);
  }
  return Buffer.from(parts.join(''), 'utf8');
}

/** GET /healthz every 20 ms until `stop()` (or for `ms`): p50, p99 and max latency. */
async function sampleHealthz(base: string, stop: () => boolean, ms = Infinity) {
  const xs: number[] = [];
  const start = performance.now();
  while (!stop() && performance.now() - start < ms) {
    const t = performance.now();
    await fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
    xs.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  xs.sort((a, b) => a - b);
  const q = (p: number) => (xs.length ? round(xs[Math.min(xs.length - 1, Math.floor(xs.length * p))], 1) : null);
  return { samples: xs.length, p50: q(0.5), p99: q(0.99), max: xs.length ? round(xs[xs.length - 1], 1) : null };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, duration: { type: 'string' }, connections: { type: 'string' } } });
  const only = values.only ? new Set(values.only.split(',')) : null;
  const unknown = only ? [...only].filter((n) => !STEPS.some((s) => s.name === n)) : [];
  if (unknown.length > 0) throw new Error(`unknown step(s) ${unknown.join(', ')}; steps: ${STEPS.map((s) => s.name).join(', ')}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'ys-bench-'));
  const ctx: BenchContext = {
    durationSeconds: Number(values.duration ?? 10),
    connections: Number(values.connections ?? 50),
    dataDir,
    emit: (figure, fields) => console.log(JSON.stringify({ bench: 'platform', figure, ...fields })),
  };
  try {
    for (const step of STEPS) if (!only || only.has(step.name)) await step.run(ctx);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
