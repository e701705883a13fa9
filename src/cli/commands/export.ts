import { writeFile } from 'node:fs/promises';
import { configFromFlags, parseCommandArgs, reportStartupError, UsageError } from '../../server/commands/cli-support.ts';
import { createDatabase } from '../../server/db/database.ts';
import { AppError } from '../../server/errors.ts';
import type { Actor } from '../../server/modules/auth/auth.actor.ts';
import { exportPlanBreakdown, exportPlanFormat } from '../../server/modules/plans/plans.service.ts';

export const summary = 'export a stored plan as the 任务分解表 (.xlsx) or as plan JSON';
export const usage = `Usage: yingshang export PLAN_ID --format xlsx|json [--out PATH] [--data-dir DIR | --database-url URL]

  PLAN_ID           id printed by \`yingshang import\` (or shown in the web app)
  --format F        xlsx (the 任务分解表) or json (the plan-format)
  --out PATH        where to write (default: json on stdout; xlsx to "<title>-任务分解表.xlsx")
  --data-dir DIR    embedded PGlite data folder (env YINGSHANG_DATA_DIR, default ./data)
  --database-url U  PostgreSQL instead of PGlite (env DATABASE_URL)

Exit codes: 0 written, 1 no such plan, 2 bad arguments.
`;

const OPTIONS = {
  format: { type: 'string' },
  out: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
} as const;

/** The terminal reads as the system: it has the database already. */
const SYSTEM: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  displayName: 'system',
  role: 'admin',
  unitId: null,
  unitName: null,
  regionId: null,
  enterpriseId: null,
  regionName: null,
  regionPath: null,
  sessionId: '',
  csrfToken: '',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function run(args: string[]): Promise<number> {
  let database: Awaited<ReturnType<typeof createDatabase>> | undefined;
  try {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing PLAN_ID' : `unexpected argument ${positionals[1]}`);
    if (!UUID.test(positionals[0])) throw new UsageError('PLAN_ID must be a plan id (UUID)');
    if (values.format !== 'xlsx' && values.format !== 'json') throw new UsageError('--format must be xlsx or json');
    const config = configFromFlags(values);
    database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    if (values.format === 'xlsx') {
      const { filename, buffer } = await exportPlanBreakdown(database.db, SYSTEM, positionals[0]);
      const out = values.out ?? filename;
      await writeFile(out, buffer);
      process.stderr.write(`wrote ${out}\n`);
      return 0;
    }
    const { plan } = await exportPlanFormat(database.db, SYSTEM, positionals[0]);
    const json = JSON.stringify(plan, null, 2) + '\n';
    if (values.out) {
      await writeFile(values.out, json);
      process.stderr.write(`wrote ${values.out}\n`);
    } else await new Promise<void>((resolve) => process.stdout.write(json, () => resolve()));
    return 0;
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') {
      process.stderr.write(`yingshang export: no plan ${args.find((a) => UUID.test(a))}\n`);
      return 1;
    }
    return reportStartupError(err, usage);
  } finally {
    await database?.close();
  }
}
