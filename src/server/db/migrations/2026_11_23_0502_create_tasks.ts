import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tasks')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The responsible unit's region: what office/leader scope filters on (a city plan's task for a county unit
    // is visible to that county); the plan's region decides who manages the task.
    .addColumn('region_id', 'uuid', (col) => col.notNull().references('regions.id').onDelete('restrict'))
    .addColumn('unit_id', 'uuid', (col) => col.notNull().references('units.id').onDelete('restrict'))
    .addColumn('plan_id', 'uuid', (col) => col.notNull().references('plans.id').onDelete('restrict'))
    .addColumn('measure_id', 'uuid', (col) => col.notNull().references('plan_measures.id').onDelete('restrict'))
    .addColumn('status', 'text', (col) =>
      col.notNull().defaultTo('assigned').check(sql`status in ('assigned', 'signed', 'in_progress', 'closed')`),
    )
    .addColumn('cooperating_units', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('milestones', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('start_on', 'date', (col) => col.notNull())
    .addColumn('due_date', 'date')
    .addColumn('extended_due_date', 'date')
    .addColumn('progress', 'integer', (col) => col.notNull().defaultTo(0).check(sql`progress between 0 and 100`))
    .addColumn('cycle', 'text', (col) =>
      col.notNull().check(sql`cycle in ('weekly', 'biweekly', 'semimonthly', 'monthly', 'quarterly')`),
    )
    .addColumn('nth_working_day', 'integer', (col) => col.notNull().check(sql`nth_working_day between 1 and 10`))
    .addColumn('due_soon_days', 'integer', (col) => col.notNull().check(sql`due_soon_days between 0 and 30`))
    .addColumn('progress_lag_pct', 'integer', (col) => col.notNull().check(sql`progress_lag_pct between 0 and 100`))
    .addColumn('signed_at', 'timestamptz')
    .addColumn('signed_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    // Facts for rankings: the day the accepted final report was submitted, and whether that met the deadline.
    .addColumn('completed_on', 'date')
    .addColumn('completed_on_time', 'boolean')
    .addColumn('transferred_from_unit_id', 'uuid', (col) => col.references('units.id').onDelete('set null'))
    .addColumn('last_report_at', 'timestamptz')
    // Cached light (亮灯) so lists of thousands of tasks read one row each; refreshed on write and daily.
    .addColumn('light', 'text', (col) => col.notNull().defaultTo('grey').check(sql`light in ('green', 'yellow', 'red', 'grey', 'done')`))
    .addColumn('reasons', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('light_computed_on', 'date')
    .addColumn('next_report_due', 'date')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('tasks_measure_id_unit_id_key', ['measure_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('tasks_unit_id_idx').on('tasks').columns(['unit_id', 'status']).execute();
  await db.schema.createIndex('tasks_plan_id_idx').on('tasks').columns(['plan_id', 'light']).execute();
  await db.schema.createIndex('tasks_region_id_idx').on('tasks').columns(['region_id', 'light']).execute();
  await db.schema.createIndex('tasks_light_computed_on_idx').on('tasks').column('light_computed_on').where(sql.ref('status'), '<>', 'closed').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tasks').execute();
}
