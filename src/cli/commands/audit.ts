import { configFromFlags, describeDatabase, parseCommandArgs, reportStartupError, UsageError } from '../../server/commands/cli-support.ts';
import { createDatabase } from '../../server/db/database.ts';
import { verifyAuditChain } from '../../server/modules/audit/audit.service.ts';

export const summary = 'Audit trail: `audit verify` checks the hash chain for edited or removed rows';
export const usage = `Usage: yingshang audit verify [--data-dir DIR | --database-url URL]

Recomputes the sha256 chain of the audit log. Exit codes: 0 intact, 1 broken (the first broken
row is named), 2 usage.`;

const OPTIONS = { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } } as const;

export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
    if (positionals[0] !== 'verify' || positionals.length !== 1) throw new UsageError('expected the subcommand "verify"');
    const config = configFromFlags(values);
    const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const result = await verifyAuditChain(database.db);
      if (result.ok) {
        process.stdout.write(`Audit chain intact: ${result.checked} row(s) verified in ${describeDatabase(config)}.\n`);
        return 0;
      }
      const b = result.broken!;
      process.stdout.write(`Audit chain BROKEN at row seq=${b.seq}${b.id ? ` id=${b.id}` : ''}: ${b.reason} (${result.checked} row(s) before it verified).\n`);
      return 1;
    } finally {
      await database.close();
    }
  } catch (err) {
    return reportStartupError(err, usage);
  }
}
