import { sql, type Kysely } from 'kysely';

/**
 * What the registry needs beyond the foundation tables: contacts (联系人), correction requests from the portal,
 * enterprise sign-up requests the office confirms, OpenID Connect identities of users, and the indexes the staff list
 * filters and sorts by. On PostgreSQL with pg_trgm available, a trigram index serves the name search; the DO block
 * swallows its absence (PGlite, or a server without contrib) so the migration runs everywhere.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('enterprise_contacts')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('enterprise_id', 'uuid', (col) => col.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('phone', 'text')
    .addColumn('title', 'text')
    .addColumn('is_primary', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('enterprise_contacts_enterprise_id_idx').on('enterprise_contacts').column('enterprise_id').execute();

  await db.schema
    .createTable('enterprise_correction_requests')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('enterprise_id', 'uuid', (col) => col.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('requested_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('changes', 'jsonb', (col) => col.notNull())
    .addColumn('note', 'text')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending').check(sql`status in ('pending', 'accepted', 'rejected')`))
    .addColumn('decided_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('enterprise_correction_requests_enterprise_idx').on('enterprise_correction_requests').columns(['enterprise_id', 'status']).execute();

  await db.schema
    .createTable('enterprise_signup_requests')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('credit_code', 'text', (col) => col.notNull())
    .addColumn('enterprise_name', 'text', (col) => col.notNull())
    .addColumn('enterprise_id', 'uuid', (col) => col.references('enterprises.id').onDelete('cascade'))
    .addColumn('region_id', 'uuid', (col) => col.references('regions.id').onDelete('set null'))
    .addColumn('username', 'text', (col) => col.notNull())
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('phone', 'text')
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending').check(sql`status in ('pending', 'accepted', 'rejected')`))
    .addColumn('decided_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('enterprise_signup_requests_status_idx').on('enterprise_signup_requests').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('user_oidc_identities')
    .addColumn('issuer', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('user_oidc_identities_pkey', ['issuer', 'subject'])
    .execute();

  await db.schema.createIndex('enterprises_name_idx').on('enterprises').columns(['name', 'id']).execute();
  await db.schema.createIndex('enterprises_size_class_idx').on('enterprises').column('size_class').execute();
  await sql`create index enterprises_credit_code_pattern_idx on enterprises (credit_code text_pattern_ops)`.execute(db);
  await sql`create index enterprises_industry_pattern_idx on enterprises (industry_code text_pattern_ops)`.execute(db);
  await sql`create index enterprise_credit_flags_kind_idx on enterprise_credit_flags (kind, enterprise_id)`.execute(db);
  await sql`create index enterprise_tags_tag_enterprise_idx on enterprise_tags (tag, enterprise_id)`.execute(db);
  await sql`
    do $$
    begin
      create extension if not exists pg_trgm;
      create index enterprises_name_trgm_idx on enterprises using gin (name gin_trgm_ops);
    exception when others then
      null;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists enterprises_name_trgm_idx`.execute(db);
  for (const index of ['enterprise_tags_tag_enterprise_idx', 'enterprise_credit_flags_kind_idx', 'enterprises_industry_pattern_idx', 'enterprises_credit_code_pattern_idx', 'enterprises_size_class_idx', 'enterprises_name_idx']) {
    await db.schema.dropIndex(index).execute();
  }
  for (const table of ['user_oidc_identities', 'enterprise_signup_requests', 'enterprise_correction_requests', 'enterprise_contacts']) {
    await db.schema.dropTable(table).execute();
  }
}
