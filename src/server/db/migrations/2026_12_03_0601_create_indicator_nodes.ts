import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table indicator_nodes (
      id uuid primary key default gen_random_uuid(),
      system_id uuid not null references indicator_systems(id) on delete cascade,
      key text not null,
      parent_key text,
      seq integer not null,
      name text not null,
      weight double precision not null default 1 check (weight >= 0),
      aggregation text not null default 'weighted_mean' check (aggregation in ('weighted_mean', 'mean')),
      is_leaf boolean not null default false,
      component text,
      unit_label text not null default '',
      direction text check (direction in ('lower', 'higher')),
      frontier_mode text check (frontier_mode in ('fixed', 'sample')),
      best double precision,
      worst double precision,
      transform text not null default 'linear' check (transform in ('linear', 'nonlinear')),
      exponent double precision,
      data_source text not null default 'manual' check (data_source in ('manual', 'computed', 'import')),
      provider text,
      cycle text not null default 'year' check (cycle in ('year', 'quarter', 'month')),
      responsible_unit_id uuid references units(id) on delete set null,
      unique (system_id, key)
    )`.execute(db);
  await sql`create index indicator_nodes_unit_idx on indicator_nodes (responsible_unit_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table indicator_nodes`.execute(db);
}
