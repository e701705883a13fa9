import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudits } from '../modules/audit/audit.service.ts';
import { DEFAULT_TREE_DESCRIPTION, DEFAULT_TREE_NAME, defaultTreeNodes } from '../modules/indicators/default-tree.data.ts';
import { findProvider } from '../modules/indicators/indicators.providers.ts';
import { insertNodes, insertRound, insertRoundUnits, insertSystem, listChildRegions, listNodes, upsertRoundEntries, upsertValues, type ValueUpsert } from '../modules/indicators/indicators.queries.ts';
import { periodRange, resolveUnitHints, toRows } from '../modules/indicators/indicators.service.ts';
import { notifyUnit } from '../modules/supervision/supervision.notify.ts';
import { officeToday } from '../modules/supervision/supervision.clock.ts';
import type { SeedContext, SeedStep } from './demo-seeder.ts';
import { scanAlerts } from '../modules/indicators/alerts.service.ts';
import { actorOf } from './supervision-seeder.ts';

const SEEDER = { id: null, name: 'demo-seeder' };

/** A small deterministic PRNG (mulberry32), so the demo tells the same story on every install. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Demo indicators: the default NDRC template for the office's city, three years of values for the city's child
 * regions (the two past years imported from 年报, this year partly computed from the demo tasks and partly
 * collected), and one collection round open for this year in which the market bureau (the `unit` account) has
 * not filled its leaves yet. The story: regions start at different levels; the first improves steadily, the
 * last slips on 纳税 two years running (a monitoring alert), all close part of the gap each year.
 */
export async function seedIndicators({ trx, ids }: SeedContext, now: Date = new Date()): Promise<void> {
  const cityId = ids.get('region:city');
  if (!cityId) return;
  const city = await trx.selectFrom('regions').select(['id', 'path']).where('id', '=', cityId).executeTakeFirstOrThrow();
  const regions = await listChildRegions(trx, cityId);
  const template = defaultTreeNodes();
  const units = await resolveUnitHints(trx, city.path, template);
  const marketId = ids.get('unit:market');
  const { id: systemId } = await insertSystem(trx, { region_id: cityId, lineage_id: randomUUID(), version: 1, name: DEFAULT_TREE_NAME, description: DEFAULT_TREE_DESCRIPTION, is_template: true, frontier_note: '前沿值（最优/最差）在本方法版本内固定，各年得分可比。', created_by: null });
  await insertNodes(trx, systemId, toRows(template, units));
  ids.set('indicator-system:default', systemId);
  const nodes = await listNodes(trx, systemId);
  const leaves = nodes.filter((n) => n.is_leaf);

  const today = officeToday(now);
  const year = Number(today.slice(0, 4));
  const years = [year - 2, year - 1, year];
  const r = prng(20261203);
  // Per region: starting level, yearly improvement; per leaf: a fixed offset (some leaves are weak everywhere).
  const profile = regions.map((_, i) => ({ base: 0.52 + 0.12 * ((i * 7) % 4) / 3 + 0.04 * r(), gain: i === 0 ? 0.09 : 0.03 + 0.03 * r() }));
  const leafOffset = new Map(leaves.map((l) => [l.key, (r() - 0.5) * 0.3]));
  const values: ValueUpsert[] = [];
  const entered = (y: number) => new Date(Date.UTC(y, y === year ? now.getUTCMonth() : 11, y === year ? Math.max(1, now.getUTCDate() - 3) : 20, 2));
  for (const [yi, y] of years.entries()) {
    regions.forEach((region, ri) => {
      const p = profile[ri];
      for (const l of leaves) {
        if (l.provider) continue;
        // This year: the market bureau's leaves are still being collected (the open round).
        if (y === year && l.responsible_unit_id === marketId) continue;
        let f = p.base + p.gain * yi + (leafOffset.get(l.key) ?? 0) + (r() - 0.5) * 0.08;
        if (ri === regions.length - 1 && l.parent_key === 'L13') f -= 0.12 * yi;
        f = Math.min(1, Math.max(0, f));
        const v = l.worst! + (l.best! - l.worst!) * f;
        const digits = Math.abs(l.worst! - l.best!) >= 100 ? 0 : Math.abs(l.worst! - l.best!) >= 10 ? 1 : 2;
        values.push({
          system_id: systemId, node_key: l.key, region_id: region.id, period: String(y), value: Number(v.toFixed(digits)),
          source: y === year ? 'round' : 'import', round_id: null, evidence: y === year ? '本年度填报' : `${y}年度营商环境统计年报`,
          entered_by: null, entered_by_name: y === year ? '各责任单位' : '营商办 王主任', entered_at: entered(y),
        });
      }
    });
  }
  // Computed leaves: this year from the demo tasks (supervision service); earlier years from the yearly ledgers.
  for (const l of leaves.filter((x) => x.provider)) {
    const provider = findProvider(l.provider!);
    const { from, to } = periodRange(String(year), today);
    const got = provider ? await provider.compute(trx, { regions, period: String(year), from, to }) : new Map<string, number>();
    regions.forEach((region, ri) => {
      const current = got.get(region.id) ?? 60 + 10 * profile[ri].base;
      for (const [yi, y] of years.entries()) {
        const v = y === year ? current : Math.max(40, current - (2 - yi) * (6 + 4 * r()));
        values.push({ system_id: systemId, node_key: l.key, region_id: region.id, period: String(y), value: Math.round(v * 100) / 100, source: y === year && got.has(region.id) ? 'computed' : 'import', round_id: null, evidence: y === year && got.has(region.id) ? `自动计算：${provider?.label ?? ''}` : `${y}年度督查台账`, entered_by: null, entered_by_name: 'system', entered_at: entered(y) });
      }
    });
  }
  await upsertValues(trx, values);

  // The open round for this year: every unit with manual leaves is asked; all but the market bureau are done.
  const manual = leaves.filter((l) => !l.provider && l.responsible_unit_id);
  const asked = [...new Set(manual.map((l) => l.responsible_unit_id!))];
  const { id: roundId } = await insertRound(trx, { system_id: systemId, region_id: cityId, period: String(year), title: `${year}年度营商环境指标填报`, due_date: periodRange(String(year), `${year}-12-31`).to, created_by: null });
  ids.set('indicator-round:open', roundId);
  await insertRoundUnits(trx, roundId, asked);
  const others = asked.filter((u) => u !== marketId);
  if (others.length) await trx.updateTable('indicator_round_units').set({ status: 'accepted', submitted_at: entered(year), reviewed_at: entered(year) }).where('round_id', '=', roundId).where('unit_id', 'in', others).execute();
  await trx.updateTable('indicator_values').set({ round_id: roundId }).where('system_id', '=', systemId).where('period', '=', String(year)).where('source', '=', 'round').execute();
  const entries = values.filter((v) => v.period === String(year) && v.source === 'round').map((v) => ({ round_id: roundId, unit_id: manual.find((l) => l.key === v.node_key)!.responsible_unit_id!, node_key: v.node_key, region_id: v.region_id, value: v.value, evidence: v.evidence, entered_by: null as unknown as string, entered_by_name: '各责任单位', entered_at: v.entered_at }));
  await upsertRoundEntries(trx, entries);
  if (marketId && asked.includes(marketId)) {
    await notifyUnit(trx, marketId, { kind: 'indicator_round', title: `请填报：${year}年度营商环境指标填报`, body: `本单位负责的 ${manual.filter((l) => l.responsible_unit_id === marketId).length} 项指标待填报。`, regionId: cityId, entity: 'indicator_round', entityId: roundId, at: now });
  }

  // Monitoring rules and one plan target linked to 开办时间 when a demo measure talks about it.
  await trx.insertInto('indicator_alert_rules').values([
    { system_id: systemId, node_key: '__composite__', kind: 'below', threshold: 60, created_by: null },
    { system_id: systemId, node_key: 'L13', kind: 'wrong_way', threshold: null, created_by: null },
    { system_id: systemId, node_key: 'L01.2', kind: 'misses_target', threshold: null, created_by: null },
  ]).execute();
  const measure = await trx
    .selectFrom('plan_measures as m')
    .innerJoin('plans as p', 'p.id', 'm.plan_id')
    .select(['m.id'])
    .where('p.region_id', '=', cityId)
    .where(sql<boolean>`m.text like '%开办%'`)
    .orderBy('m.seq')
    .executeTakeFirst();
  if (measure) await trx.insertInto('indicator_target_links').values({ system_id: systemId, node_key: 'L01.2', measure_id: measure.id, target: 1, target_text: '≤ 1 个工作日', created_by: null }).execute();

  // The monitoring scan of the last two years, as the office would run it, so the alerts panel shows the story.
  const office = await actorOf(trx, ids.get('user:office'));
  if (office) for (const y of [year - 1, year]) await scanAlerts(trx, office, { systemId, period: String(y) }, now);

  await recordAudits(trx, [
    { actor: SEEDER, action: 'seed', entity: 'indicator_system', entityId: systemId, regionId: cityId, at: now, after: { leaves: leaves.length, regions: regions.length, values: values.length, years } },
    { actor: SEEDER, action: 'seed', entity: 'indicator_round', entityId: roundId, regionId: cityId, at: now, after: { period: String(year), units: asked.length } },
  ]);
}

export const indicatorSeedStep: SeedStep = {
  name: 'indicators',
  run: (ctx) => seedIndicators(ctx),
};
