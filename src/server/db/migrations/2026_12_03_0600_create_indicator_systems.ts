import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table indicator_systems (
      id uuid primary key default gen_random_uuid(),
      region_id uuid not null references regions(id) on delete cascade,
      lineage_id uuid not null,
      version integer not null default 1,
      name text not null,
      description text not null default '',
      is_template boolean not null default false,
      frontier_note text not null default '',
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (lineage_id, version)
    )`.execute(db);
  await sql`create index indicator_systems_region_idx on indicator_systems (region_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table indicator_systems`.execute(db);
}
