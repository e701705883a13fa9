import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../db/database.ts';
import type { JobContext, JobDefinition } from './job.ts';
import { sessionCleanupTask } from './session-cleanup.task.ts';
import { supervisionScanTask } from './supervision-scan.task.ts';
import { supervisionWebhookTask } from './supervision-webhook.task.ts';

/** Every job of the platform. Later modules append theirs here. */
export const JOBS: JobDefinition[] = [sessionCleanupTask as JobDefinition, supervisionScanTask, supervisionWebhookTask];

export interface JobRunner {
  boss: PgBoss;
  stop(): Promise<void>;
}

/**
 * Starts pg-boss on the platform's own database (through `executeSql`, so on PGlite it shares the
 * session lock with Kysely), creates each job's queue, schedules the recurring ones and starts the
 * workers.
 */
export async function startJobs(
  database: DatabaseHandle,
  ctx: JobContext,
  jobs: JobDefinition[] = JOBS,
  options: { schema?: string; pollingIntervalSeconds?: number } = {},
): Promise<JobRunner> {
  const boss = new PgBoss({
    db: { executeSql: database.executeSql },
    schema: options.schema ?? 'pgboss',
    // PGlite serialises every statement; less frequent maintenance leaves room for requests.
    ...(database.kind === 'pglite' ? { maintenanceIntervalSeconds: 300 } : {}),
  });
  boss.on('error', (err) => ctx.log.error({ err }, 'pg-boss error'));
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    if (job.schedule) await boss.schedule(job.name, job.schedule, {}, { tz: 'UTC' });
    await boss.work<object>(job.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 5 }, async (batch) => {
      for (const item of batch) await job.perform(ctx, item.data ?? {});
    });
  }
  return {
    boss,
    async stop() {
      // graceful + wait: active jobs finish before the database closes under them.
      await boss.stop({ graceful: true, wait: true, timeout: 15_000, close: false });
    },
  };
}
