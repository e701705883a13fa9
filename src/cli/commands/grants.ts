import { configFromFlags, describeDatabase, parseCommandArgs, reportStartupError, UsageError } from '../../server/commands/cli-support.ts';
import { createDatabase } from '../../server/db/database.ts';
import { verifyGrants } from '../../server/modules/policies/grants.service.ts';

export const summary = 'Grant decisions: `grants verify` checks every signature, snapshot and rule hash';
export const usage = `Usage: yingshang grants verify [--data-dir DIR | --database-url URL]

For every decided grant (免申即享 / 复核): the data snapshot hashes to its recorded SM3 hash, the rule version to its
rule hash, re-running the rule on the snapshot gives the recorded result, trace and amount, and the server's signature
(SM2 or Ed25519) over the decision verifies. Exit codes: 0 all intact, 1 some failed (each is named), 2 usage.`;

const OPTIONS = { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } } as const;

export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
    if (positionals[0] !== 'verify' || positionals.length !== 1) throw new UsageError('expected the subcommand "verify"');
    const config = configFromFlags(values);
    const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const result = await verifyGrants(database.db);
      if (result.failures.length === 0) {
        process.stdout.write(`Grant decisions intact: ${result.checked} decision(s) verified in ${describeDatabase(config)}.\n`);
        return 0;
      }
      for (const f of result.failures) process.stdout.write(`FAILED grant ${f.grantId}: ${f.problems.join('; ')}\n`);
      process.stdout.write(`${result.failures.length} of ${result.checked} decision(s) failed verification.\n`);
      return 1;
    } finally {
      await database.close();
    }
  } catch (err) {
    return reportStartupError(err, usage);
  }
}
