import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';

export interface JobContext {
  db: Kysely<Database>;
  config: Config;
  now: () => Date;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/** One pg-boss job: a queue name, an optional cron schedule, and the work. Jobs call services. */
export interface JobDefinition<TData extends object = object> {
  name: string;
  /** Cron expression (UTC) for recurring jobs; omit for jobs that are only sent. */
  schedule?: string;
  perform(ctx: JobContext, data: TData): Promise<void>;
}
