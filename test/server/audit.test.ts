import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { createDatabase, type DatabaseHandle } from '../../src/server/db/database.ts';
import { FolderMigrationProvider, MIGRATIONS_FOLDER, migrateToLatest } from '../../src/server/db/migrate.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { startServer } from '../../src/server/main.ts';
import { chainPendingAudit, writeAuditCheckpoint } from '../../src/server/modules/audit/audit.chainer.ts';
import { GENESIS_HASH, hashAuditRow } from '../../src/server/modules/audit/audit.hash.ts';
import { recordAudit, recordAudits, verifyAuditChain } from '../../src/server/modules/audit/audit.service.ts';
import { createEphemeralSigner, loadOrCreateSigner, signCheckpoint } from '../../src/server/modules/audit/audit.signer.ts';
import { buildRegion, buildUser, loginAs, type AuthHeaders } from '../helpers/factories.ts';
import { ROOT, createTestApp, testDbKind, testEnv, type TestApp } from '../helpers/test-app.ts';

// A data folder (not in-memory) so the CLI, a separate process, can open the same PGlite database.
const dataDir = mkdtempSync(join(tmpdir(), 'ys-audit-'));
const keyFile = join(dataDir, 'audit-signing-key.pem');
const checkpointFile = join(dataDir, 'audit-checkpoints.jsonl');
let t: TestApp;
let admin: AuthHeaders;
let closed = false;

beforeAll(async () => {
  t = await createTestApp({ dataDir: testDbKind() === 'pglite' ? dataDir : undefined });
  admin = await loginAs(t.app, await buildUser(t.db, { role: 'admin' }));
});
afterAll(async () => {
  if (!closed) await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const write = (entityId: string, extra: object = {}) =>
  t.db.transaction().execute((trx) => recordAudit(trx, { actor: null, action: 'create', entity: 'test', entityId, after: { entityId, ...extra } }));

async function withTriggersOff(db: Kysely<Database>, fn: () => Promise<unknown>) {
  await sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(db);
  try {
    await fn();
  } finally {
    await sql`alter table audit_log enable trigger audit_log_no_update_delete`.execute(db);
  }
}

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
  it('should leave no entry when the transaction rolls back, and the chain stays gapless over the hole in seq', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { actor: null, action: 'create', entity: 'test', entityId: 'rolled-back' });
        throw new Error('write failed after the audit entry');
      }),
    ).rejects.toThrow('write failed');
    expect(await t.db.selectFrom('audit_log').select('id').where('entity_id', '=', 'rolled-back').execute()).toEqual([]);
    await write('kept');
    const kept = await t.db.selectFrom('audit_log').select(['seq', 'chain_seq', 'hash']).where('entity_id', '=', 'kept').executeTakeFirstOrThrow();
    // Committed, not chained yet: the writer took no lock and computed no hash.
    expect(kept).toMatchObject({ chain_seq: null, hash: null });
    expect((await chainPendingAudit(t.db)).chained).toBeGreaterThanOrEqual(1);
    const chained = await t.db.selectFrom('audit_log').select('chain_seq').orderBy('chain_seq').execute();
    expect(chained.map((r) => r.chain_seq)).toEqual(chained.map((_, i) => i + 1));
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, unchained: 0 });
  });

  it('should keep the order of several entries of one call and chain concurrent writers into one gapless chain', async () => {
    await t.db.transaction().execute((trx) =>
      recordAudits(trx, ['m1', 'm2', 'm3'].map((entityId) => ({ actor: null, action: 'update', entity: 'test', entityId }))),
    );
    await Promise.all(Array.from({ length: 12 }, (_, i) => write(`c${i}`, { i, nested: { b: 1, a: [1, 'x'], n: 1.5 } })));
    // A second chainer at the same time must not fork the chain.
    await Promise.all([chainPendingAudit(t.db, { batchSize: 5 }), chainPendingAudit(t.db, { batchSize: 5 })]);
    await chainPendingAudit(t.db);
    const rows = await t.db.selectFrom('audit_log').select(['chain_seq', 'entity_id']).orderBy('chain_seq').execute();
    expect(rows.map((r) => r.chain_seq)).toEqual(rows.map((_, i) => i + 1));
    const ms = rows.filter((r) => r.entity_id?.startsWith('m')).map((r) => r.entity_id);
    expect(ms).toEqual(['m1', 'm2', 'm3']);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, broken: null, checked: rows.length, unchained: 0 });
  });
});

describe(verifyAuditChain.name, () => {
  it('should refuse UPDATE, DELETE and TRUNCATE, and let only the chainer fill in an unchained row once', async () => {
    await expect(sql`update audit_log set action = 'x' where chain_seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`update audit_log set hash = 'x', prev_hash = 'y' where chain_seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where chain_seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    await write('unchained-edit');
    await expect(sql`update audit_log set action = 'x', chain_seq = 999, hash = 'h', prev_hash = 'p' where entity_id = 'unchained-edit'`.execute(t.db)).rejects.toThrow(/append-only/);
    await chainPendingAudit(t.db);
  });

  it('should name an edited row, a deleted middle row, deleted newest rows after a checkpoint and a forged checkpoint (service and CLI)', async () => {
    const signer = loadOrCreateSigner(keyFile);
    for (let i = 0; i < 4; i++) await write(`tamper${i}`);
    await chainPendingAudit(t.db);
    const cp = await writeAuditCheckpoint(t.db, { signer, file: checkpointFile });
    expect(cp).toMatchObject({ keyId: signer.keyId, chainSeq: expect.any(Number) });
    const opts = { verifier: signer, checkpointFile };
    expect(await verifyAuditChain(t.db, opts)).toMatchObject({ ok: true, checkpoints: 2 });
    const head = cp!.chainSeq;

    // 1. an edited row
    const victim = await t.db.selectFrom('audit_log').select(['id', 'after']).where('chain_seq', '=', 2).executeTakeFirstOrThrow();
    await withTriggersOff(t.db, () => sql`update audit_log set after = '{"forged": true}'::jsonb where chain_seq = 2`.execute(t.db));
    expect(await verifyAuditChain(t.db, opts)).toMatchObject({ ok: false, checked: 1, broken: { seq: 2, id: victim.id, reason: 'content does not match its hash' } });
    await withTriggersOff(t.db, () => t.db.updateTable('audit_log').set({ after: JSON.stringify(victim.after) }).where('chain_seq', '=', 2).execute());
    expect((await verifyAuditChain(t.db, opts)).ok).toBe(true);
    await withTriggersOff(t.db, () => sql`update audit_log set at = at + interval '1 second' where chain_seq = 4`.execute(t.db));
    expect((await verifyAuditChain(t.db, opts)).broken?.seq).toBe(4);
    await withTriggersOff(t.db, () => sql`update audit_log set at = at - interval '1 second' where chain_seq = 4`.execute(t.db));

    // 2. a forged checkpoint: same head, signed by another key; then a genuine one with its hash changed
    const saved = readFileSync(checkpointFile, 'utf8');
    const forged = signCheckpoint(createEphemeralSigner(), { chainSeq: head, hash: 'f'.repeat(64) }, new Date());
    writeFileSync(checkpointFile, `${saved}${JSON.stringify({ ...forged, keyId: signer.keyId })}\n`);
    expect((await verifyAuditChain(t.db, opts)).broken?.reason).toMatch(/checkpoint at row \d+ \(.*line 2\) has an invalid signature/);
    writeFileSync(checkpointFile, saved.replace(/"hash":"[0-9a-f]+"/, `"hash":"${'0'.repeat(64)}"`));
    expect((await verifyAuditChain(t.db, opts)).broken?.reason).toMatch(/invalid signature/);
    writeFileSync(checkpointFile, saved);
    expect((await verifyAuditChain(t.db, opts)).ok).toBe(true);
    // Without the key, checkpoints cannot be trusted.
    expect((await verifyAuditChain(t.db, { verifier: null, checkpointFile })).broken?.reason).toMatch(/no audit public key/);

    // 3. the newest rows deleted (and the database's own checkpoints with them): the file still knows
    const tail = await t.db.selectFrom('audit_log').selectAll().where('chain_seq', '>=', head - 1).execute();
    await withTriggersOff(t.db, () => sql`delete from audit_log where chain_seq >= ${head - 1}`.execute(t.db));
    await sql`delete from audit_checkpoints`.execute(t.db);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true }); // links alone cannot see it
    expect((await verifyAuditChain(t.db, opts)).broken).toMatchObject({
      seq: head,
      reason: expect.stringMatching(new RegExp(`chain ends at row ${head - 2} but a signed checkpoint .* covers row ${head}: the newest rows were deleted`)),
    });
    // A rewritten tail (deleted, then other rows chained in their place) no longer matches the checkpoint.
    await write('replacement-1');
    await write('replacement-2');
    await chainPendingAudit(t.db);
    expect((await verifyAuditChain(t.db, opts)).broken?.reason).toMatch(new RegExp(`row ${head} no longer has the hash .* the chain was rewritten`));
    await withTriggersOff(t.db, async () => {
      await sql`delete from audit_log where chain_seq >= ${head - 1}`.execute(t.db);
      await t.db.insertInto('audit_log').values(tail.map((r) => ({ ...r, before: r.before === null ? null : JSON.stringify(r.before), after: r.after === null ? null : JSON.stringify(r.after) })) as never).execute();
    });
    expect((await verifyAuditChain(t.db, opts)).ok).toBe(true);

    // 4. a middle row deleted
    await withTriggersOff(t.db, () => sql`delete from audit_log where chain_seq = 3`.execute(t.db));
    expect(await verifyAuditChain(t.db, opts)).toMatchObject({ ok: false, broken: { seq: 3, id: null, reason: 'row 3 of the chain is missing (next is 4)' } });

    const target = t.database.url ? ['--database-url', t.database.url] : ['--data-dir', dataDir];
    if (!t.database.url) {
      await t.close();
      closed = true;
    }
    const env = { ...process.env, DATABASE_URL: '', YINGSHANG_AUDIT_KEY_FILE: keyFile, YINGSHANG_AUDIT_CHECKPOINT_FILE: checkpointFile };
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin/yingshang'), 'audit', 'verify', ...target], { encoding: 'utf8', env });
    expect(cli.stdout).toContain('BROKEN at row 3: row 3 of the chain is missing');
    expect(cli.status).toBe(1);
  }, 120_000);
});

/** A database of its own (a fresh in-memory PGlite, or a fresh schema), not yet migrated. */
async function bareDatabase(): Promise<{ handle: DatabaseHandle; url: string | null; dir: string | null; drop(): Promise<void> }> {
  if (testDbKind() === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'ys-audit-bare-'));
    const handle = await createDatabase({ databaseUrl: null, dataDir: dir });
    return {
      handle,
      url: null,
      dir,
      async drop() {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  // A database of its own: Kysely's migrator looks for its bookkeeping tables in every schema.
  const baseUrl = new URL(process.env.TEST_DATABASE_URL!);
  const name = `ys_audit_${randomBytes(6).toString('hex')}`;
  const run = async (q: string) => {
    const client = new pg.Client({ connectionString: baseUrl.href });
    await client.connect();
    await client.query(q);
    await client.end();
  };
  await run(`create database ${name}`);
  const url = new URL(baseUrl.href);
  url.pathname = `/${name}`;
  const handle = await createDatabase({ databaseUrl: url.href, dataDir: null, poolSize: 3 });
  return {
    handle,
    url: url.href,
    dir: null,
    async drop() {
      await handle.close();
      await run(`drop database if exists ${name} with (force)`);
    },
  };
}

describe('migration 0900 and restarts', () => {
  it('should keep a chain written the old way (locked, gapless seq) valid after migrating, and extend it', async () => {
    const bare = await bareDatabase();
    try {
      const migrator = new Migrator({ db: bare.handle.db, provider: new FolderMigrationProvider(MIGRATIONS_FOLDER) });
      const { error } = await migrator.migrateTo('2026_12_03_0100_create_enterprises');
      expect(error).toBeUndefined();
      let prevHash = GENESIS_HASH;
      for (let seq = 1; seq <= 3; seq++) {
        const fields = { id: randomUUID(), seq, at: new Date(), actorId: null, actorName: '旧', action: 'create', entity: 'old', entityId: `o${seq}`, regionId: null, before: null, after: { seq }, prevHash };
        const hash = hashAuditRow(fields);
        await sql`insert into audit_log (id, seq, at, actor_name, action, entity, entity_id, after, prev_hash, hash)
          values (${fields.id}, ${seq}, ${fields.at}, '旧', 'create', 'old', ${fields.entityId}, ${JSON.stringify(fields.after)}::jsonb, ${prevHash}, ${hash})`.execute(bare.handle.db);
        prevHash = hash;
      }
      await migrateToLatest(bare.handle.db);
      expect(await verifyAuditChain(bare.handle.db)).toMatchObject({ ok: true, checked: 3 });
      await bare.handle.db.transaction().execute((trx) => recordAudit(trx, { actor: null, action: 'create', entity: 'new', entityId: 'n1' }));
      const next = await bare.handle.db.selectFrom('audit_log').select('seq').where('entity_id', '=', 'n1').executeTakeFirstOrThrow();
      expect(next.seq).toBe(4);
      await chainPendingAudit(bare.handle.db);
      expect(await verifyAuditChain(bare.handle.db)).toMatchObject({ ok: true, checked: 4 });
    } finally {
      await bare.drop();
    }
  });

  it('should lose nothing to a crash between commit and chaining: the next start chains and checkpoints it, then chains in the background', async () => {
    const bare = await bareDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'ys-audit-crash-'));
    const files = { auditKeyFile: join(dir, 'key.pem'), auditCheckpointFile: join(dir, 'checkpoints.jsonl') };
    try {
      await migrateToLatest(bare.handle.db);
      // Committed writes; the process "dies" before any chainer ran.
      for (let i = 0; i < 5; i++) await bare.handle.db.transaction().execute((trx) => recordAudit(trx, { actor: null, action: 'create', entity: 'crash', entityId: `k${i}` }));
      expect(await verifyAuditChain(bare.handle.db)).toMatchObject({ ok: true, checked: 0, unchained: 5 });
      await bare.handle.close();

      const config = loadConfig({ ...testEnv(), YINGSHANG_LOG_LEVEL: 'silent' }, { port: 0, databaseUrl: bare.url, dataDir: bare.dir ?? dir, ...files });
      const server = await startServer({ config });
      const verify = () => verifyAuditChain(server.database.db, { verifier: loadOrCreateSigner(files.auditKeyFile), checkpointFile: files.auditCheckpointFile });
      try {
        const result = await verify();
        expect(result).toMatchObject({ ok: true, unchained: 0 });
        expect(result.checked).toBeGreaterThanOrEqual(5);
        expect(result.checkpoints).toBe(2); // the same head in the database and in the file
        const crash = await server.database.db.selectFrom('audit_log').select('chain_seq').where('entity', '=', 'crash').execute();
        expect(crash.every((r) => r.chain_seq !== null)).toBe(true);

        await server.database.db.transaction().execute((trx) => recordAudit(trx, { actor: null, action: 'create', entity: 'live', entityId: 'l1' }));
        for (let i = 0; i < 100; i++) {
          const row = await server.database.db.selectFrom('audit_log').select('chain_seq').where('entity_id', '=', 'l1').executeTakeFirstOrThrow();
          if (row.chain_seq !== null) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        expect((await verify()).unchained).toBe(0);
      } finally {
        await server.stop();
      }
      expect(readFileSync(files.auditCheckpointFile, 'utf8').trim().split('\n').length).toBe(2); // start, stop
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await bare.drop().catch(() => {});
    }
  }, 120_000);
});
