/**
 * Document reading and plan parsing off the main thread: a piscina pool of worker threads, each with a
 * heap limit, so that a 5 MB plan (seconds of parsing) never stalls /healthz and a pathological document
 * ends its worker, not the server. The pool is created on the first document and destroyed when the app
 * closes. A task that runs past the time limit is aborted (its worker is terminated and replaced); a
 * worker that dies (out of memory) is replaced by piscina and its request answered with an error.
 *
 *   main thread                          worker (document-worker.mjs -> document-tasks.ts)
 *   registry rows from the database  ->  read, clean, parse, resolve units, serialize the preview
 *   bytes / rows back                <-  same readers and parser as in-thread
 */
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { analysePlanSource, planForStore, previewJson, type PlanAnalysisInput, type PlanForStore } from '../commands/plan-analysis.ts';
import type { Config } from '../config.ts';
import { parseLedgerWorkbook, type LedgerImportParse } from '../exports/ledger-xlsx.ts';
import { AppError } from '../errors.ts';
import type { DocumentWork, TaskFailure, TaskOutcome, TaskValues } from './document-tasks.ts';
import { DocumentReadError } from './read-error.ts';
import type { ReadSpreadsheetOptions, Spreadsheet } from './spreadsheet-reader.ts';
import { readSpreadsheet, SpreadsheetReadError } from './spreadsheet-reader.ts';

/** What the services read uploads through; `createDocumentPool` is the server's, `inThreadDocuments` the CLI's. */
export interface DocumentReader {
  /** The parse preview as UTF-8 JSON (see plan-analysis.ts `previewJson`). */
  previewPlan(input: PlanAnalysisInput): Promise<Buffer>;
  analysePlan(input: PlanAnalysisInput): Promise<PlanForStore>;
  readSpreadsheet(file: Buffer, options?: ReadSpreadsheetOptions): Promise<Spreadsheet>;
  parseLedgerWorkbook(file: Buffer): Promise<LedgerImportParse>;
}

/** The same work on the calling thread: the CLI, the demo seed, and `YINGSHANG_DOCUMENT_WORKERS=0`. */
export const inThreadDocuments: DocumentReader = {
  previewPlan: async (input) => previewJson(await analysePlanSource(input)),
  analysePlan: async (input) => planForStore(await analysePlanSource(input)),
  readSpreadsheet: (file, options) => readSpreadsheet(file, options),
  parseLedgerWorkbook: (file) => parseLedgerWorkbook(file),
};

export interface DocumentPoolOptions {
  /** Worker threads (at least 1). */
  workers: number;
  /** Old-generation heap limit of each worker (MB). */
  memoryMb: number;
  /** Time one task may run (ms); queueing time is not counted. */
  timeoutMs: number;
  /** Tasks that may wait for a worker, per worker (default 16); more are refused with DOCUMENT_WORKERS_BUSY. */
  queuePerWorker?: number;
  /** Idle time after which a worker thread ends (ms, default 60 s); the next document starts one again. */
  idleTimeoutMs?: number;
  log?: { warn(obj: object, msg: string): void };
}

export interface DocumentPool extends DocumentReader {
  /** Figures for the bench and the tests: threads alive, tasks run, workers lost. */
  stats(): { threads: number; running: number; waiting: number; completed: number; workersLost: number; created: boolean };
  /** Ends the workers; tasks still waiting are refused. Idempotent. */
  close(): Promise<void>;
}

const WORKER_FILE = fileURLToPath(new URL('./document-worker.mjs', import.meta.url));

/** A worker starting (tsx, the readers) is not the document's time; a worker that does not start within this is. */
const BOOT_TIMEOUT_MS = 60_000;

/** Rebuilds the error a worker reported, so that callers' `instanceof` checks and codes hold. */
function errorOf(failure: TaskFailure): Error {
  switch (failure.kind) {
    case 'document':
      return new DocumentReadError(failure.code, failure.details);
    case 'spreadsheet':
      return new SpreadsheetReadError(failure.code, failure.details);
    case 'app':
      return new AppError(failure.code, failure.message, failure.details);
    default: {
      const err = new Error(failure.message);
      err.name = failure.name;
      if (failure.stack) err.stack = failure.stack;
      return err;
    }
  }
}

/** A copy of the bytes with an ArrayBuffer of their own, moved (not cloned) to the worker. */
function ownBytes(data: Uint8Array): Uint8Array {
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  return copy;
}

export function createDocumentPool(options: DocumentPoolOptions): DocumentPool {
  const workers = Math.max(1, options.workers);
  const maxWaiting = workers * (options.queuePerWorker ?? 16);
  let piscina: Piscina | null = null;
  let closed = false;
  let running = 0;
  let completed = 0;
  let workersLost = 0;
  const waiting: (() => void)[] = [];

  const pool = (): Piscina => {
    if (!piscina) {
      piscina = new Piscina({
        filename: WORKER_FILE,
        minThreads: 0,
        maxThreads: workers,
        idleTimeout: options.idleTimeoutMs ?? 60_000,
        // The main thread may run under `node --import tsx` (bench, scripts); the worker registers tsx itself.
        execArgv: [],
        resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
      });
      piscina.on('error', (err: unknown) => options.log?.warn({ err }, 'document worker error'));
    }
    return piscina;
  };

  /** Admits at most `workers` tasks at a time, so that the time limit counts running time only. */
  async function admit(): Promise<void> {
    if (closed) throw new AppError('DOCUMENT_WORKERS_BUSY');
    if (running < workers) {
      running++;
      return;
    }
    if (waiting.length >= maxWaiting) throw new AppError('DOCUMENT_WORKERS_BUSY', undefined, { waiting: waiting.length });
    await new Promise<void>((resolve) => waiting.push(resolve));
    if (closed) throw new AppError('DOCUMENT_WORKERS_BUSY');
  }
  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }

  async function run<K extends DocumentWork['kind']>(work: Extract<DocumentWork, { kind: K }>, transfer: ArrayBuffer[]): Promise<TaskValues[K]> {
    await admit();
    // The time limit starts when the worker says the task started, not while a fresh worker boots.
    const controller = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let timer = setTimeout(() => controller.abort(), BOOT_TIMEOUT_MS + options.timeoutMs);
    port1.once('message', () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(), options.timeoutMs);
    });
    let outcome: TaskOutcome<TaskValues[K]>;
    try {
      // (piscina derives its TransferList type from an older @types/node postMessage signature)
      outcome = await pool().run({ ...work, started: port2 }, { signal: controller.signal, transferList: [...transfer, port2] as never });
    } catch (err) {
      const e = err as Error & { code?: string };
      if (e.name === 'AbortError' && controller.signal.aborted) {
        options.log?.warn({ kind: work.kind, timeoutMs: options.timeoutMs }, 'document task timed out; worker terminated');
        throw new AppError('DOCUMENT_WORKER_TIMEOUT', undefined, { timeoutMs: options.timeoutMs });
      }
      if (closed) throw new AppError('DOCUMENT_WORKERS_BUSY');
      // ERR_WORKER_OUT_OF_MEMORY, or the worker exited: piscina has removed it and starts another on demand.
      workersLost++;
      options.log?.warn({ kind: work.kind, code: e.code ?? null, message: e.message, memoryMb: options.memoryMb }, 'document worker died; replaced');
      throw new AppError('DOCUMENT_WORKER_FAILED', undefined, { reason: e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'exit', memoryMb: options.memoryMb });
    } finally {
      clearTimeout(timer);
      port1.close();
      release();
    }
    completed++;
    if (!outcome.ok) throw errorOf(outcome.error);
    return outcome.value;
  }

  const withFile = (data: Uint8Array) => {
    const bytes = ownBytes(data);
    return { bytes, transfer: [bytes.buffer as ArrayBuffer] };
  };
  const planTask = (input: PlanAnalysisInput) => {
    if (input.source.kind !== 'file') return { input, transfer: [] };
    const { bytes, transfer } = withFile(input.source.data);
    return { input: { ...input, source: { ...input.source, data: bytes } }, transfer };
  };

  return {
    async previewPlan(input) {
      const t = planTask(input);
      const bytes = await run({ kind: 'plan-preview', input: t.input }, t.transfer);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    async analysePlan(input) {
      const t = planTask(input);
      return run({ kind: 'plan-analyse', input: t.input }, t.transfer);
    },
    async readSpreadsheet(file, readOptions = {}) {
      const { bytes, transfer } = withFile(file);
      return run({ kind: 'spreadsheet', file: bytes, options: readOptions }, transfer);
    },
    async parseLedgerWorkbook(file) {
      const { bytes, transfer } = withFile(file);
      return run({ kind: 'ledger', file: bytes }, transfer);
    },
    stats() {
      return { threads: piscina?.threads.length ?? 0, running, waiting: waiting.length, completed, workersLost, created: piscina !== null };
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const next of waiting.splice(0)) next();
      const p = piscina;
      piscina = null;
      await p?.destroy();
    },
  };
}

/** The server's reader from its configuration: a pool of `documentWorkers` threads, or in-thread for 0. */
export function documentReaderFor(config: Pick<Config, 'documentWorkers' | 'documentMemoryMb' | 'documentTimeoutMs'>, log?: DocumentPoolOptions['log']): DocumentReader & { close(): Promise<void> } {
  if (config.documentWorkers === 0) return { ...inThreadDocuments, close: async () => {} };
  return createDocumentPool({ workers: config.documentWorkers, memoryMb: config.documentMemoryMb, timeoutMs: config.documentTimeoutMs, log });
}
