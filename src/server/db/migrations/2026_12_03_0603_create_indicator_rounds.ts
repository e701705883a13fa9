import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table indicator_rounds (
      id uuid primary key default gen_random_uuid(),
      system_id uuid not null references indicator_systems(id) on delete cascade,
      region_id uuid not null references regions(id) on delete cascade,
      period text not null,
      title text not null,
      due_date date,
      status text not null default 'open' check (status in ('open', 'closed')),
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      closed_at timestamptz
    )`.execute(db);
  await sql`
    create table indicator_round_units (
      round_id uuid not null references indicator_rounds(id) on delete cascade,
      unit_id uuid not null references units(id) on delete cascade,
      status text not null default 'pending' check (status in ('pending', 'submitted', 'accepted', 'returned')),
      submitted_at timestamptz,
      reviewed_at timestamptz,
      review_comment text,
      primary key (round_id, unit_id)
    )`.execute(db);
  await sql`
    create table indicator_round_entries (
      round_id uuid not null references indicator_rounds(id) on delete cascade,
      unit_id uuid not null references units(id) on delete cascade,
      node_key text not null,
      region_id uuid not null references regions(id) on delete cascade,
      value double precision not null,
      evidence text not null default '',
      entered_by uuid references users(id) on delete set null,
      entered_by_name text,
      entered_at timestamptz not null default now(),
      primary key (round_id, node_key, region_id)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table indicator_round_entries`.execute(db);
  await sql`drop table indicator_round_units`.execute(db);
  await sql`drop table indicator_rounds`.execute(db);
}
