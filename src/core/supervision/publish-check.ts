/**
 * What the office should know before publishing a plan (下达): which measures' lead units are not in the
 * registry, and how many tasks would be overdue the moment they are created. Pure.
 */

/** A measure whose lead unit cannot become a task owner. */
export interface UnresolvedLead {
  /** The measure's number as printed, e.g. "3.2". */
  number: string;
  /** The printed unit name, or null when the measure names no lead unit at all. */
  printed: string | null;
}

/**
 * One sentence naming the unmatched printed units and the measures that print them, grouped by unit, e.g.
 * `「试点城市政府」（举措 1.2、3.4）；举措 5.1 未写明牵头单位`. At most `maxUnits` units are named, then "等 N 个".
 * @param items the unresolved leads, in plan order
 * @param maxUnits how many distinct printed names to spell out (default 8)
 * @returns the sentence, or '' for no items
 */
export function describeUnresolvedLeads(items: readonly UnresolvedLead[], maxUnits = 8): string {
  const byUnit = new Map<string, string[]>();
  const none: string[] = [];
  for (const item of items) {
    if (item.printed === null) {
      if (!none.includes(item.number)) none.push(item.number);
      continue;
    }
    const numbers = byUnit.get(item.printed) ?? [];
    if (!numbers.includes(item.number)) numbers.push(item.number);
    byUnit.set(item.printed, numbers);
  }
  const parts = [...byUnit.entries()].slice(0, maxUnits).map(([printed, numbers]) => `「${printed}」（举措 ${numbers.join('、')}）`);
  if (byUnit.size > maxUnits) parts.push(`等 ${byUnit.size} 个单位`);
  if (none.length > 0) parts.push(`举措 ${none.join('、')} 未写明牵头单位`);
  return parts.join('；');
}

/**
 * How many of the due dates lie before today (ISO dates compare as strings).
 * @param dues each task's due date (YYYY-MM-DD)
 * @param today the office's today (YYYY-MM-DD)
 * @returns the count of dues strictly before today
 */
export function countPastDue(dues: readonly string[], today: string): number {
  return dues.filter((d) => d < today).length;
}
