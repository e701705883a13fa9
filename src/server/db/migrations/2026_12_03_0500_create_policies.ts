import { sql, type Kysely } from 'kysely';

/**
 * The policy supermarket (政策超市): policies, their items (兑现事项), dated rule versions with situation tests,
 * 免申即享 batches and grant decisions (signed), portal messages (精准推送, at most one per item and enterprise),
 * theme subscriptions and payee bank accounts on file.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = (col: any) => col.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (col: any) => col.notNull().defaultTo(sql`now()`);
  await db.schema
    .createTable('policies')
    .addColumn('id', 'uuid', id)
    .addColumn('region_id', 'uuid', (col) => col.notNull().references('regions.id').onDelete('restrict'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('issuer', 'text', (col) => col.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('effective_from', 'date', (col) => col.notNull())
    .addColumn('effective_to', 'date')
    .addColumn('legal_text', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('contact', 'text')
    .addColumn('themes', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('is_example', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('created_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('policies_region_id_idx').on('policies').column('region_id').execute();

  await db.schema
    .createTable('policy_items')
    .addColumn('id', 'uuid', id)
    .addColumn('policy_id', 'uuid', (col) => col.notNull().references('policies.id').onDelete('cascade'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('mode', 'text', (col) => col.notNull().check(sql`mode in ('auto', 'fast', 'info')`))
    .addColumn('theme', 'text', (col) => col.notNull().defaultTo('综合'))
    .addColumn('conditions_text', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('draft').check(sql`status in ('draft', 'published')`))
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('policy_items_policy_id_idx').on('policy_items').column('policy_id').execute();

  await db.schema
    .createTable('policy_rule_versions')
    .addColumn('id', 'uuid', id)
    .addColumn('item_id', 'uuid', (col) => col.notNull().references('policy_items.id').onDelete('cascade'))
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('valid_from', 'date', (col) => col.notNull())
    .addColumn('valid_to', 'date')
    .addColumn('rule', 'jsonb', (col) => col.notNull())
    .addColumn('benefit', 'jsonb', (col) => col.notNull())
    .addColumn('tests', 'jsonb', (col) => col.notNull())
    .addColumn('test_results', 'jsonb', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .addColumn('created_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('policy_rule_versions_item_version_key', ['item_id', 'version'])
    .execute();

  await db.schema
    .createTable('grant_batches')
    .addColumn('id', 'uuid', id)
    .addColumn('item_id', 'uuid', (col) => col.notNull().references('policy_items.id').onDelete('restrict'))
    .addColumn('rule_version_id', 'uuid', (col) => col.notNull().references('policy_rule_versions.id').onDelete('restrict'))
    .addColumn('region_id', 'uuid', (col) => col.notNull().references('regions.id').onDelete('restrict'))
    .addColumn('period_label', 'text', (col) => col.notNull())
    .addColumn('as_of', 'date', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending').check(sql`status in ('pending', 'approved')`))
    .addColumn('grant_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('total_amount', 'numeric', (col) => col.notNull().defaultTo(0))
    .addColumn('created_by', 'uuid', (col) => col.notNull().references('users.id').onDelete('restrict'))
    .addColumn('approved_by', 'uuid', (col) => col.references('users.id').onDelete('restrict'))
    .addColumn('approved_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', now)
    .execute();

  await db.schema
    .createTable('grants')
    .addColumn('id', 'uuid', id)
    .addColumn('batch_id', 'uuid', (col) => col.references('grant_batches.id').onDelete('restrict'))
    .addColumn('item_id', 'uuid', (col) => col.notNull().references('policy_items.id').onDelete('restrict'))
    .addColumn('enterprise_id', 'uuid', (col) => col.notNull().references('enterprises.id').onDelete('restrict'))
    .addColumn('region_id', 'uuid', (col) => col.notNull().references('regions.id').onDelete('restrict'))
    .addColumn('rule_version_id', 'uuid', (col) => col.notNull().references('policy_rule_versions.id').onDelete('restrict'))
    .addColumn('rule_hash', 'text', (col) => col.notNull())
    .addColumn('as_of', 'date', (col) => col.notNull())
    .addColumn('snapshot', 'jsonb', (col) => col.notNull())
    .addColumn('snapshot_hash', 'text', (col) => col.notNull())
    .addColumn('trace', 'jsonb', (col) => col.notNull())
    .addColumn('result', 'text', (col) => col.notNull().check(sql`result in ('true', 'false', 'unknown')`))
    .addColumn('amount', 'numeric')
    .addColumn('amount_explanation', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('proposed', 'awaiting_confirmation', 'confirmed', 'disbursed', 'refused', 'superseded')`),
    )
    .addColumn('eligible_since', 'date', (col) => col.notNull())
    .addColumn('decided_at', 'timestamptz')
    .addColumn('approver_id', 'uuid', (col) => col.references('users.id').onDelete('restrict'))
    .addColumn('approver_name', 'text')
    .addColumn('payload_hash', 'text')
    .addColumn('signature', 'text')
    .addColumn('sign_alg', 'text')
    .addColumn('key_id', 'text')
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('confirmed_by', 'uuid', (col) => col.references('users.id').onDelete('restrict'))
    .addColumn('bank_account', 'text')
    .addColumn('disbursed_at', 'timestamptz')
    .addColumn('review_of', 'uuid', (col) => col.references('grants.id').onDelete('restrict'))
    .addColumn('review_reason', 'text')
    .addColumn('review_requested_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('grants_enterprise_id_idx').on('grants').column('enterprise_id').execute();
  await db.schema.createIndex('grants_batch_id_idx').on('grants').column('batch_id').execute();
  await db.schema.createIndex('grants_item_id_idx').on('grants').column('item_id').execute();

  await db.schema
    .createTable('policy_messages')
    .addColumn('id', 'uuid', id)
    .addColumn('enterprise_id', 'uuid', (col) => col.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('item_id', 'uuid', (col) => col.notNull().references('policy_items.id').onDelete('cascade'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('read_at', 'timestamptz')
    .addUniqueConstraint('policy_messages_enterprise_item_key', ['enterprise_id', 'item_id'])
    .execute();

  await db.schema
    .createTable('policy_subscriptions')
    .addColumn('enterprise_id', 'uuid', (col) => col.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('theme', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .addPrimaryKeyConstraint('policy_subscriptions_pkey', ['enterprise_id', 'theme'])
    .execute();

  await db.schema
    .createTable('payee_accounts')
    .addColumn('enterprise_id', 'uuid', (col) => col.primaryKey().references('enterprises.id').onDelete('cascade'))
    .addColumn('bank_name', 'text', (col) => col.notNull())
    .addColumn('account_name', 'text', (col) => col.notNull())
    .addColumn('account_no', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['payee_accounts', 'policy_subscriptions', 'policy_messages', 'grants', 'grant_batches', 'policy_rule_versions', 'policy_items', 'policies']) {
    await db.schema.dropTable(table).execute();
  }
}
