import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('escalations')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('task_id', 'uuid', (col) => col.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('region_id', 'uuid', (col) => col.notNull().references('regions.id').onDelete('restrict'))
    .addColumn('unit_id', 'uuid', (col) => col.notNull().references('units.id').onDelete('restrict'))
    // The issuing office's region (the plan's); numbers run per issuing region and year.
    .addColumn('issuer_region_id', 'uuid', (col) => col.notNull().references('regions.id').onDelete('restrict'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('report', 'deadline')`))
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('due_on', 'date', (col) => col.notNull())
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('number', 'text', (col) => col.notNull())
    .addColumn('issued_on', 'date', (col) => col.notNull())
    .addColumn('respond_by', 'date', (col) => col.notNull())
    .addColumn('response', 'text')
    .addColumn('responded_at', 'timestamptz')
    .addColumn('responded_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('escalations_task_id_kind_period_key', ['task_id', 'kind', 'period'])
    .addUniqueConstraint('escalations_issuer_year_seq_key', ['issuer_region_id', 'year', 'seq'])
    .execute();
  await db.schema.createIndex('escalations_unit_id_idx').on('escalations').columns(['unit_id', 'issued_on']).execute();
  await db.schema.createIndex('escalations_region_id_idx').on('escalations').columns(['region_id', 'issued_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('escalations').execute();
}
