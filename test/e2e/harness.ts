/**
 * Browser-test harness: the real server as a black box (`bin/yingshang demo` on a free port with a
 * fresh data folder), Debian's Chromium driven by playwright-core, and axe-core for accessibility.
 *
 * - The web app must be built (`npm run build:web`, as CI and `npm test` do); if dist/web is missing
 *   it is built once here.
 * - Without /usr/bin/chromium the suites skip with a printed reason, except in CI where that fails.
 * - `YS_E2E_BASE_URL` points the tests at an already running server instead of starting one.
 * - A failing test leaves a screenshot of each of its pages in test-results/e2e/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed } from 'vitest';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const DEMO_PASSWORD = 'yingshang-demo';

// Without the networking flags Chromium keeps trying to reach Google services from a closed network.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Why browser tests cannot run here, or undefined when they can. In CI a missing browser is an
 * error, never a skip.
 */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const reason = `${CHROMIUM_PATH} not found (install Debian's chromium package)`;
  if (process.env.CI) throw new Error(`Browser tests are required in CI but ${reason}`);
  console.warn(`[e2e] skipping browser tests: ${reason}`);
  return reason;
}

/** Builds the web app when dist/web is missing; CI builds it before the tests. */
export function ensureWebBuilt(): void {
  if (existsSync(join(ROOT, 'dist', 'web', 'index.html'))) return;
  console.warn('[e2e] dist/web missing: running npm run build:web once');
  const vite = join(ROOT, 'node_modules', '.bin', 'vite');
  const result = spawnSync(vite, ['build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`web build failed with exit code ${result.status}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  /** What the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

async function waitForHealthy(baseUrl: string, child: ChildProcess | undefined, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`server exited with code ${child.exitCode} before becoming healthy:\n${output()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms (last: ${last}):\n${output()}`);
}

/**
 * Starts `bin/yingshang demo` (or `serve`, which has no demo data and asks for the first admin) on
 * a free port, and waits for /healthz. Its data folder is a fresh copy of the demo seeded once per run by the e2e
 * global setup (so each file gets its own untouched demo without seeding it again), an empty one for `serve`, or
 * `dataDir` when given (kept on stop).
 */
export async function startServer({ command = 'demo', timeoutMs = 150_000, dataDir: givenDir }: { command?: 'demo' | 'serve'; timeoutMs?: number; dataDir?: string } = {}): Promise<RunningServer> {
  const external = process.env.YS_E2E_BASE_URL;
  if (external) {
    await waitForHealthy(external, undefined, () => '', 10_000);
    return { baseUrl: external.replace(/\/$/, ''), output: () => '', stop: async () => {} };
  }

  ensureWebBuilt();
  const port = await freePort();
  const dataDir = givenDir ?? mkdtempSync(join(tmpdir(), 'yingshang-e2e-'));
  const template = command === 'demo' && !givenDir ? inject('demoTemplateDir') : undefined;
  if (template) cpSync(template, dataDir, { recursive: true });
  let log = '';
  // Always the embedded database, whatever the shell points DATABASE_URL at.
  const env: NodeJS.ProcessEnv = { ...process.env, YINGSHANG_DATA_DIR: dataDir, PORT: String(port) };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'yingshang'), command, '--port', String(port)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const output = () => log;
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (!givenDir) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealthy(baseUrl, child, output, timeoutMs);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, output, stop };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface TestContext {
  context: BrowserContext;
  page: Page;
  /** Requests that tried to leave the server under test; a test expects none. */
  outbound: string[];
  /** Uncaught errors in the page. */
  pageErrors: string[];
}

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const DESKTOP = { viewport: { width: 1366, height: 900 } };

/**
 * A fresh browser context (own cookies and localStorage) whose requests may only go to the server
 * under test: anything else is aborted and recorded.
 */
export async function newContext(browser: Browser, baseUrl: string, device: typeof PHONE | typeof DESKTOP = DESKTOP): Promise<TestContext> {
  const context = await browser.newContext({ ...device, baseURL: baseUrl, locale: 'zh-CN' });
  const outbound: string[] = [];
  const pageErrors: string[] = [];
  const origin = new URL(baseUrl).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outbound.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  screenshotOnFailure(page);
  return { context, page, outbound, pageErrors };
}

/**
 * One server and one browser for the enclosing `describe`: started before its tests, stopped after them, once every
 * context it opened is checked for requests that left the server and for uncaught page errors. `open` gives each
 * test a fresh context.
 */
export function useServerAndBrowser(options: { command?: 'demo' | 'serve' } = {}): { open(device?: typeof PHONE | typeof DESKTOP): Promise<TestContext> } {
  let server: RunningServer;
  let browser: Browser;
  const opened: TestContext[] = [];

  beforeAll(async () => {
    server = await startServer(options);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const ctx of opened) {
      expect(ctx.outbound, 'requests leaving the server under test').toEqual([]);
      expect(ctx.pageErrors, 'uncaught errors in the page').toEqual([]);
    }
    await browser?.close();
    await server?.stop();
  });

  return {
    async open(device = DESKTOP) {
      const ctx = await newContext(browser, server.baseUrl, device);
      opened.push(ctx);
      return ctx;
    },
  };
}

const ARTIFACTS = join(ROOT, 'test-results', 'e2e');

/** When the running test fails, saves what the page showed; a no-op outside a test (beforeAll). */
function screenshotOnFailure(page: Page): void {
  try {
    onTestFailed(async ({ task }) => {
      if (page.isClosed()) return;
      mkdirSync(ARTIFACTS, { recursive: true });
      const name = task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
      const path = join(ARTIFACTS, `${Date.now()}-${name}.png`);
      await page.screenshot({ path, fullPage: true }).catch(() => undefined);
      console.warn(`[e2e] screenshot of the failing page: ${path}`);
    });
  } catch {
    // Called outside a running test: nothing to attach the hook to.
  }
}

/** Fills the login form and submits it; the caller asserts what follows. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel(/^(用户名|Username)$/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
}

/** Logs in from the login page and waits for the dashboard. */
export async function logIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await submitLogin(page, username, password);
  await page.getByRole('heading', { level: 1, name: /^(工作台|Dashboard)$/ }).waitFor();
}

export interface A11yIssue {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * axe-core violations of serious or critical impact on the page at rest, ready to print. The pointer
 * is parked in a corner and finite animations are awaited first: a hovered row or a half-faded dialog
 * is a passing state, and checked mid-way its colours fail contrast at random.
 */
export async function seriousA11yViolations(page: Page): Promise<A11yIssue[]> {
  await page.mouse.move(0, 0);
  await page.evaluate(
    'Promise.all(document.getAnimations().filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined)))',
  );
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}
