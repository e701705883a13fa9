import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('task_requests')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('task_id', 'uuid', (col) => col.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('region_id', 'uuid', (col) => col.notNull().references('regions.id').onDelete('restrict'))
    .addColumn('unit_id', 'uuid', (col) => col.notNull().references('units.id').onDelete('restrict'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('extension', 'transfer')`))
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('new_due_date', 'date')
    .addColumn('to_unit_id', 'uuid', (col) => col.references('units.id').onDelete('restrict'))
    .addColumn('previous_due_date', 'date')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending').check(sql`status in ('pending', 'approved', 'refused')`))
    .addColumn('created_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('decided_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('decider_name', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_comment', 'text')
    .addCheckConstraint('task_requests_kind_fields', sql`(kind = 'extension' and new_due_date is not null) or (kind = 'transfer' and to_unit_id is not null)`)
    .execute();
  await sql`create unique index task_requests_pending_key on task_requests (task_id, kind) where status = 'pending'`.execute(db);
  await db.schema.createIndex('task_requests_task_id_idx').on('task_requests').column('task_id').execute();
  await sql`create index task_requests_pending_region_idx on task_requests (region_id) where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('task_requests').execute();
}
