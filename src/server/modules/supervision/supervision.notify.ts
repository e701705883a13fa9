import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { findWebhookOfUnit, insertNotifications, insertWebhookDelivery, listOfficeUserIdsOver, listUserIdsOfUnit } from './supervision.queries.ts';

export interface NotificationInput {
  kind: string;
  title: string;
  body?: string;
  regionId: string | null;
  taskId?: string | null;
  entity?: string | null;
  entityId?: string | null;
  at?: Date;
}

async function notifyUsers(db: Kysely<Database>, userIds: readonly string[], n: NotificationInput): Promise<void> {
  const unique = [...new Set(userIds)];
  await insertNotifications(
    db,
    unique.map((userId) => ({
      user_id: userId,
      region_id: n.regionId,
      kind: n.kind,
      title: n.title,
      body: n.body ?? '',
      task_id: n.taskId ?? null,
      entity: n.entity ?? null,
      entity_id: n.entityId ?? null,
      ...(n.at ? { created_at: n.at } : {}),
    })),
  );
}

/** In-app notification to every liaison of the unit. */
export async function notifyUnit(db: Kysely<Database>, unitId: string, n: NotificationInput): Promise<void> {
  await notifyUsers(db, (await listUserIdsOfUnit(db, unitId)).map((u) => u.id), n);
}

/** In-app notification to the office staff over a plan's region (those who review); escalations also reach leaders. */
export async function notifyOffice(db: Kysely<Database>, planRegionPath: string, n: NotificationInput, withLeaders = false): Promise<void> {
  await notifyUsers(db, (await listOfficeUserIdsOver(db, planRegionPath, withLeaders ? ['office', 'leader'] : ['office'])).map((u) => u.id), n);
}

export interface WebhookEvent {
  event: string;
  /** Plain-text line, also sent as DingTalk/WeCom robot `text.content`. */
  content: string;
  data: Record<string, unknown>;
}

/**
 * Queues a webhook delivery when the unit has an enabled webhook, in the caller's transaction (outbox): the
 * delivery exists if and only if the event committed; the webhook job posts it.
 */
export async function queueWebhook(db: Kysely<Database>, unitId: string, e: WebhookEvent): Promise<void> {
  const hook = await findWebhookOfUnit(db, unitId);
  if (!hook || !hook.enabled) return;
  // msgtype/text is what DingTalk and WeCom group robots accept; the structured fields are for other receivers.
  const payload = { msgtype: 'text', text: { content: e.content }, event: e.event, data: e.data };
  await insertWebhookDelivery(db, { unit_id: unitId, event: e.event, payload: JSON.stringify(payload) });
}
