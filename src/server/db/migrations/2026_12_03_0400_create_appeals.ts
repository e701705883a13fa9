import { sql, type Kysely } from 'kysely';

/**
 * Enterprise appeals (企业诉求 / 接诉即办): categories with their working-day limits, the dispatch catalogue
 * (category → unit with its 权责清单 basis), appeals with their clocks' due dates, the timeline of steps, clusters of
 * similar appeals, and Open311 API keys. Supervision's reminders and escalations gain an `appeal_id`, so an overdue
 * appeal raises a 督办 numbered with the tasks' ones.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('appeal_categories')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('region_id', 'uuid', (col) => col.notNull().references('regions.id').onDelete('cascade'))
    .addColumn('code', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('sign_days', 'integer', (col) => col.notNull().defaultTo(1).check(sql`sign_days between 0 and 30`))
    .addColumn('reply_days', 'integer', (col) => col.notNull().defaultTo(3).check(sql`reply_days between 0 and 60`))
    .addColumn('resolve_days', 'integer', (col) => col.notNull().defaultTo(15).check(sql`resolve_days between 1 and 120`))
    .addColumn('keywords', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('appeal_categories_region_code_key', ['region_id', 'code'])
    .execute();

  await db.schema
    .createTable('appeal_catalogue')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('category_id', 'uuid', (col) => col.notNull().references('appeal_categories.id').onDelete('cascade'))
    .addColumn('unit_id', 'uuid', (col) => col.notNull().references('units.id').onDelete('cascade'))
    .addColumn('legal_basis', 'text', (col) => col.notNull())
    .addColumn('keywords', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('appeal_catalogue_category_unit_key', ['category_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('appeal_clusters')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('region_id', 'uuid', (col) => col.notNull().references('regions.id').onDelete('cascade'))
    .addColumn('region_path', 'text', (col) => col.notNull())
    .addColumn('keywords', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('size', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('enterprises', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('first_at', 'timestamptz', (col) => col.notNull())
    .addColumn('last_at', 'timestamptz', (col) => col.notNull())
    .addColumn('task_id', 'uuid', (col) => col.references('tasks.id').onDelete('set null'))
    .addColumn('plan_id', 'uuid', (col) => col.references('plans.id').onDelete('set null'))
    .addColumn('measured_at', 'timestamptz')
    .addColumn('task_closed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('appeal_clusters_size_idx').on('appeal_clusters').columns(['region_path', 'size']).execute();

  await sql`create sequence appeal_number_seq`.execute(db);
  await db.schema
    .createTable('appeals')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'text', (col) => col.notNull().unique())
    .addColumn('region_id', 'uuid', (col) => col.notNull().references('regions.id').onDelete('restrict'))
    .addColumn('region_path', 'text', (col) => col.notNull())
    .addColumn('enterprise_id', 'uuid', (col) => col.references('enterprises.id').onDelete('set null'))
    .addColumn('enterprise_name', 'text', (col) => col.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('channel', 'text', (col) => col.notNull().check(sql`channel in ('portal', 'hotline', 'counter', 'import', 'open311')`))
    .addColumn('source_system', 'text')
    .addColumn('source_id', 'text')
    .addColumn('category_id', 'uuid', (col) => col.notNull().references('appeal_categories.id').onDelete('restrict'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('location', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('is_public', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('confidential', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('attachments', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('received'))
    .addColumn('unit_id', 'uuid', (col) => col.references('units.id').onDelete('restrict'))
    .addColumn('co_unit_ids', sql`uuid[]`, (col) => col.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('catalogue_id', 'uuid', (col) => col.references('appeal_catalogue.id').onDelete('set null'))
    .addColumn('handler_id', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('received_at', 'timestamptz', (col) => col.notNull())
    .addColumn('dispatched_at', 'timestamptz')
    .addColumn('signed_at', 'timestamptz')
    .addColumn('replied_at', 'timestamptz')
    .addColumn('callback_at', 'timestamptz')
    .addColumn('rated_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('sign_due', 'date')
    .addColumn('reply_due', 'date')
    .addColumn('resolve_due', 'date')
    .addColumn('signed_on_time', 'boolean')
    .addColumn('replied_on_time', 'boolean')
    .addColumn('closed_on_time', 'boolean')
    .addColumn('reply', 'text')
    .addColumn('solved', 'boolean')
    .addColumn('satisfied', 'boolean')
    .addColumn('rating', 'integer', (col) => col.check(sql`rating between 1 and 5`))
    .addColumn('rating_comment', 'text')
    .addColumn('dispatch_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('dispute_upheld', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('reopen_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('extension_days', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('rectifications', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('rectify_due', 'date')
    .addColumn('pauses', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('exclusion', 'text')
    .addColumn('exclusion_note', 'text')
    .addColumn('merged_into', 'uuid', (col) => col.references('appeals.id').onDelete('set null'))
    .addColumn('duplicate_of', 'uuid', (col) => col.references('appeals.id').onDelete('set null'))
    .addColumn('cluster_id', 'uuid', (col) => col.references('appeal_clusters.id').onDelete('set null'))
    .addColumn('tokens', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('simhash', 'text', (col) => col.notNull())
    .addColumn('band0', 'text', (col) => col.notNull())
    .addColumn('band1', 'text', (col) => col.notNull())
    .addColumn('band2', 'text', (col) => col.notNull())
    .addColumn('band3', 'text', (col) => col.notNull())
    .addColumn('created_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('appeals_source_key', ['source_system', 'source_id'])
    .execute();
  await db.schema.createIndex('appeals_region_path_idx').on('appeals').columns(['region_path', 'received_at']).execute();
  await sql`create index appeals_region_path_pattern_idx on appeals (region_path text_pattern_ops, received_at desc)`.execute(db);
  await db.schema.createIndex('appeals_unit_id_idx').on('appeals').columns(['unit_id', 'received_at']).execute();
  await db.schema.createIndex('appeals_enterprise_id_idx').on('appeals').columns(['enterprise_id', 'received_at']).execute();
  await db.schema.createIndex('appeals_received_at_idx').on('appeals').column('received_at').execute();
  await db.schema.createIndex('appeals_cluster_id_idx').on('appeals').columns(['cluster_id', 'received_at']).execute();
  for (const b of ['band0', 'band1', 'band2', 'band3']) {
    await db.schema.createIndex(`appeals_${b}_idx`).on('appeals').columns([b, 'received_at']).execute();
  }
  await sql`create index appeals_open_idx on appeals (status) where status not in ('closed', 'merged')`.execute(db);

  await db.schema
    .createTable('appeal_events')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('appeal_id', 'uuid', (col) => col.notNull().references('appeals.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('at', 'timestamptz', (col) => col.notNull())
    .addColumn('actor_id', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('actor_name', 'text', (col) => col.notNull())
    .addColumn('actor_role', 'text', (col) => col.notNull())
    .addColumn('unit_id', 'uuid', (col) => col.references('units.id').onDelete('set null'))
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('detail', 'jsonb')
    .addColumn('internal', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('appeal_events_appeal_id_idx').on('appeal_events').columns(['appeal_id', 'at']).execute();

  await db.schema
    .createTable('open311_keys')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('key_hash', 'text', (col) => col.notNull().unique())
    .addColumn('region_id', 'uuid', (col) => col.notNull().references('regions.id').onDelete('cascade'))
    .addColumn('created_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  // Supervision's reminders and escalations also cover appeals (sign / reply / resolve clocks).
  for (const table of ['reminders', 'escalations']) {
    await sql`alter table ${sql.table(table)} alter column task_id drop not null`.execute(db);
    await sql`alter table ${sql.table(table)} add column appeal_id uuid references appeals(id) on delete cascade`.execute(db);
    await sql`alter table ${sql.table(table)} drop constraint ${sql.raw(`${table}_kind_check`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.raw(`${table}_kind_check`)} check (kind in ('report', 'deadline', 'sign', 'reply', 'resolve'))`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.raw(`${table}_subject_check`)} check ((task_id is null) <> (appeal_id is null))`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.raw(`${table}_appeal_id_kind_period_key`)} unique (appeal_id, kind, period)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['reminders', 'escalations']) {
    await sql`delete from ${sql.table(table)} where appeal_id is not null`.execute(db);
    await sql`alter table ${sql.table(table)} drop column appeal_id`.execute(db);
    await sql`alter table ${sql.table(table)} alter column task_id set not null`.execute(db);
  }
  await db.schema.dropTable('open311_keys').execute();
  await db.schema.dropTable('appeal_events').execute();
  await db.schema.dropTable('appeals').execute();
  await sql`drop sequence appeal_number_seq`.execute(db);
  await db.schema.dropTable('appeal_clusters').execute();
  await db.schema.dropTable('appeal_catalogue').execute();
  await db.schema.dropTable('appeal_categories').execute();
}
