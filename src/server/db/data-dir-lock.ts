import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/** The lock file in the data folder (beside `pglite/`) that one process holds while it has the folder open. */
export const LOCK_FILE = 'yingshang.lock';

interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
  command: string;
  /** Linux: the kernel's boot id and the process's start tick, to tell a reused pid from the owner. */
  bootId?: string | null;
  pidStart?: string | null;
}

function readProc(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

const bootId = (): string | null => readProc('/proc/sys/kernel/random/boot_id')?.trim() ?? null;
/** Field 22 of /proc/<pid>/stat (after the parenthesised command name): the start time in clock ticks. */
const pidStart = (pid: number): string | null => readProc(`/proc/${pid}/stat`)?.split(') ')[1]?.split(' ')[19] ?? null;

/** Lock files this process holds now (a second open in this process is refused too). */
const held = new Set<string>();

/** A second process (or a second open in this one) on a data folder that is already open. */
export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(
    readonly dataDir: string,
    readonly owner: Partial<LockOwner>,
  ) {
    const who = `pid ${owner.pid ?? '?'}${owner.hostname ? ` on ${owner.hostname}` : ''}${owner.startedAt ? `, since ${owner.startedAt}` : ''}${owner.command ? `, "${owner.command}"` : ''}`;
    super(
      `数据目录 ${dataDir} 已被另一个营商进程使用（${who}）。两个进程同时打开嵌入式数据库会丢失数据：请先停止该进程，或为本进程另选 --data-dir。\n` +
        `  The data folder ${dataDir} is in use by another Yingshang process (${who}). Two processes on one embedded database lose writes: stop that process first, or give this one another --data-dir. ` +
        `If no such process runs, delete ${join(dataDir, LOCK_FILE)}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): void;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a lock of this host is left over: its pid no longer runs, or runs but is not its owner (the machine
 * rebooted, or the pid was handed to another process — in a container the server is often pid 1 on every start).
 */
function isStale(owner: Partial<LockOwner>, file: string, me: LockOwner): boolean {
  const pid = owner.pid!;
  if (pid === process.pid) return !held.has(file);
  if (!isRunning(pid)) return true;
  if (owner.bootId && me.bootId && owner.bootId !== me.bootId) return true;
  const start = pidStart(pid);
  return Boolean(owner.pidStart && start && owner.pidStart !== start);
}

function readOwner(file: string): Partial<LockOwner> | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
  } catch {
    return null;
  }
}

/**
 * Takes the data folder's exclusive lock: creates `<dataDir>/yingshang.lock` with O_EXCL holding this
 * process's pid. A lock whose pid no longer runs on this host (a kill -9, a power cut) is stale and taken
 * over; a lock of a running process — or one this process already holds — throws DataDirLockedError.
 * Released by `release()` (graceful close) and, as a last resort, when the process exits.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const dir = resolve(dataDir);
  const file = join(dir, LOCK_FILE);
  mkdirSync(dir, { recursive: true });
  const me: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), command: process.argv.slice(2).join(' '), bootId: bootId(), pidStart: pidStart(process.pid) };
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err;
      const owner = readOwner(file);
      // A lock being written this very moment reads as empty: treat it as held.
      const sameHost = !owner?.hostname || owner.hostname === me.hostname;
      const stale = owner !== null && typeof owner.pid === 'number' && sameHost && isStale(owner, file, me);
      if (!stale) throw new DataDirLockedError(dir, owner ?? {});
      rmSync(file, { force: true });
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(me));
    } finally {
      closeSync(fd);
    }
    held.add(file);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off('exit', release);
      held.delete(file);
      // Only our own lock: never remove one another process took over.
      if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
    };
    process.on('exit', release);
    return { release };
  }
}
