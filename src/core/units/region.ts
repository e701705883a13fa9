import { foldUnitText } from './fold.ts';

/** Where a unit belongs, as far as its name and registry entry tell. */
export interface RegionInfo {
  /** Comparable place key ('定西', '巴音郭楞蒙古'), or null when the place is unknown. */
  key: string | null;
  /** Administrative level character (市, 州, 县, 区, 省, 盟, 旗), or null when unknown. */
  level: string | null;
}

/** How a printed name's region relates to a registry unit's region. */
export type RegionRelation = 'same' | 'different' | 'unknown';

const PROVINCE =
  /^(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门)(?:维吾尔自治区|壮族自治区|回族自治区|自治区|省|市)?/u;
const PLACE_SUFFIX = /(?:自治州|自治县|自治区|自治旗|地区|省|市|州|县|区|盟|旗)$/u;
const LEVELS = '省市州县区盟旗';

/**
 * The level character of a place name: '定西市' -> '市', '巴音郭楞蒙古自治州' -> '州', '兰州新区' -> '区'.
 *
 * @param place a place name or a level prefix ('州县' -> '州')
 * @returns the level character, or null when the name carries none
 * @example
 * levelOf('尉犁县') // '县'
 */
export function levelOf(place: string): string | null {
  const p = foldUnitText(place);
  if (p.length > 0 && p.length <= 3 && [...p].every((c) => LEVELS.includes(c))) return p[0];
  const last = p.at(-1);
  return last && LEVELS.includes(last) ? last : null;
}

/**
 * A comparable key for a place name: province prefix (when something remains), then the level
 * suffix removed, after applying caller aliases. '新疆巴州' -> '巴', '巴音郭楞蒙古自治州' -> '巴音郭楞蒙古',
 * '定西市' -> '定西'. Keys are compared by equality or prefix (see `relateRegions`).
 *
 * @param place place name as printed
 * @param aliases folded alias -> official place name (e.g. { 巴州: '巴音郭楞蒙古自治州' })
 * @returns the key, or null for an empty or level-only name
 * @example
 * placeKey('定西市') // '定西'
 */
export function placeKey(place: string, aliases: Readonly<Record<string, string>> = {}): string | null {
  let p = foldUnitText(place);
  p = aliases[p] !== undefined ? foldUnitText(aliases[p]) : p;
  if (!p || [...p].every((c) => LEVELS.includes(c))) return null;
  const noProvince = p.replace(PROVINCE, '');
  if (noProvince.length > 0) p = noProvince;
  const noSuffix = p.replace(PLACE_SUFFIX, '');
  return noSuffix.length > 0 ? noSuffix : p;
}

/**
 * Relate two regions: same place (equal keys, or one key a prefix of the other, as 巴州 and
 * 巴音郭楞蒙古自治州, at the same level or an unknown one), different (both keys known and unrelated,
 * or different levels), or unknown.
 *
 * @param a one region
 * @param b the other
 * @returns the relation
 * @example
 * relateRegions({ key: '巴', level: '州' }, { key: '巴音郭楞蒙古', level: '州' }) // 'same'
 */
export function relateRegions(a: RegionInfo, b: RegionInfo): RegionRelation {
  if (a.key !== null && b.key !== null) {
    // Levels must agree too: 兰州新区 (区) is not 兰州市 (市) although one key extends the other.
    const levelsAgree = a.level === null || b.level === null || a.level === b.level;
    const keysAgree = a.key === b.key || a.key.startsWith(b.key) || b.key.startsWith(a.key);
    return keysAgree && levelsAgree ? 'same' : 'different';
  }
  if (a.level !== null && b.level !== null && a.level !== b.level) return 'different';
  return 'unknown';
}

/**
 * Resolve a region as it appears in a unit name against the plan's region: a level-only prefix
 * (市 in a 定西市 plan) means the plan's region when the levels agree.
 *
 * @param region region prefix or place ('州', '定西市') or null
 * @param planRegion the region the plan (or registry) belongs to, if known
 * @param aliases place aliases, see `placeKey`
 * @returns comparable region info
 * @example
 * regionInfo('州', '巴音郭楞蒙古自治州') // { key: '巴音郭楞蒙古', level: '州' }
 */
export function regionInfo(
  region: string | null,
  planRegion: string | null | undefined,
  aliases: Readonly<Record<string, string>> = {},
): RegionInfo {
  if (region === null || region === '') return { key: null, level: null };
  const key = placeKey(region, aliases);
  const level = levelOf(region);
  if (key !== null) return { key, level };
  if (planRegion && level !== null && levelOf(planRegion) === level) return { key: placeKey(planRegion, aliases), level };
  return { key: null, level };
}
