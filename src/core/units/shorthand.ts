import { normalizeUnitName, type NormalizeUnitOptions, type NormalizedUnitName } from './normalize.ts';

/** One printed entry of a unit list with its shorthand expanded. */
export interface ExpandedUnit {
  /** The entry exactly as printed. */
  printed: string;
  /** The entry taken apart (see `normalizeUnitName`). */
  normalized: NormalizedUnitName;
  /** Region that applies: the entry's own, or the one inherited from an earlier entry; null if none. */
  region: string | null;
  /** True when `region` was inherited from an earlier entry of the list. */
  inherited: boolean;
  /** Region + core as printed: '司法局' after '州公安局' -> '州司法局'. */
  expanded: string;
  /** Region + dictionary canonical core: '发改委' after '州公安局' -> '州发展和改革委员会'. */
  canonical: string;
}

/** Options of `expandShorthand`. */
export interface ExpandShorthandOptions extends NormalizeUnitOptions {
  /**
   * Region prefix in force before the first entry (e.g. the last prefix of the lead-unit list when
   * expanding the cooperating list of the same measure). Default none.
   */
  initialRegion?: string | null;
}

/**
 * Expand shorthand in a printed unit list. Plans print a region prefix once and drop it for the
 * following units of the same government: in "州公安局、司法局、人社局" the bare 司法局 and 人社局 are
 * the 州's. An entry inherits the prefix of the nearest earlier entry that printed one when it has
 * no region of its own, is not a collective placeholder (各县市人民政府) and names a department (in
 * the dictionary or ending in 局/委/办/中心/…). Regions found inside a name (人民银行巴州中心支行)
 * are not passed on. Never throws.
 *
 * @param list entries as printed, in printed order
 * @param opts dictionary, known places, and a prefix in force before the list
 * @returns one result per entry, same order and length
 * @example
 * expandShorthand(['州公安局', '司法局', '各县市人民政府']).map((u) => u.expanded)
 * // ['州公安局', '州司法局', '各县市人民政府']
 */
export function expandShorthand(list: readonly string[], opts: ExpandShorthandOptions = {}): ExpandedUnit[] {
  let current: string | null = opts.initialRegion ?? null;
  const out: ExpandedUnit[] = [];
  for (const printed of list) {
    const n = normalizeUnitName(printed, opts);
    let region = n.region;
    let inherited = false;
    // A region inside the name (人民银行巴州中心支行, 团市委) or a bare place (库尔勒市) is not a prefix
    // that later entries could be abbreviating.
    const embedded = region !== null && !n.text.startsWith(region);
    if (region !== null) {
      if (!embedded && n.text !== region) current = region;
    } else if (current !== null && inheritsPrefix(n)) {
      region = current;
      inherited = true;
    }
    out.push({
      printed,
      normalized: n,
      region,
      inherited,
      expanded: inherited ? region + n.core : n.text,
      canonical: (region ?? '') + n.canonicalCore,
    });
  }
  return out;
}

const DEPARTMENT_LIKE = /(?:局|委|办|中心|院|部|厅|委员会|办公室|站|队|会|处|室|馆|社|联)$/u;

function inheritsPrefix(n: NormalizedUnitName): boolean {
  if (n.collective || !n.core) return false;
  return n.entry !== null || DEPARTMENT_LIKE.test(n.core);
}
