import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, verifyAuditChain } from '../../src/server/modules/audit/audit.service.ts';
import { buildRegion, buildUser, loginAs, type AuthHeaders } from '../helpers/factories.ts';
import { ROOT, createTestApp, testDbKind, type TestApp } from '../helpers/test-app.ts';

// A data folder (not in-memory) so the CLI, a separate process, can open the same PGlite database.
const dataDir = testDbKind() === 'pglite' ? mkdtempSync(join(tmpdir(), 'ys-audit-')) : undefined;
let t: TestApp;
let admin: AuthHeaders;
let closed = false;

beforeAll(async () => {
  t = await createTestApp({ dataDir });
  admin = await loginAs(t.app, await buildUser(t.db, { role: 'admin' }));
});
afterAll(async () => {
  if (!closed) await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /api/v1/audit', () => {
  it('should walk the ladder: 401, 400 per bad field, 403 for non-admins, 200 newest first', async () => {
    expect((await t.app.inject({ url: '/api/v1/audit' })).statusCode).toBe(401);
    for (const query of ['actorId=me', 'pageSize=201', 'page=-1', 'x=1']) {
      expect((await t.app.inject({ url: `/api/v1/audit?${query}`, headers: admin })).statusCode, query).toBe(400);
    }
    const office = await loginAs(t.app, await buildUser(t.db, { role: 'office' }));
    expect((await t.app.inject({ url: '/api/v1/audit', headers: office })).statusCode).toBe(403);

    const city = await buildRegion(t.db);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: admin, payload: { name: '审计县', kind: 'county', parentId: city.id } });
    const res = await t.app.inject({ url: '/api/v1/audit?entity=region&pageSize=1', headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({ action: 'create', entity: 'region', entityId: created.json().id, actorName: expect.any(String), before: null, after: { name: '审计县' } });
    expect(res.json().items[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const me = (await t.app.inject({ url: '/api/v1/me', headers: admin })).json();
    const mine = await t.app.inject({ url: `/api/v1/audit?actorId=${me.id}`, headers: admin });
    expect(mine.json().items.every((e: { actorId: string }) => e.actorId === me.id)).toBe(true);
    expect(mine.json().total).toBeGreaterThanOrEqual(2);
  });
});

describe(recordAudit.name, () => {
  it('should leave no entry and no gap when the surrounding transaction rolls back', async () => {
    const before = await t.db.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow();
    await expect(
      t.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { actor: null, action: 'create', entity: 'test', entityId: 'rolled-back' });
        throw new Error('write failed after the audit entry');
      }),
    ).rejects.toThrow('write failed');
    expect(await t.db.selectFrom('audit_log').select('id').where('entity_id', '=', 'rolled-back').execute()).toEqual([]);
    await t.db.transaction().execute((trx) => recordAudit(trx, { actor: null, action: 'create', entity: 'test', entityId: 'kept' }));
    const kept = await t.db.selectFrom('audit_log').select('seq').where('entity_id', '=', 'kept').executeTakeFirstOrThrow();
    expect(kept.seq).toBe(Number(before.seq) + 1);
  });

  it('should keep one gapless chain under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.db.transaction().execute((trx) => recordAudit(trx, { actor: null, action: 'update', entity: 'test', entityId: `c${i}`, after: { i, nested: { b: 1, a: [1, 'x'] } } })),
      ),
    );
    const seqs = (await t.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => r.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, broken: null, checked: seqs.length });
  });
});

describe(verifyAuditChain.name, () => {
  it('should refuse UPDATE, DELETE and TRUNCATE on the audit log', async () => {
    await expect(sql`update audit_log set action = 'x' where seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('should name the first altered row, pass again once restored, and name a removed row (service and CLI)', async () => {
    await t.db.transaction().execute((trx) => recordAudit(trx, { actor: null, action: 'create', entity: 'test', entityId: 'tail' }));
    await sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(t.db);
    const victim = await t.db.selectFrom('audit_log').select(['seq', 'id', 'after']).where('seq', '=', 2).executeTakeFirstOrThrow();

    await sql`update audit_log set after = '{"forged": true}'::jsonb where seq = 2`.execute(t.db);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, checked: 1, broken: { seq: 2, id: victim.id, reason: 'content does not match its hash' } });

    await t.db.updateTable('audit_log').set({ after: victim.after === null ? null : JSON.stringify(victim.after) }).where('seq', '=', 2).execute();
    expect((await verifyAuditChain(t.db)).ok).toBe(true);

    await sql`update audit_log set at = at + interval '1 second' where seq = 4`.execute(t.db);
    expect((await verifyAuditChain(t.db)).broken?.seq).toBe(4);
    await sql`update audit_log set at = at - interval '1 second' where seq = 4`.execute(t.db);

    await sql`delete from audit_log where seq = 3`.execute(t.db);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, broken: { seq: 3, id: null } });
    await sql`alter table audit_log enable trigger audit_log_no_update_delete`.execute(t.db);

    const target = t.database.url ? ['--database-url', t.database.url] : ['--data-dir', dataDir!];
    if (!t.database.url) {
      await t.close();
      closed = true;
    }
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin/yingshang'), 'audit', 'verify', ...target], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
    expect(cli.stdout).toContain('BROKEN at row seq=3');
    expect(cli.status).toBe(1);
  }, 120_000);
});
