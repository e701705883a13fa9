import { existsSync } from 'node:fs';
import { configFromFlags, describeDatabase, parseCommandArgs, reportStartupError, UsageError } from '../../server/commands/cli-support.ts';
import { createDatabase } from '../../server/db/database.ts';
import { verifyAuditChain } from '../../server/modules/audit/audit.service.ts';
import { loadVerifier, resolveAuditFiles } from '../../server/modules/audit/audit.signer.ts';

export const summary = 'Audit trail: `audit verify` checks rows, chain links and signed checkpoints';
export const usage = `Usage: yingshang audit verify [--data-dir DIR | --database-url URL] [--checkpoints FILE] [--public-key FILE]

Recomputes the sha256 chain of the audit log (every row's hash and its link to the previous one),
then checks every signed checkpoint of the chain head (in the database and in the checkpoint file,
default <data-dir>/audit-checkpoints.jsonl): its Ed25519 signature against the public key
(default <data-dir>/audit-signing-key.pem or env YINGSHANG_AUDIT_KEY_FILE; a .pub file works), and
that the chain still holds the row it signed — so deleting the newest rows is found too.
Exit codes: 0 intact, 1 broken (what broke is named), 2 usage.`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  checkpoints: { type: 'string' },
  'public-key': { type: 'string' },
} as const;

export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
    if (positionals[0] !== 'verify' || positionals.length !== 1) throw new UsageError('expected the subcommand "verify"');
    const config = configFromFlags(values);
    const files = resolveAuditFiles(config);
    const keyFile = values['public-key'] ?? files.keyFile;
    const checkpointFile = values.checkpoints ?? files.checkpointFile;
    const verifier = keyFile && existsSync(keyFile) ? loadVerifier(keyFile) : null;
    const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const result = await verifyAuditChain(database.db, { verifier, checkpointFile });
      if (result.ok) {
        process.stdout.write(
          `Audit chain intact: ${result.checked} row(s) and ${result.checkpoints} signed checkpoint(s) verified in ${describeDatabase(config)}` +
            `${result.unchained > 0 ? `; ${result.unchained} row(s) committed but not chained yet` : ''}.\n`,
        );
        return 0;
      }
      const b = result.broken!;
      process.stdout.write(`Audit chain BROKEN at row ${b.seq}${b.id ? ` id=${b.id}` : ''}: ${b.reason} (${result.checked} row(s) before it verified).\n`);
      return 1;
    } finally {
      await database.close();
    }
  } catch (err) {
    return reportStartupError(err, usage);
  }
}
