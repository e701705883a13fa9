import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SEED_STEPS, seedDemo } from '../../src/server/commands/demo-seeder.ts';
import type { Role } from '../../src/server/db/schema.ts';
import { collectIds, POISONS, ROLE_POISONS, sweep, type OpenApi, type SweepContext, type SweepUpload } from '../helpers/api-sweep.ts';
import { buildUser, loginAs, type AuthHeaders } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { sweepUploads } from '../helpers/archive-fixtures.ts';

/*
 * Issue 7, "the suite finds the next one": every operation of the OpenAPI document, as every role
 * (and anonymously), with bad values — NUL, lone surrogates, impossible dates, wrong types, huge
 * strings, empty and huge lists, bad ids, garbage and bomb uploads — and one plausible request
 * with real ids from the demo data. Any 5xx fails the test and is listed with its log line.
 * Driven by the document, so every module's routes are covered as soon as they are registered.
 */
const ROLES: Role[] = ['unit', 'enterprise', 'leader', 'office', 'admin'];
const SKIP = [/^POST \/api\/v1\/auth\/logout$/];

let t: TestApp;
let spec: OpenApi;
const logs: string[] = [];
const sessions = new Map<Role, AuthHeaders>();
let uploads: SweepUpload[];

beforeAll(async () => {
  const logStream = new Writable({ write(chunk, _enc, cb) { logs.push(String(chunk)); cb(); } });
  t = await createTestApp({ env: { YINGSHANG_LOG_LEVEL: 'error' }, logStream });
  await seedDemo(t.db, { argon2MemoryKib: 1024, steps: DEMO_SEED_STEPS });
  for (const account of DEMO_ACCOUNTS) if (!sessions.has(account.role)) sessions.set(account.role, await loginAs(t.app, { username: account.username, password: DEMO_PASSWORD }));
  for (const role of ROLES) if (!sessions.has(role)) sessions.set(role, await loginAs(t.app, await buildUser(t.db, { role })));
  spec = t.app.swagger() as unknown as OpenApi;
  uploads = await sweepUploads();
}, 300_000);
afterAll(() => t?.close());

function report(findings: { status: number; method: string; path: string; label: string; body: string; requestId: string }[]): string[] {
  return findings.map((f) => {
    const log = logs.find((l) => l.includes(f.requestId)) ?? '';
    const msg = /"message":"([^"]{0,160})/.exec(log.slice(log.indexOf('"err"')))?.[1] ?? f.body;
    if (process.env.SWEEP_TRACE) console.log(log);
    return `${f.status} ${f.method} ${f.path} (${f.label}): ${msg}`;
  });
}

describe('API sweep over the OpenAPI document', () => {
  it('documents operations to sweep', () => {
    expect(Object.keys(spec.paths).length).toBeGreaterThan(30);
  });

  it('anonymous: no 5xx', async () => {
    const ctx: SweepContext = { ids: new Map() };
    const { sent, findings } = await sweep(t.app, spec, {}, ctx, { skip: SKIP, poisons: ['plausible', 'nul'] });
    expect(sent).toBeGreaterThan(100);
    expect(report(findings)).toEqual([]);
  });

  for (const role of ROLES) {
    it(`${role}: no 5xx on any operation with bad values`, async () => {
      const headers = sessions.get(role)!;
      const ctx: SweepContext = { ids: new Map() };
      await collectIds(t.app, spec, headers, ctx);
      // Every poison as admin (the widest reach); as the others, what can differ by role.
      const full = role === 'admin';
      const { sent, findings } = await sweep(t.app, spec, headers, ctx, { skip: SKIP, uploads, poisons: full ? POISONS : ROLE_POISONS, edge: full });
      expect(sent).toBeGreaterThan(200);
      expect(report(findings)).toEqual([]);
    }, 60_000);
  }
});
