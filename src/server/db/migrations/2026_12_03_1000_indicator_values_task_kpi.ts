import { sql, type Kysely } from 'kysely';

/**
 * A value can be written from a supervision task's KPI (a plan measure's quantified target linked to the
 * indicator, reported by the unit and accepted by the office): source 'task_kpi', with the task it came from.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table indicator_values drop constraint indicator_values_source_check`.execute(db);
  await sql`alter table indicator_values add constraint indicator_values_source_check check (source in ('manual', 'round', 'import', 'computed', 'task_kpi'))`.execute(db);
  await sql`alter table indicator_values add column task_id uuid references tasks(id) on delete set null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table indicator_values drop column task_id`.execute(db);
  await sql`delete from indicator_values where source = 'task_kpi'`.execute(db);
  await sql`alter table indicator_values drop constraint indicator_values_source_check`.execute(db);
  await sql`alter table indicator_values add constraint indicator_values_source_check check (source in ('manual', 'round', 'import', 'computed'))`.execute(db);
}
