#!/usr/bin/env node
// `npm start` builds the web app only when dist/web is missing or older than its sources (src/web, the core
// code it imports, package.json), so a warm start does not spend ~10 s rebuilding. `--force` always builds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = join(ROOT, 'dist/web/index.html');
const SOURCES = ['src/web', 'src/core', 'package.json', 'package-lock.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

const built = existsSync(OUTPUT) ? statSync(OUTPUT).mtimeMs : 0;
const sources = Math.max(...SOURCES.map((p) => newestMtime(join(ROOT, p))));
if (process.argv.includes('--force') || built === 0 || sources > built) {
  process.stdout.write(built === 0 ? 'Building the web app (dist/web is missing)…\n' : 'Building the web app (sources changed since the last build)…\n');
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
