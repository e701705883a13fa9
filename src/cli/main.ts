/**
 * CLI dispatcher. Each subcommand lives in `./commands/<name>.ts` and exports
 * `run(args: string[]): Promise<number>` (the exit code) plus `summary` and `usage` strings.
 * Commands are imported lazily so `parse` does not pay for the server's start-up.
 */
export interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const COMMANDS = ['serve', 'demo', 'migrate', 'admin', 'audit', 'parse', 'import', 'export', 'grants'] as const;

async function load(name: string): Promise<Command | undefined> {
  if (!(COMMANDS as readonly string[]).includes(name)) return undefined;
  try {
    return (await import(`./commands/${name}.ts`)) as Command;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String(err).includes(`commands/${name}`)) return undefined;
    throw err;
  }
}

async function help(): Promise<string> {
  const lines = ['yingshang — 营商 business-environment platform', '', 'Usage: yingshang <command> [options]', '', 'Commands:'];
  for (const name of COMMANDS) {
    const cmd = await load(name);
    if (cmd) lines.push(`  ${name.padEnd(10)} ${cmd.summary}`);
  }
  lines.push('', 'Run `yingshang <command> --help` for the options of one command.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write((await help()) + '\n');
    return name ? 0 : 1;
  }
  const cmd = await load(name);
  if (!cmd) {
    process.stderr.write(`yingshang: unknown command "${name}"\n\n${await help()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(cmd.usage.trimEnd() + '\n');
    return 0;
  }
  return cmd.run(rest);
}
