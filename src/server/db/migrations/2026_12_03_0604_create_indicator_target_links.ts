import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table indicator_target_links (
      id uuid primary key default gen_random_uuid(),
      system_id uuid not null references indicator_systems(id) on delete cascade,
      node_key text not null,
      measure_id uuid not null references plan_measures(id) on delete cascade,
      target double precision not null,
      target_text text not null default '',
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      unique (system_id, node_key, measure_id)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table indicator_target_links`.execute(db);
}
