import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';

/** A category (with limits) in a region and, when a unit is given, its dispatch catalogue entry. */
export async function buildAppealCategory(
  db: Kysely<Database>,
  regionId: string,
  overrides: { code?: string; name?: string; unitId?: string; keywords?: string[]; signDays?: number; replyDays?: number; resolveDays?: number; legalBasis?: string } = {},
) {
  const category = await db
    .insertInto('appeal_categories')
    .values({
      region_id: regionId,
      code: overrides.code ?? `cat-${Math.random().toString(36).slice(2, 8)}`,
      name: overrides.name ?? '市场准入',
      sign_days: overrides.signDays ?? 1,
      reply_days: overrides.replyDays ?? 3,
      resolve_days: overrides.resolveDays ?? 15,
      keywords: overrides.keywords ?? [],
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (overrides.unitId) {
    await db.insertInto('appeal_catalogue').values({ category_id: category.id, unit_id: overrides.unitId, legal_basis: overrides.legalBasis ?? '权责清单第12项：企业登记注册', keywords: overrides.keywords ?? [] }).execute();
  }
  return category;
}
