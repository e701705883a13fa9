import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table indicator_values (
      id uuid primary key default gen_random_uuid(),
      system_id uuid not null references indicator_systems(id) on delete cascade,
      node_key text not null,
      region_id uuid not null references regions(id) on delete cascade,
      period text not null,
      value double precision not null,
      source text not null check (source in ('manual', 'round', 'import', 'computed')),
      round_id uuid,
      evidence text not null default '',
      entered_by uuid references users(id) on delete set null,
      entered_by_name text,
      entered_at timestamptz not null default now(),
      unique (system_id, period, region_id, node_key)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table indicator_values`.execute(db);
}
