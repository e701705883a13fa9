import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { configFromFlags, describeDatabase, parseCommandArgs, reportStartupError, UsageError } from '../../server/commands/cli-support.ts';
import { findImportRegion, importPlan, PLAN_UPLOAD_MAX_BYTES } from '../../server/commands/plan-importer.ts';
import { createDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { DocumentReadError } from '../../server/readers/index.ts';

export const summary = 'import a plan document into the database as a draft plan (prints its id)';
export const usage = `Usage: yingshang import FILE [--year N] [--region CODE] [--data-dir DIR | --database-url URL]

  FILE              plan document: .docx, .doc, .pdf (with a text layer), .html, .txt (UTF-8 or GBK)
  --year N          plan year for deadlines printed without a year (default: inferred)
  --region CODE     code of the region the plan belongs to (default: the only top-level region)
  --data-dir DIR    embedded PGlite data folder (env YINGSHANG_DATA_DIR, default ./data)
  --database-url U  PostgreSQL instead of PGlite (env DATABASE_URL)

Stores the plan as a draft (imported by the system, recorded in the audit log), with every printed
unit resolved against the registry, and prints the plan id on stdout.
Exit codes: 0 imported, 1 unreadable document or no such region, 2 bad arguments.
`;

const OPTIONS = {
  year: { type: 'string' },
  region: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
} as const;

export async function run(args: string[]): Promise<number> {
  let database: Awaited<ReturnType<typeof createDatabase>> | undefined;
  try {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing FILE' : `unexpected argument ${positionals[1]}`);
    if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new UsageError('--year needs a four-digit year');
    const file = positionals[0];
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (err) {
      process.stderr.write(`yingshang import: 无法读取文件 ${file}: ${(err as Error).message}\n`);
      return 1;
    }
    if (data.length > PLAN_UPLOAD_MAX_BYTES) {
      process.stderr.write(`yingshang import: PLAN_READ_TOO_LARGE: 文件过大（上限 ${PLAN_UPLOAD_MAX_BYTES / 1024 / 1024} MB）\n`);
      return 1;
    }
    const config = configFromFlags(values);
    database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await migrateToLatest(database.db);
    let region;
    try {
      region = await findImportRegion(database.db, values.region);
    } catch (err) {
      process.stderr.write(`yingshang import: ${(err as Error).message}\n`);
      return 1;
    }
    const result = await importPlan(database.db, {
      region,
      source: { kind: 'file', data, filename: basename(file) },
      year: values.year ? Number(values.year) : null,
      by: { id: null, name: 'cli' },
    });
    process.stderr.write(
      `imported ${basename(file)} into ${region.name} (${describeDatabase(config)}): ${result.measureCount} measures, ` +
        `${result.unitsMatched}/${result.unitsTotal} printed units resolved; read ${result.timing.readMs} ms, parse ${result.timing.parseMs} ms, ` +
        `resolve ${result.timing.resolveMs} ms, store ${result.timing.storeMs} ms\n`,
    );
    process.stdout.write(`${result.id}\n`);
    return 0;
  } catch (err) {
    if (err instanceof DocumentReadError) {
      process.stderr.write(`yingshang import: ${err.code}: ${err.message}\n`);
      return 1;
    }
    return reportStartupError(err, usage);
  } finally {
    await database?.close();
  }
}
