import { sql, type Kysely } from 'kysely';

/** A monitoring alert can be turned into a supervision task (预警→督办): the plan and task it opened. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table indicator_alerts add column task_id uuid references tasks(id) on delete set null, add column plan_id uuid references plans(id) on delete set null, add column tasked_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table indicator_alerts drop column task_id, drop column plan_id, drop column tasked_at`.execute(db);
}
