import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '../../src/core/enterprise/credit-code.ts';
import type { Enterprise, SizeClass } from '../../src/server/db/schema-enterprises.ts';
import type { Database, Region, RegionKind, Role, Unit, UnitKind, User } from '../../src/server/db/schema.ts';
import { hashPassword } from '../../src/server/modules/auth/auth.passwords.ts';
import { findRegionById, insertRegion } from '../../src/server/modules/regions/regions.queries.ts';
import { insertUnit } from '../../src/server/modules/units/units.queries.ts';
import { insertUser } from '../../src/server/modules/users/users.queries.ts';

export const FACTORY_PASSWORD = 'factory-password-1';

let passwordHash: Promise<string> | undefined;
const factoryHash = () => (passwordHash ??= hashPassword(FACTORY_PASSWORD, 1024));

const suffix = () => randomUUID().slice(0, 8);

/** A region; without `parentId` a new root (city), which isolates the test's rows. */
export async function buildRegion(db: Kysely<Database>, overrides: { parentId?: string; name?: string; kind?: RegionKind; code?: string | null } = {}): Promise<Region> {
  const parent = overrides.parentId ? await findRegionById(db, overrides.parentId) : undefined;
  if (overrides.parentId && !parent) throw new Error(`buildRegion: no parent ${overrides.parentId}`);
  const id = randomUUID();
  return insertRegion(db, {
    id,
    name: overrides.name ?? `区域-${suffix()}`,
    code: overrides.code ?? null,
    kind: overrides.kind ?? (parent ? 'county' : 'city'),
    parent_id: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`,
    updated_at: new Date(),
  });
}

export async function buildUnit(db: Kysely<Database>, overrides: { regionId?: string; name?: string; kind?: UnitKind; aliases?: string[]; shortName?: string | null } = {}): Promise<Unit> {
  const regionId = overrides.regionId ?? (await buildRegion(db)).id;
  const { id } = await insertUnit(db, {
    region_id: regionId,
    name: overrides.name ?? `单位-${suffix()}`,
    short_name: overrides.shortName ?? null,
    kind: overrides.kind ?? 'department',
    aliases: overrides.aliases ?? [],
    updated_at: new Date(),
  });
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export interface BuiltUser extends User {
  password: string;
}

/**
 * A user with the factory password. A unit user gets a unit (and its region) when none is given;
 * office and leader users get a region; admins get neither.
 */
export async function buildUser(
  db: Kysely<Database>,
  overrides: { role?: Role; unitId?: string; regionId?: string; enterpriseId?: string; username?: string; disabled?: boolean; displayName?: string } = {},
): Promise<BuiltUser> {
  const role = overrides.role ?? 'unit';
  let unitId = overrides.unitId ?? null;
  let regionId = overrides.regionId ?? null;
  let enterpriseId = overrides.enterpriseId ?? null;
  if (role === 'enterprise' && !enterpriseId) enterpriseId = (await buildEnterprise(db, { regionId: regionId ?? undefined })).id;
  if (enterpriseId && !regionId) regionId = (await db.selectFrom('enterprises').select('region_id').where('id', '=', enterpriseId).executeTakeFirstOrThrow()).region_id;
  if (role === 'unit' && !unitId) unitId = (await buildUnit(db, { regionId: regionId ?? undefined })).id;
  if (unitId && !regionId) regionId = (await db.selectFrom('units').select('region_id').where('id', '=', unitId).executeTakeFirstOrThrow()).region_id;
  if ((role === 'office' || role === 'leader') && !regionId) regionId = (await buildRegion(db)).id;
  const username = overrides.username ?? `${role}-${suffix()}`;
  const { id } = await insertUser(db, {
    username,
    display_name: overrides.displayName ?? username,
    role,
    unit_id: unitId,
    region_id: regionId,
    enterprise_id: enterpriseId,
    password_hash: await factoryHash(),
    disabled: overrides.disabled ?? false,
    updated_at: new Date(),
    password_changed_at: new Date(),
  });
  const user = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { ...user, password: FACTORY_PASSWORD };
}

/** A valid 统一社会信用代码 that no other call returns in this process (random organisation part, region digits given). */
export function makeCreditCode(regionCode = '110105'): string {
  const body = Array.from({ length: 9 }, () => CREDIT_CODE_ALPHABET[Math.floor(Math.random() * CREDIT_CODE_ALPHABET.length)]).join('');
  const first17 = `91${regionCode}${body}`;
  return first17 + creditCodeCheckChar(first17);
}

/** An enterprise with a valid credit code; without `regionId` in a new region. */
export async function buildEnterprise(
  db: Kysely<Database>,
  overrides: { regionId?: string; name?: string; creditCode?: string; industryCode?: string | null; sizeClass?: SizeClass | null; establishedOn?: string | null } = {},
): Promise<Enterprise> {
  const regionId = overrides.regionId ?? (await buildRegion(db)).id;
  return db
    .insertInto('enterprises')
    .values({
      region_id: regionId,
      credit_code: overrides.creditCode ?? makeCreditCode(),
      name: overrides.name ?? `测试企业-${suffix()}有限公司`,
      industry_code: overrides.industryCode === undefined ? 'C3311' : overrides.industryCode,
      size_class: overrides.sizeClass === undefined ? 'small' : overrides.sizeClass,
      established_on: overrides.establishedOn === undefined ? '2018-06-01' : overrides.establishedOn,
      updated_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface AuthHeaders extends Record<string, string> {
  cookie: string;
  'x-csrf-token': string;
}

/** Logs in through the API; returns the headers an authenticated browser would send. */
export async function loginAs(app: FastifyInstance, user: { username: string; password: string }): Promise<AuthHeaders> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: user.password } });
  if (res.statusCode !== 200) throw new Error(`loginAs ${user.username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'ys_sid');
  if (!cookie) throw new Error('loginAs: no ys_sid cookie');
  return { cookie: `ys_sid=${cookie.value}`, 'x-csrf-token': res.json().csrfToken };
}

/** Cookie only: what a cross-site form post would carry. */
export const withoutCsrf = (headers: AuthHeaders) => ({ cookie: headers.cookie });
