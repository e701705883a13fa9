import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row per system and period, bumped in the transaction that writes its values: cached scores are reused while
  // the stamp holds (cheaper than counting the period's values on every read).
  await sql`
    create table indicator_period_stamps (
      system_id uuid not null references indicator_systems(id) on delete cascade,
      period text not null,
      stamp bigint not null default 0,
      primary key (system_id, period)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table indicator_period_stamps`.execute(db);
}
