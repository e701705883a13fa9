import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('code', 'text', (col) => col.unique())
    .addColumn('kind', 'text', (col) =>
      col.notNull().check(sql`kind in ('province', 'city', 'county', 'district', 'zone')`),
    )
    .addColumn('parent_id', 'uuid', (col) => col.references('regions.id').onDelete('restrict'))
    // '/<root id>/<child id>/…/<own id>/': a subtree is every path with this prefix.
    .addColumn('path', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index regions_path_prefix_idx on regions (path text_pattern_ops)`.execute(db);
  await db.schema.createIndex('regions_parent_id_idx').on('regions').column('parent_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('regions').execute();
}
