// Where a cold demo start spends its time: initdb, migrations, each seed step, the first audit chaining.
//   node --import tsx scripts/profile-seed.ts
import { rmSync } from 'node:fs';
import { createDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { DEMO_SEED_STEPS, seedDemo } from '../src/server/commands/demo-seeder.ts';
import { chainPendingAudit } from '../src/server/modules/audit/audit.chainer.ts';
rmSync('/tmp/perf-prof', { recursive: true, force: true });
let t = performance.now();
const lap = (name: string) => { const n = performance.now(); console.log(name, Math.round(n - t), 'ms'); t = n; };
const h = await createDatabase({ databaseUrl: null, dataDir: '/tmp/perf-prof' }); lap('initdb+open');
await migrateToLatest(h.db); lap('migrate');
let statements = 0;
const shapes = new Map<string, number>();
const counted = h.db.withPlugin({ transformQuery: ({ node }) => { statements++; const n = node as any; const key = `${n.kind} ${n.into?.table?.identifier?.name ?? n.table?.table?.identifier?.name ?? n.from?.froms?.[0]?.table?.identifier?.name ?? n.from?.froms?.[0]?.node?.table?.identifier?.name ?? ''}`; shapes.set(key, (shapes.get(key) ?? 0) + 1); return node; }, transformResult: async ({ result }) => result });
for (const step of DEMO_SEED_STEPS) {
  statements = 0;
  await seedDemo(counted, { argon2MemoryKib: 19456, steps: [step] });
  lap(`seed ${step.name} (${statements} statements)`);
  if (process.env.SHAPES) console.log([...shapes].sort((a, b) => b[1] - a[1]).slice(0, 12));
  shapes.clear();
}
const c = await chainPendingAudit(h.db); lap(`chain ${c.chained}`);
await h.close(); lap('close');
