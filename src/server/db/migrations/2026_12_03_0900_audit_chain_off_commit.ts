import { sql, type Kysely } from 'kysely';

/**
 * The audit chain moves off the commit path (transparency-log design): writers only append a row
 * with an insertion sequence (`seq`, from a sequence, gaps on rollback allowed); one chainer later
 * gives each committed row its gapless chain position (`chain_seq`) and links it (`prev_hash`,
 * `hash`). Rows chained before this migration keep their hashes: their chain position is their
 * old gapless `seq`. Signed checkpoints of the chain head are kept in `audit_checkpoints` (and in
 * a file outside the database).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_log add column chain_seq bigint`.execute(db);
  await sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(db);
  await sql`update audit_log set chain_seq = seq`.execute(db);
  await sql`alter table audit_log enable trigger audit_log_no_update_delete`.execute(db);
  await sql`alter table audit_log add constraint audit_log_chain_seq_key unique (chain_seq)`.execute(db);
  await sql`alter table audit_log alter column prev_hash drop not null, alter column hash drop not null`.execute(db);
  await sql`create sequence audit_log_seq_seq owned by audit_log.seq`.execute(db);
  await sql`select setval('audit_log_seq_seq', coalesce((select max(seq) from audit_log), 0) + 1, false)`.execute(db);
  await sql`alter table audit_log alter column seq set default nextval('audit_log_seq_seq')`.execute(db);
  // What the chainer reads: the committed rows that have no chain position yet, oldest first.
  await sql`create index audit_log_unchained_idx on audit_log (seq) where chain_seq is null`.execute(db);
  // Append-only, except that the chainer fills in the three chain columns of a row once.
  await sql`
    create or replace function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.chain_seq is null and old.hash is null and new.chain_seq is not null
         and new.hash is not null
         and (to_jsonb(new) - 'chain_seq' - 'prev_hash' - 'hash') = (to_jsonb(old) - 'chain_seq' - 'prev_hash' - 'hash') then
        return new;
      end if;
      raise exception 'audit_log is append-only (% refused)', tg_op using errcode = '42501';
    end;
    $$`.execute(db);
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('chain_seq', 'bigint', (col) => col.primaryKey())
    .addColumn('hash', 'text', (col) => col.notNull())
    .addColumn('at', 'timestamptz', (col) => col.notNull())
    .addColumn('key_id', 'text', (col) => col.notNull())
    .addColumn('signature', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_checkpoints').execute();
  await sql`drop index audit_log_unchained_idx`.execute(db);
  await sql`alter table audit_log alter column seq drop default`.execute(db);
  await sql`drop sequence audit_log_seq_seq`.execute(db);
  await sql`alter table audit_log drop column chain_seq`.execute(db);
}
