import { ratesFromCounts, type AppealRates } from '../../../core/appeals/index.ts';
import { registerProvider, type ProviderContext } from '../indicators/indicators.providers.ts';
import { aggregateRates } from './appeals.queries.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * Indicators computed from the appeals (企业诉求 三率): per evaluated region, the appeals received in the period in
 * its subtree, rated as the 三率 page rates them (ratesFromCounts, exclusions applied). A region with no rated case
 * gets no value (missing, never 0).
 */
const DAY_MS = 86_400_000;

async function ratesPerRegion(db: Kysely<Database>, ctx: ProviderContext): Promise<Map<string, AppealRates>> {
  const from = new Date(`${ctx.from}T00:00:00+08:00`);
  const to = new Date(new Date(`${ctx.to}T00:00:00+08:00`).getTime() + DAY_MS);
  const out = new Map<string, AppealRates>();
  for (const region of ctx.regions) {
    const rows = await aggregateRates(db, { kind: 'subtree', path: region.path }, 'region', from, to);
    const c = { total: 0, excluded: 0, dispatched: 0, signedOnTime: 0, replied: 0, repliedOnTime: 0, closed: 0, closedOnTime: 0, verdicts: 0, solved: 0, rated: 0, satisfied: 0 };
    for (const r of rows) {
      c.total += r.total; c.excluded += r.excluded; c.dispatched += r.dispatched; c.signedOnTime += r.signed_on_time; c.replied += r.replied; c.repliedOnTime += r.replied_on_time;
      c.closed += r.closed; c.closedOnTime += r.closed_on_time; c.verdicts += r.verdicts; c.solved += r.solved; c.rated += r.rated; c.satisfied += r.satisfied;
    }
    if (c.total > 0) out.set(region.id, ratesFromCounts(c, 1));
  }
  return out;
}

const pick = (which: 'response' | 'resolution' | 'satisfaction') => async (db: Kysely<Database>, ctx: ProviderContext) => {
  const rates = await ratesPerRegion(db, ctx);
  const out = new Map<string, number>();
  for (const [id, r] of rates) if (r[which].value !== null && r[which].denominator > 0) out.set(id, 100 * r[which].value);
  return out;
};

registerProvider({
  id: 'appeals.response-rate',
  label: '企业诉求响应率',
  unitLabel: '%',
  direction: 'higher',
  period: 'year',
  scope: 'region-subtree',
  query: 'appeals.aggregateRates over the region subtree, appeals received in the period: signed on time ÷ dispatched × 100',
  compute: pick('response'),
});

registerProvider({
  id: 'appeals.resolution-rate',
  label: '企业诉求解决率',
  unitLabel: '%',
  direction: 'higher',
  period: 'year',
  scope: 'region-subtree',
  query: 'appeals.aggregateRates over the region subtree: solved ÷ call-back verdicts × 100 (excluded appeals left out)',
  compute: pick('resolution'),
});

registerProvider({
  id: 'appeals.satisfaction-rate',
  label: '企业诉求满意率',
  unitLabel: '%',
  direction: 'higher',
  period: 'year',
  scope: 'region-subtree',
  query: 'appeals.aggregateRates over the region subtree: satisfied (rating ≥ 3 or satisfied at call-back) ÷ rated × 100',
  compute: pick('satisfaction'),
});
