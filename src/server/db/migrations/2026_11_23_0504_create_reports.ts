import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('task_id', 'uuid', (col) => col.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('region_id', 'uuid', (col) => col.notNull().references('regions.id').onDelete('restrict'))
    .addColumn('unit_id', 'uuid', (col) => col.notNull().references('units.id').onDelete('restrict'))
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('period_label', 'text', (col) => col.notNull())
    .addColumn('due_on', 'date')
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('draft', 'submitted', 'accepted', 'returned')`))
    .addColumn('summary', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('progress', 'integer', (col) => col.notNull().check(sql`progress between 0 and 100`))
    .addColumn('is_final', 'boolean', (col) => col.notNull().defaultTo(false))
    // Burden meter (填报负担): seconds the form was open, and how many fields it asked for.
    .addColumn('fill_seconds', 'integer', (col) => col.check(sql`fill_seconds >= 0`))
    .addColumn('field_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('on_time', 'boolean')
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('reviewed_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('reviewer_name', 'text')
    .addColumn('review_comment', 'text')
    .execute();
  // One open (draft or awaiting review) report per task and period; returned and accepted ones stay as history.
  await sql`create unique index reports_open_period_key on reports (task_id, period) where status in ('draft', 'submitted')`.execute(db);
  await db.schema.createIndex('reports_task_id_idx').on('reports').columns(['task_id', 'created_at']).execute();
  await sql`create index reports_review_queue_idx on reports (region_id, submitted_at) where status = 'submitted'`.execute(db);
  await db.schema.createIndex('reports_unit_id_idx').on('reports').columns(['unit_id', 'submitted_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reports').execute();
}
