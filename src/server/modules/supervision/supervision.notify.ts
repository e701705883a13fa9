import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';

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

/** The notification's columns for each user the `users` subquery selects, as one INSERT … SELECT. */
async function notifySelected(db: Kysely<Database>, recipients: RawBuilder<unknown>, n: NotificationInput): Promise<void> {
  await sql`
    insert into notifications (user_id, region_id, kind, title, body, task_id, entity, entity_id, created_at)
    select distinct us.id, ${n.regionId}::uuid, ${n.kind}::text, ${n.title}::text, ${n.body ?? ''}::text, ${n.taskId ?? null}::uuid, ${n.entity ?? null}::text, ${n.entityId ?? null}::uuid, ${n.at ?? new Date()}::timestamptz
    from users as us ${recipients}`.execute(db);
}

/** In-app notification to every liaison of the unit (one statement). */
export async function notifyUnit(db: Kysely<Database>, unitId: string, n: NotificationInput): Promise<void> {
  await notifySelected(db, sql`where us.unit_id = ${unitId}::uuid and us.role = 'unit' and not us.disabled`, n);
}

/** In-app notification to the office staff over a plan's region (those who review); escalations also reach leaders. One statement. */
export async function notifyOffice(db: Kysely<Database>, planRegionPath: string, n: NotificationInput, withLeaders = false): Promise<void> {
  const roles = withLeaders ? ['office', 'leader'] : ['office'];
  await notifySelected(db, sql`join regions as r on r.id = us.region_id where us.role = any(${roles}::text[]) and not us.disabled and ${planRegionPath} like r.path || '%'`, n);
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
  // msgtype/text is what DingTalk and WeCom group robots accept; the structured fields are for other receivers.
  const payload = { msgtype: 'text', text: { content: e.content }, event: e.event, data: e.data };
  // One statement (INSERT … SELECT): nothing is inserted when the unit has no enabled webhook.
  await sql`
    insert into webhook_deliveries (unit_id, event, payload)
    select h.unit_id, ${e.event}::text, ${JSON.stringify(payload)}::jsonb from unit_webhooks as h
    where h.unit_id = ${unitId}::uuid and h.enabled`.execute(db);
}
