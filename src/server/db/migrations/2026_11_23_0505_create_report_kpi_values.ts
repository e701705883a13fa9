import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_kpi_values')
    .addColumn('report_id', 'uuid', (col) => col.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('kpi_id', 'uuid', (col) => col.notNull().references('task_kpis.id').onDelete('cascade'))
    .addColumn('actual', 'double precision', (col) => col.notNull())
    .addPrimaryKeyConstraint('report_kpi_values_pkey', ['report_id', 'kpi_id'])
    .execute();
  await sql`create index report_kpi_values_kpi_id_idx on report_kpi_values (kpi_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_kpi_values').execute();
}
