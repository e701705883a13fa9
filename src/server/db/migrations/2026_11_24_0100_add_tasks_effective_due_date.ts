import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The deadline as the light reads it (approved extension, rolled off rest days on the office calendar), written
  // whenever the light is computed, so that rankings, bulletins and dashboards count overdue tasks the same way.
  await db.schema.alterTable('tasks').addColumn('effective_due_date', 'date').execute();
  // The calendar is not available in SQL: start from the unrolled date and mark every light stale so the next
  // refresh (on read, or the daily job) rolls it.
  await sql`update tasks set effective_due_date = coalesce(extended_due_date, due_date), light_computed_on = null`.execute(db);
  // Closed tasks are refreshed too when their light is marked stale (e.g. after a calendar override).
  await sql`create index tasks_light_unset_idx on tasks (id) where light_computed_on is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index tasks_light_unset_idx`.execute(db);
  await db.schema.alterTable('tasks').dropColumn('effective_due_date').execute();
}
