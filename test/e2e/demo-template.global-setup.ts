import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH, startServer } from './harness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data folder holding the seeded demo, made once per run; each e2e file starts on its own copy. */
    demoTemplateDir: string | undefined;
  }
}

/**
 * Seeds the demo once per run — `bin/yingshang demo` on an empty folder, stopped gracefully once healthy — so the
 * browser suites copy a folder instead of each seeding its own (about half a minute each on this machine).
 */
export default async function setup(project: TestProject) {
  if (process.env.YS_E2E_BASE_URL || !existsSync(CHROMIUM_PATH)) {
    project.provide('demoTemplateDir', undefined);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'yingshang-e2e-demo-'));
  const server = await startServer({ command: 'demo', dataDir: dir, timeoutMs: 240_000 });
  await server.stop();
  project.provide('demoTemplateDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
