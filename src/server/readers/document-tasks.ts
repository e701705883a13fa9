/**
 * What a document worker does (loaded by document-worker.mjs inside each worker thread): read an
 * uploaded document, parse a plan, read a spreadsheet or a ledger workbook, with the same code the
 * server ran in-thread before. Results and failures cross the thread boundary as plain data (an
 * Error's class and fields do not survive structured cloning); document-pool.ts turns them back.
 */
import type { MessagePort } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { LedgerImportParse } from '../exports/ledger-xlsx.ts';
import type { ErrorCode } from '../errors.ts';
import { AppError } from '../errors.ts';
import type { PlanAnalysisInput, PlanForStore } from '../commands/plan-analysis.ts';
import { DocumentReadError, type ReadErrorCode } from './read-error.ts';
import type { ReadSpreadsheetOptions, Spreadsheet, SpreadsheetErrorCode, SpreadsheetReadError } from './spreadsheet-reader.ts';

export type DocumentTask = DocumentWork & {
  /** Told when the task starts running (after the worker booted), so that the time limit counts from there. */
  started?: MessagePort;
};

export type DocumentWork =
  | { kind: 'plan-preview'; input: PlanAnalysisInput }
  | { kind: 'plan-analyse'; input: PlanAnalysisInput }
  | { kind: 'spreadsheet'; file: Uint8Array; options: ReadSpreadsheetOptions }
  | { kind: 'ledger'; file: Uint8Array };

export type TaskFailure =
  | { kind: 'document'; code: ReadErrorCode; details: DocumentReadError['details'] }
  | { kind: 'spreadsheet'; code: SpreadsheetErrorCode; details: Record<string, unknown> }
  | { kind: 'app'; code: ErrorCode; message: string; details: unknown }
  | { kind: 'error'; name: string; message: string; stack?: string };

export type TaskOutcome<T = unknown> = { ok: true; value: T } | { ok: false; error: TaskFailure };

export interface TaskValues {
  'plan-preview': Uint8Array;
  'plan-analyse': PlanForStore;
  spreadsheet: Spreadsheet;
  ledger: LedgerImportParse;
}

const asBuffer = (u8: Uint8Array): Buffer => (Buffer.isBuffer(u8) ? u8 : Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength));

// Each kind loads its modules on first use (a spreadsheet never loads the plan parser, nor a plan ExcelJS),
// so that a fresh worker is ready sooner.
async function perform(task: DocumentWork): Promise<unknown> {
  switch (task.kind) {
    case 'plan-preview': {
      const { analysePlanSource, previewJson } = await import('../commands/plan-analysis.ts');
      const json = previewJson(await analysePlanSource(task.input));
      // Own ArrayBuffer (never Node's shared pool), so that it can be transferred, not copied.
      const bytes = new Uint8Array(json.byteLength);
      bytes.set(json);
      return bytes;
    }
    case 'plan-analyse': {
      const { analysePlanSource, planForStore } = await import('../commands/plan-analysis.ts');
      return planForStore(await analysePlanSource(task.input));
    }
    case 'spreadsheet': {
      const { readSpreadsheet } = await import('./spreadsheet-reader.ts');
      return readSpreadsheet(asBuffer(task.file), task.options);
    }
    case 'ledger': {
      const { parseLedgerWorkbook } = await import('../exports/ledger-xlsx.ts');
      return parseLedgerWorkbook(asBuffer(task.file));
    }
  }
}

function failureOf(err: unknown): TaskFailure {
  if (err instanceof DocumentReadError) return { kind: 'document', code: err.code, details: err.details };
  // By name: checking the class would load ExcelJS into a worker that only parses plans.
  if (err instanceof Error && err.name === 'SpreadsheetReadError') {
    const e = err as SpreadsheetReadError;
    return { kind: 'spreadsheet', code: e.code, details: e.details };
  }
  if (err instanceof AppError) return { kind: 'app', code: err.code, message: err.message, details: err.details };
  const e = err instanceof Error ? err : new Error(String(err));
  return { kind: 'error', name: e.name, message: e.message, stack: e.stack };
}

/** A result piscina transfers (the bytes move to the main thread, nothing is copied). */
function movable(outcome: TaskOutcome, transfer: ArrayBuffer[]) {
  return move({ [transferableSymbol]: transfer, [valueSymbol]: outcome } as never);
}

/** The worker's handler: one task in, one outcome out, never a throw. */
const MODULES: Record<DocumentWork['kind'], () => Promise<unknown>> = {
  'plan-preview': () => import('../commands/plan-analysis.ts'),
  'plan-analyse': () => import('../commands/plan-analysis.ts'),
  spreadsheet: () => import('./spreadsheet-reader.ts'),
  ledger: () => import('../exports/ledger-xlsx.ts'),
};

export async function runDocumentTask(task: DocumentTask) {
  // Loading the readers is start-up, not the document's time: load, then say the task started.
  await MODULES[task.kind]().catch(() => {});
  if (task.started) {
    task.started.postMessage('started');
    task.started.close();
  }
  try {
    const value = await perform(task);
    if (value instanceof Uint8Array) return movable({ ok: true, value }, [value.buffer as ArrayBuffer]);
    return { ok: true, value } satisfies TaskOutcome;
  } catch (err) {
    return { ok: false, error: failureOf(err) } satisfies TaskOutcome;
  }
}
