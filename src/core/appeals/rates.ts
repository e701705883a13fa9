/** One appeal's facts for the 三率 and on-time rates. */
export interface RateFacts {
  /** Dispatched to a unit at least once. */
  dispatched: boolean;
  /** Signed within the sign limit (响应). */
  signedOnTime: boolean;
  replied: boolean;
  repliedOnTime: boolean;
  closed: boolean;
  closedOnTime: boolean;
  /** Call-back verdict; null when not called back. */
  solved: boolean | null;
  satisfied: boolean | null;
  /** 1..5 or null. */
  rating: number | null;
  /** Set only by a recorded review (unreasonable, litigation, …). */
  excluded: boolean;
}

export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator / denominator, null when the denominator is 0. */
  value: number | null;
  /** 95 % Wilson interval, null when the denominator is 0. */
  low: number | null;
  high: number | null;
  /** Fewer cases than the minimum: show, do not rank. */
  small: boolean;
}

export interface AppealRates {
  total: number;
  excluded: number;
  /** 响应率: signed on time / dispatched. */
  response: Rate;
  /** 解决率: solved at call-back / called back (excluded appeals left out). */
  resolution: Rate;
  /** 满意率: rated ≥ 3, else satisfied at call-back / with a verdict (excluded left out). */
  satisfaction: Rate;
  /** 按时答复率 and 按时办结率. */
  replyOnTime: Rate;
  closeOnTime: Rate;
}

/** Default minimum cases for a rate to be ranked (the §4 complaint: one case must not sink a unit). */
export const DEFAULT_MIN_CASES = 5;

/**
 * A rate with its 95 % Wilson interval.
 *
 * @example rate(9, 10, 5) // { value: 0.9, low: ≈0.596, high: ≈0.982, small: false, … }
 */
export function rate(numerator: number, denominator: number, minCases = DEFAULT_MIN_CASES): Rate {
  if (denominator === 0) return { numerator, denominator, value: null, low: null, high: null, small: true };
  const p = numerator / denominator;
  const z = 1.96;
  const z2 = z * z;
  const centre = (p + z2 / (2 * denominator)) / (1 + z2 / denominator);
  const half = (z * Math.sqrt((p * (1 - p)) / denominator + z2 / (4 * denominator * denominator))) / (1 + z2 / denominator);
  return { numerator, denominator, value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half), small: denominator < minCases };
}

/** Satisfaction of one appeal: the rating when there is one, else the call-back verdict, else unknown. */
export function satisfactionOf(f: Pick<RateFacts, 'rating' | 'satisfied'>): boolean | null {
  if (f.rating !== null) return f.rating >= 3;
  return f.satisfied;
}

/**
 * The 三率 and on-time rates of a group of appeals. Excluded appeals (marked by a recorded review) leave the
 * 解决率 and 满意率 denominators; they still count for 响应率 and the on-time rates, since a unit must still sign
 * and reply to them.
 *
 * @param facts the group's appeals
 * @param minCases below this denominator a rate is flagged `small`
 */
export function computeRates(facts: readonly RateFacts[], minCases = DEFAULT_MIN_CASES): AppealRates {
  let dispatched = 0, signedOnTime = 0, replied = 0, repliedOnTime = 0, closed = 0, closedOnTime = 0;
  let verdicts = 0, solved = 0, rated = 0, satisfied = 0, excluded = 0;
  for (const f of facts) {
    if (f.excluded) excluded += 1;
    if (f.dispatched) { dispatched += 1; if (f.signedOnTime) signedOnTime += 1; }
    if (f.replied) { replied += 1; if (f.repliedOnTime) repliedOnTime += 1; }
    if (f.closed) { closed += 1; if (f.closedOnTime) closedOnTime += 1; }
    if (f.excluded) continue;
    if (f.solved !== null) { verdicts += 1; if (f.solved) solved += 1; }
    const s = satisfactionOf(f);
    if (s !== null) { rated += 1; if (s) satisfied += 1; }
  }
  return ratesFromCounts({ total: facts.length, excluded, dispatched, signedOnTime, replied, repliedOnTime, closed, closedOnTime, verdicts, solved, rated, satisfied }, minCases);
}

/** Counts behind the rates, as a database aggregate returns them (excluded appeals already left out of verdicts/rated). */
export interface RateCounts {
  total: number;
  excluded: number;
  dispatched: number;
  signedOnTime: number;
  replied: number;
  repliedOnTime: number;
  closed: number;
  closedOnTime: number;
  verdicts: number;
  solved: number;
  rated: number;
  satisfied: number;
}

/** The rates from aggregated counts (same definitions as {@link computeRates}). */
export function ratesFromCounts(c: RateCounts, minCases = DEFAULT_MIN_CASES): AppealRates {
  return {
    total: c.total,
    excluded: c.excluded,
    response: rate(c.signedOnTime, c.dispatched, minCases),
    resolution: rate(c.solved, c.verdicts, minCases),
    satisfaction: rate(c.satisfied, c.rated, minCases),
    replyOnTime: rate(c.repliedOnTime, c.replied, minCases),
    closeOnTime: rate(c.closedOnTime, c.closed, minCases),
  };
}

/** Weights of the composite score (response / resolution / satisfaction); Beijing's weights are unverified (§2.1), so equal. */
export const DEFAULT_RATE_WEIGHTS = Object.freeze({ response: 1 / 3, resolution: 1 / 3, satisfaction: 1 / 3 });

export interface RankedGroup<K> {
  key: K;
  rates: AppealRates;
  /** Weighted 三率 composite 0..100, null when any rate is missing. */
  score: number | null;
  /** 1-based rank among groups with enough cases; null for small groups (flagged, not ranked). */
  rank: number | null;
  small: boolean;
}

/**
 * Ranks groups by their 三率 composite; a group whose any rate is `small` is flagged and left unranked.
 * Ties share a rank (1, 1, 3).
 */
export function rankGroups<K>(groups: readonly { key: K; rates: AppealRates }[], weights = DEFAULT_RATE_WEIGHTS): RankedGroup<K>[] {
  const scored = groups.map((g) => {
    const { response, resolution, satisfaction } = g.rates;
    const small = response.small || resolution.small || satisfaction.small;
    const score = response.value === null || resolution.value === null || satisfaction.value === null
      ? null
      : Math.round((response.value * weights.response + resolution.value * weights.resolution + satisfaction.value * weights.satisfaction) * 1000) / 10;
    return { key: g.key, rates: g.rates, score, small, rank: null as number | null };
  });
  const rankable = scored.filter((g) => !g.small && g.score !== null).sort((a, b) => (b.score as number) - (a.score as number));
  rankable.forEach((g, i) => {
    g.rank = i > 0 && rankable[i - 1].score === g.score ? rankable[i - 1].rank : i + 1;
  });
  return scored.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (b.score ?? -1) - (a.score ?? -1));
}
