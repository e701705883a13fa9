import { runSupervisionScan } from '../modules/supervision/scan.service.ts';
import type { JobDefinition } from './job.ts';

/** Hourly: refresh stale lights, send reminders (催办) and issue escalations (督办单); idempotent per period. */
export const supervisionScanTask: JobDefinition = {
  name: 'supervision-scan',
  schedule: '7 * * * *',
  async perform(ctx) {
    const result = await runSupervisionScan(ctx.db, ctx.now());
    if (result.reminders + result.escalations + result.lightsRefreshed > 0) ctx.log.info(result, 'supervision scan');
  },
};
