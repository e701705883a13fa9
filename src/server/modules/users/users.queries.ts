import { sql, type Kysely } from 'kysely';
import type { Database, NewUser, Role, UserUpdate } from '../../db/schema.ts';
import type { Scope } from '../auth/auth.actor.ts';

export interface UserFilter {
  q?: string;
  role?: Role;
  offset: number;
  limit: number;
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function usersWithPlacement(db: Kysely<Database>) {
  return db
    .selectFrom('users as u')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .leftJoin('regions as r', 'r.id', 'u.region_id');
}

const PLACEMENT_COLUMNS = ['un.name as unit_name', 'r.name as region_name', 'r.path as region_path'] as const;

export async function listUsersInScope(db: Kysely<Database>, scope: Scope, filter: UserFilter) {
  let query = usersWithPlacement(db);
  if (scope.kind === 'subtree') query = query.where('r.path', 'like', `${scope.path}%`).where('u.role', '<>', 'admin');
  else if (scope.kind === 'unit') query = query.where('u.unit_id', '=', scope.unitId);
  else if (scope.kind === 'none') query = query.where(sql<boolean>`false`);
  if (filter.role) query = query.where('u.role', '=', filter.role);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) => eb.or([eb('u.username', 'ilike', pattern), eb('u.display_name', 'ilike', pattern)]));
  }
  const [rows, count] = await Promise.all([
    query.selectAll('u').select(PLACEMENT_COLUMNS).orderBy('u.username').offset(filter.offset).limit(filter.limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function findUserWithPlacementById(db: Kysely<Database>, id: string) {
  return usersWithPlacement(db).selectAll('u').select(PLACEMENT_COLUMNS).where('u.id', '=', id).executeTakeFirst();
}

export type UserWithPlacement = NonNullable<Awaited<ReturnType<typeof findUserWithPlacementById>>>;

export function insertUser(db: Kysely<Database>, user: NewUser) {
  return db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
}

export async function updateUserById(db: Kysely<Database>, id: string, update: UserUpdate): Promise<void> {
  await db.updateTable('users').set(update).where('id', '=', id).execute();
}

// Serialises first-run setup so two simultaneous requests cannot both create "the first admin".
const SETUP_LOCK = 0x79737375; // "yssu"

export async function lockSetup(db: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${SETUP_LOCK})`.execute(db);
}
