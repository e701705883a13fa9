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
import { analysePlanSource, planForStore, previewJson, type PlanAnalysisInput, type PlanForStore } from '../commands/plan-analysis.ts';
import { DocumentReadError, type ReadErrorCode } from './read-error.ts';
import type { ReadSpreadsheetOptions, Spreadsheet, SpreadsheetErrorCode } from './spreadsheet-reader.ts';

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

async function perform(task: DocumentWork): Promise<unknown> {
  switch (task.kind) {
    case 'plan-preview': {
      const json = previewJson(await analysePlanSource(task.input));
      // Own ArrayBuffer (never Node's shared pool), so that it can be transferred, not copied.
      const bytes = new Uint8Array(json.byteLength);
      bytes.set(json);
      return bytes;
    }
    case 'plan-analyse':
      return planForStore(await analysePlanSource(task.input));
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

async function failureOf(err: unknown): Promise<TaskFailure> {
  const { SpreadsheetReadError } = await import('./spreadsheet-reader.ts');
  if (err instanceof DocumentReadError) return { kind: 'document', code: err.code, details: err.details };
  if (err instanceof SpreadsheetReadError) return { kind: 'spreadsheet', code: err.code, details: err.details };
  if (err instanceof AppError) return { kind: 'app', code: err.code, message: err.message, details: err.details };
  const e = err instanceof Error ? err : new Error(String(err));
  return { kind: 'error', name: e.name, message: e.message, stack: e.stack };
}

/** A result piscina transfers (the bytes move to the main thread, nothing is copied). */
function movable(outcome: TaskOutcome, transfer: ArrayBuffer[]) {
  return move({ [transferableSymbol]: transfer, [valueSymbol]: outcome } as never);
}

/** The worker's handler: one task in, one outcome out, never a throw. */
export async function runDocumentTask(task: DocumentTask) {
  if (task.started) {
    task.started.postMessage('started');
    task.started.close();
  }
  try {
    const value = await perform(task);
    if (value instanceof Uint8Array) return movable({ ok: true, value }, [value.buffer as ArrayBuffer]);
    return { ok: true, value } satisfies TaskOutcome;
  } catch (err) {
    return { ok: false, error: await failureOf(err) } satisfies TaskOutcome;
  }
}
