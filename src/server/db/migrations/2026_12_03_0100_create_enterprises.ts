import { sql, type Kysely } from 'kysely';

/**
 * The enterprise registry (企业库): one row per 经营主体 keyed by its 统一社会信用代码, its yearly figures, tags with
 * validity, credit flags, and the timeline other modules append to. Users gain the `enterprise` role bound to one row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('enterprises')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('region_id', 'uuid', (col) => col.notNull().references('regions.id').onDelete('restrict'))
    .addColumn('credit_code', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('legal_rep_name', 'text')
    .addColumn('legal_rep_phone', 'text')
    .addColumn('legal_rep_id_number', 'text')
    .addColumn('registration_authority', 'text')
    .addColumn('established_on', 'date')
    .addColumn('registered_capital', 'numeric') // 万元
    .addColumn('industry_code', 'text') // GB/T 4754-2017 code with its 门类 letter, e.g. C3311
    .addColumn('address', 'text')
    .addColumn('size_class', 'text', (col) => col.check(sql`size_class in ('large', 'medium', 'small', 'micro')`))
    .addColumn('size_rule', 'text')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('active'))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('enterprises_region_id_idx').on('enterprises').column('region_id').execute();
  await db.schema.createIndex('enterprises_industry_code_idx').on('enterprises').column('industry_code').execute();

  await db.schema
    .createTable('enterprise_figures')
    .addColumn('enterprise_id', 'uuid', (col) => col.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('employees', 'integer')
    .addColumn('revenue', 'numeric') // 万元
    .addColumn('assets', 'numeric') // 万元
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('as_of', 'date', (col) => col.notNull())
    .addPrimaryKeyConstraint('enterprise_figures_pkey', ['enterprise_id', 'year'])
    .execute();

  await db.schema
    .createTable('enterprise_tags')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('enterprise_id', 'uuid', (col) => col.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('tag', 'text', (col) => col.notNull())
    .addColumn('valid_from', 'date')
    .addColumn('valid_to', 'date')
    .addColumn('source', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('enterprise_tags_enterprise_id_idx').on('enterprise_tags').column('enterprise_id').execute();
  await db.schema.createIndex('enterprise_tags_tag_idx').on('enterprise_tags').column('tag').execute();

  await db.schema
    .createTable('enterprise_credit_flags')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('enterprise_id', 'uuid', (col) => col.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('dishonest', 'abnormal')`))
    .addColumn('since', 'date')
    .addColumn('until', 'date')
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('enterprise_credit_flags_enterprise_id_idx').on('enterprise_credit_flags').column('enterprise_id').execute();

  await db.schema
    .createTable('enterprise_events')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('enterprise_id', 'uuid', (col) => col.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('ref_type', 'text')
    .addColumn('ref_id', 'text')
    .addColumn('detail', 'jsonb')
    .execute();
  await db.schema.createIndex('enterprise_events_enterprise_at_idx').on('enterprise_events').columns(['enterprise_id', 'at']).execute();

  await db.schema.alterTable('users').addColumn('enterprise_id', 'uuid', (col) => col.references('enterprises.id').onDelete('restrict')).execute();
  await sql`alter table users drop constraint if exists users_role_check`.execute(db);
  await sql`alter table users add constraint users_role_check check (role in ('admin', 'office', 'leader', 'unit', 'enterprise'))`.execute(db);
  await sql`alter table users add constraint users_enterprise_role_has_enterprise check (role <> 'enterprise' or enterprise_id is not null)`.execute(db);
  await db.schema.createIndex('users_enterprise_id_idx').on('users').column('enterprise_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop constraint users_enterprise_role_has_enterprise`.execute(db);
  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`alter table users add constraint users_role_check check (role in ('admin', 'office', 'leader', 'unit'))`.execute(db);
  await db.schema.alterTable('users').dropColumn('enterprise_id').execute();
  for (const table of ['enterprise_events', 'enterprise_credit_flags', 'enterprise_tags', 'enterprise_figures', 'enterprises']) {
    await db.schema.dropTable(table).execute();
  }
}
