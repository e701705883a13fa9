import { deliverWebhooks } from '../modules/supervision/scan.service.ts';
import type { JobDefinition } from './job.ts';

/** Every minute: post queued unit webhooks; failed ones are retried with backoff by later runs. */
export const supervisionWebhookTask: JobDefinition = {
  name: 'supervision-webhook',
  schedule: '* * * * *',
  async perform(ctx) {
    await deliverWebhooks(ctx.db, ctx.now(), { info: (o, m) => ctx.log.info(o, m), warn: (o, m) => ctx.log.warn(o, m) }, { allowPrivate: ctx.config.webhookAllowPrivate });
  },
};
