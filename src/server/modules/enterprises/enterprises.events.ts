import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface EnterpriseEventInput {
  enterpriseId: string;
  kind: string;
  title: string;
  refType?: string | null;
  refId?: string | null;
  detail?: unknown;
  at?: Date;
}

/**
 * Appends to an enterprise's timeline (一企一档). The one door other modules (appeals, policies) use to put a step
 * on the timeline, inside their own transaction so the event and its cause commit together.
 */
export async function appendEnterpriseEvent(db: Kysely<Database> | Transaction<Database>, event: EnterpriseEventInput): Promise<void> {
  await db
    .insertInto('enterprise_events')
    .values({
      enterprise_id: event.enterpriseId,
      kind: event.kind,
      title: event.title,
      ref_type: event.refType ?? null,
      ref_id: event.refId ?? null,
      detail: event.detail === undefined ? null : JSON.stringify(event.detail),
      at: event.at ?? new Date(),
    })
    .execute();
}

/** Several timeline steps in one INSERT (a policy pushed to many enterprises at once). */
export async function appendEnterpriseEvents(db: Kysely<Database> | Transaction<Database>, events: readonly EnterpriseEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('enterprise_events')
    .values(
      events.map((event) => ({
        enterprise_id: event.enterpriseId,
        kind: event.kind,
        title: event.title,
        ref_type: event.refType ?? null,
        ref_id: event.refId ?? null,
        detail: event.detail === undefined ? null : JSON.stringify(event.detail),
        at: event.at ?? new Date(),
      })),
    )
    .execute();
}
