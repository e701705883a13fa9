import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('task_kpis')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('task_id', 'uuid', (col) => col.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('metric', 'text', (col) => col.notNull())
    .addColumn('op', 'text', (col) => col.notNull().check(sql`op in ('>=', '<=', '=')`))
    .addColumn('target', 'double precision', (col) => col.notNull())
    .addColumn('unit', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('by_date', 'date')
    .addColumn('baseline', 'double precision')
    .addColumn('text', 'text')
    // Latest value from a submitted or accepted report, and its attainment (core kpiAttainment, 0..1).
    .addColumn('actual', 'double precision')
    .addColumn('actual_at', 'timestamptz')
    .addColumn('attainment', 'double precision')
    .addUniqueConstraint('task_kpis_task_id_seq_key', ['task_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('task_kpis').execute();
}
