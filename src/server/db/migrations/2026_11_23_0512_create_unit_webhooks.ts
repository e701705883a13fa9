import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('unit_webhooks')
    .addColumn('unit_id', 'uuid', (col) => col.primaryKey().references('units.id').onDelete('cascade'))
    .addColumn('url', 'text', (col) => col.notNull().check(sql`url ~ '^https?://'`))
    // Optional HMAC key: deliveries carry x-yingshang-signature; never returned by the API nor logged.
    .addColumn('secret', 'text')
    .addColumn('enabled', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('updated_by', 'uuid', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unit_webhooks').execute();
}
