import { deleteExpiredSessions } from '../modules/auth/auth.queries.ts';
import type { JobDefinition } from './job.ts';

export const sessionCleanupTask: JobDefinition = {
  name: 'session-cleanup',
  schedule: '*/15 * * * *',
  async perform(ctx) {
    const now = ctx.now();
    const idleBefore = new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60_000);
    const removed = await deleteExpiredSessions(ctx.db, now, idleBefore);
    if (removed > 0) ctx.log.info({ removed }, 'expired sessions removed');
  },
};
