import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('supervision_settings')
    .addColumn('region_id', 'uuid', (col) => col.primaryKey().references('regions.id').onDelete('cascade'))
    .addColumn('cycle', 'text', (col) =>
      col.notNull().defaultTo('monthly').check(sql`cycle in ('weekly', 'biweekly', 'semimonthly', 'monthly', 'quarterly')`),
    )
    .addColumn('nth_working_day', 'integer', (col) => col.notNull().defaultTo(5).check(sql`nth_working_day between 1 and 10`))
    .addColumn('due_soon_days', 'integer', (col) => col.notNull().defaultTo(3).check(sql`due_soon_days between 0 and 30`))
    .addColumn('progress_lag_pct', 'integer', (col) => col.notNull().defaultTo(20).check(sql`progress_lag_pct between 0 and 100`))
    .addColumn('remind_before_days', 'integer', (col) => col.notNull().defaultTo(3).check(sql`remind_before_days between 0 and 30`))
    .addColumn('escalation_response_days', 'integer', (col) =>
      col.notNull().defaultTo(3).check(sql`escalation_response_days between 1 and 30`),
    )
    .addColumn('escalation_prefix', 'text', (col) => col.notNull().defaultTo('督办'))
    .addColumn('ranking_weights', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('ranking_min_tasks', 'integer', (col) => col.notNull().defaultTo(3).check(sql`ranking_min_tasks >= 0`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('supervision_settings').execute();
}
