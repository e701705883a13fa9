import type { FastifyInstance } from 'fastify';
import { build } from './app.ts';
import type { Config } from './config.ts';
import { createDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { startJobs, type JobRunner } from './jobs/registry.ts';
import { startAuditChainer, type AuditChainer } from './modules/audit/audit.chainer.ts';
import { loadOrCreateSigner, resolveAuditFiles } from './modules/audit/audit.signer.ts';

export interface StartOptions {
  config: Config;
  /** Runs after migrations, before the app is built (demo seeding). */
  beforeBuild?: (database: DatabaseHandle) => Promise<void>;
  /** Called once the server is closed and the database released. */
  onStopped?: () => void;
}

export interface RunningServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  url: string;
  stop(): Promise<void>;
}

/**
 * Opens the database, applies migrations (a failure throws `MigrationError` before anything
 * listens), builds the app, listens, starts the jobs, and installs SIGINT/SIGTERM handlers that
 * stop in the order that loses no write: stop accepting requests and let in-flight ones finish,
 * stop the jobs, chain the last audit rows, then close the database (PGlite checkpoints on close).
 */
export async function startServer({ config, beforeBuild, onStopped }: StartOptions): Promise<RunningServer> {
  const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let app: FastifyInstance | undefined;
  let jobs: JobRunner | undefined;
  let chainer: AuditChainer | undefined;
  try {
    await migrateToLatest(database.db);
    await beforeBuild?.(database);
    app = await build({ config, database });
    // Rows committed but not chained before a crash are chained here, before anything listens.
    const auditFiles = resolveAuditFiles(config);
    chainer = startAuditChainer(database.db, {
      signer: auditFiles.keyFile ? loadOrCreateSigner(auditFiles.keyFile) : null,
      file: auditFiles.checkpointFile,
      log: app.log,
    });
    await chainer.flush();
    await app.listen({ port: config.port, host: config.host });
    jobs = await startJobs(database, { db: database.db, config, now: () => new Date(), log: app.log });
  } catch (err) {
    await chainer?.stop().catch(() => {});
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
    throw err;
  }

  const running = app;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      running.deps.lifecycle.shuttingDown = true;
      // close() waits for every connection; a keep-alive connection whose request finished after
      // close began would hold it for the keep-alive timeout (72 s), so idle ones are cut as they appear.
      const reaper = setInterval(() => running.server.closeIdleConnections(), 100);
      try {
        await running.close();
      } finally {
        clearInterval(reaper);
      }
      await jobs?.stop();
      await chainer?.stop();
      await database.close();
      onStopped?.();
    })());

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      running.log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    running.log.info({ signal }, 'shutting down');
    stop().then(
      () => process.exit(0),
      (err) => {
        running.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const address = running.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return { app: running, database, url: `http://${host}:${port}`, stop };
}
