import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Failed logins per (username as typed, lower-cased; client address), for known and unknown names alike, so that
  // a lockout neither tells which accounts exist nor lets one address lock an account out for everyone.
  await sql`
    create table login_failures (
      username text not null,
      ip text not null,
      failed_count integer not null,
      last_failed_at timestamptz not null,
      locked_until timestamptz,
      primary key (username, ip)
    )`.execute(db);
  await sql`create index login_failures_last_failed_at on login_failures (last_failed_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table login_failures`.execute(db);
}
