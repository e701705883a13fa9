import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table indicator_alert_rules (
      id uuid primary key default gen_random_uuid(),
      system_id uuid not null references indicator_systems(id) on delete cascade,
      node_key text not null,
      kind text not null check (kind in ('below', 'wrong_way', 'misses_target')),
      threshold double precision,
      open_task boolean not null default false,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table indicator_alerts (
      id uuid primary key default gen_random_uuid(),
      rule_id uuid not null references indicator_alert_rules(id) on delete cascade,
      region_id uuid not null references regions(id) on delete cascade,
      period text not null,
      message text not null,
      created_at timestamptz not null default now(),
      unique (rule_id, region_id, period)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table indicator_alerts`.execute(db);
  await sql`drop table indicator_alert_rules`.execute(db);
}
