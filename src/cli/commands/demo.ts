import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../../server/commands/demo-seeder.ts';
import { SERVER_OPTIONS, SERVER_OPTIONS_USAGE, banner, configFromFlags, describeDatabase, parseCommandArgs, reportStartupError } from '../../server/commands/cli-support.ts';
import { startServer } from '../../server/main.ts';

export const summary = 'Run the platform with demo data on embedded PGlite (what `npm start` runs)';
export const usage = `Usage: yingshang demo [options]

Like \`serve\`, on embedded PGlite in ./data by default. On first start it seeds a demo city with
counties and zones, a dozen units with aliases, and the accounts admin, office, leader and unit
(password ${DEMO_PASSWORD}), and marks the install as demo (演示数据).

Options:
${SERVER_OPTIONS_USAGE}`;

export async function run(args: string[]): Promise<number> {
  try {
    const { values } = parseCommandArgs(args, SERVER_OPTIONS);
    const config = configFromFlags(values);
    let seeded: string[] = [];
    const server = await startServer({
      config,
      beforeBuild: async (database) => {
        seeded = await seedDemo(database.db, { argon2MemoryKib: config.argon2MemoryKib });
      },
    });
    const lines = [
      `营商 Yingshang (演示数据 / demo) listening on ${server.url} — ${describeDatabase(config)}`,
      seeded.length > 0 ? `Demo data seeded: ${seeded.join(', ')}` : 'Demo data already present.',
      `Demo accounts (password ${DEMO_PASSWORD}):`,
      ...DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(8)} ${a.role.padEnd(7)} ${a.displayName}`),
    ];
    process.stdout.write(banner(lines));
    return await new Promise<number>(() => {});
  } catch (err) {
    return reportStartupError(err, usage);
  }
}
