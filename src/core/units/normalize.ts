import type { DepartmentEntry } from './dictionary.ts';
import { foldUnitText } from './fold.ts';
import { DEFAULT_LOOKUP, type DepartmentLookup } from './lookup.ts';

/** How the region part of a unit name was written. */
export type RegionKind =
  /** only the administrative level: 市, 州, 县, "州县" (= the plan's own region at that level) */
  | 'level'
  /** a place name: 定西市, 巴音郭楞蒙古自治州, 兰州新区, 巴州 */
  | 'place';

/** A printed unit name taken apart. */
export interface NormalizedUnitName {
  /** Folded text with framing words removed, without a trailing bracketed alternate. */
  text: string;
  /** Region prefix ('州', '定西市') or the place inside a patterned name; null when none. */
  region: string | null;
  regionKind: RegionKind | null;
  /** The name without its region ('发改委'); equals `text` when there is no region. */
  core: string;
  /** Dictionary canonical of `core` ('发展和改革委员会'), or `core` when not in the dictionary. */
  canonicalCore: string;
  /** The dictionary entry recognised, if any. */
  entry: DepartmentEntry | null;
  /** Names printed in a trailing bracket: "市政府办公室〔市大数据管理局〕" -> ['市大数据管理局']. */
  alternates: string[];
  /** A collective placeholder rather than one unit: 各县区人民政府, 州直各有关部门, 市直有关部门. */
  collective: boolean;
}

/** Options of `normalizeUnitName`. */
export interface NormalizeUnitOptions {
  /** Department dictionary; defaults to the built-in one. */
  lookup?: DepartmentLookup;
  /** Place names known to the caller (registry region names) that may prefix a unit name. */
  knownPlaces?: readonly string[];
}

const LEVEL_CHARS = '省市州县区盟旗';
const LEAD_LABEL =
  /^(?:(?:责任|牵头|主办|协办|配合|参与|主责|承办)(?:单位|部门)|负责(?:单位|部门)|责任主体|牵头|配合|由)[:：]?/u;
const TRAIL_FRAMING =
  /(?:(?:等(?:有关|相关)?(?:部门|单位)?)?按职责分工(?:负责|落实|配合)?|等(?:有关|相关)?(?:部门|单位)|分别负责|负责落实|牵头负责|共同负责|配合落实|负责|牵头|配合|参与|协办|落实|等)$/u;
const EDGE_PUNCT = /^[、，,；;。：:．.！!？?\-—–·•*]+|[、，,；;。：:．.！!？?\-—–·•*]+$/gu;
const DEPT_SUFFIX =
  /(?:局|委|办|中心|院|部|厅|委员会|办公室|所|站|队|会|处|室|公司|行|馆|社|联|集团|海关|政府|组|团|庭|科)$/u;
/** Characters a place name never contains; guards against "市纪委市" being taken for a place. */
const NOT_IN_PLACE = /[委局办部厅院会心司处室组队站所社行馆政府党]/u;
/** Words starting with a level character, so that 市场监管局 is not 市 + 场监管局. */
const LEVEL_WORD = /^[场域级民属直政长委辖内外际]/u;
const PARTY_OFFICIAL = /^中(?:国)?共(?:产党)?(.{2,16}?)(?:委员会|委)(.{2,})$/u;
const PLACE_ONLY = /^[^\s]{1,16}?(?:自治州|自治县|自治区|自治旗|地区|新区|省|市|州|县|区|盟|旗)$/u;

/**
 * Take a printed unit name apart: fold typography, strip framing words ("责任单位：", trailing
 * "负责", "等", "等部门按职责分工负责", enclosing brackets), keep a trailing bracketed alias as an
 * alternate, separate the region prefix from the core name and look the core up in the department
 * dictionary. Never throws; any string is accepted.
 *
 * The region split prefers a split whose core is in the dictionary (so 市市场监管局 is 市 + 市场监管局
 * and 市场监管局 stays whole), then the longest plausible place prefix (兰州新区 + 经济发展局). Names
 * with the place inside them are recognised by dictionary patterns (人民银行巴州中心支行 -> 巴州 +
 * 人民银行). A bare place name (库尔勒市) means its government: region 库尔勒市, core 人民政府.
 *
 * @param name the unit name as printed
 * @param opts dictionary and known places
 * @returns the parts; `text` is '' for an empty name
 * @example
 * normalizeUnitName('州发改委')
 * // { text: '州发改委', region: '州', regionKind: 'level', core: '发改委',
 * //   canonicalCore: '发展和改革委员会', collective: false, alternates: [], entry: {…} }
 */
export function normalizeUnitName(name: string, opts: NormalizeUnitOptions = {}): NormalizedUnitName {
  const lookup = opts.lookup ?? DEFAULT_LOOKUP;
  let text = stripFraming(foldUnitText(typeof name === 'string' ? name : String(name ?? '')));
  // Official party names put the place inside: 中共定西市委员会组织部 = 定西市党委组织部.
  text = text.replace(PARTY_OFFICIAL, '$1党委$2');
  const alternates: string[] = [];
  // Peel trailing bracketed names until none is left, so that normalising `text` again is a no-op.
  for (let i = 0; i < 8; i++) {
    const bracket = /^(.+?)\(([^()]+)\)$/u.exec(text);
    if (!bracket || bracket[1].length < 2) break;
    const alts = bracket[2].split(/[、,，;；]/u).map(stripFraming).filter((a) => a.length > 0);
    alternates.unshift(...alts);
    text = stripFraming(bracket[1]);
  }
  return { ...splitRegion(text, lookup, opts.knownPlaces ?? []), text, alternates };
}

/** @internal Strip framing words and punctuation until nothing changes. */
export function stripFraming(input: string): string {
  let text = input;
  for (let i = 0; i < 20; i++) {
    const before = text;
    text = text.replace(EDGE_PUNCT, '').replace(LEAD_LABEL, '');
    if (text.length > 2) text = text.replace(TRAIL_FRAMING, '');
    if (text.startsWith('(') && text.endsWith(')') && closingOf(text, 0) === text.length - 1) text = text.slice(1, -1);
    if (text === before) break;
  }
  return text;
}

function closingOf(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

type RegionParts = Omit<NormalizedUnitName, 'text' | 'alternates'>;

function isLevelOnly(prefix: string): boolean {
  return prefix.length > 0 && prefix.length <= 3 && [...prefix].every((c) => LEVEL_CHARS.includes(c));
}

function parts(region: string | null, core: string, entry: DepartmentEntry | undefined, collective = false): RegionParts {
  return {
    region,
    regionKind: region === null ? null : isLevelOnly(region) ? 'level' : 'place',
    core,
    canonicalCore: entry ? entry.canonical : core,
    entry: entry ?? null,
    collective,
  };
}

function splitRegion(text: string, lookup: DepartmentLookup, knownPlaces: readonly string[]): RegionParts {
  if (!text) return parts(null, '', undefined);

  // Collective placeholders: 各县区人民政府, 州直各有关部门, 州域各金融机构, 中央及省属在定有关单位.
  const collectiveLevel = /^(?:([省市州县区])[直属]|([省市州县])域)/u.exec(text);
  if (text.startsWith('各') || collectiveLevel || /(?:有关|相关)(?:部门|单位)/u.test(text) || text.startsWith('中央')) {
    const level = collectiveLevel ? (collectiveLevel[1] ?? collectiveLevel[2]) : null;
    return parts(level, level ? text.slice(1) : text, undefined, true);
  }

  for (const entry of lookup.patterned) {
    for (const re of entry.patterns ?? []) {
      const m = re.exec(text);
      const place = m?.groups?.place ?? m?.groups?.level;
      if (m && place && !NOT_IN_PLACE.test(place)) return parts(place, entry.canonical, entry);
    }
  }

  const whole = lookup.find(text);
  let bestKnown: { i: number; entry: DepartmentEntry } | null = null;
  let bestGuess = 0;
  const maxPrefix = Math.min(text.length - 2, 20);
  for (let i = 1; i <= maxPrefix; i++) {
    const prefix = text.slice(0, i);
    const levelOnly = isLevelOnly(prefix);
    const endsLikePlace = LEVEL_CHARS.includes(text[i - 1]) || knownPlaces.includes(prefix);
    if (!endsLikePlace) continue;
    if (!levelOnly && (NOT_IN_PLACE.test(prefix) || /^[省市州县区]/u.test(prefix))) continue;
    const rest = text.slice(i);
    const entry = lookup.find(rest);
    // The shortest prefix whose rest is a known department wins: "市纪委市监委" is 市 + 纪委市监委.
    if (entry && !bestKnown) bestKnown = { i, entry };
    else if (!entry && DEPT_SUFFIX.test(rest) && !(levelOnly && LEVEL_WORD.test(rest)) && (levelOnly || i >= 2)) bestGuess = i;
  }
  if (bestKnown) return parts(text.slice(0, bestKnown.i), text.slice(bestKnown.i), bestKnown.entry);
  if (whole) return parts(null, text, whole);
  if (bestGuess > 0) return parts(text.slice(0, bestGuess), text.slice(bestGuess), undefined);
  if (PLACE_ONLY.test(text) && text.length >= 2 && !NOT_IN_PLACE.test(text) && !isLevelOnly(text)) {
    // A bare place stands for its government (库尔勒市), a zone for its committee (定西高新区).
    const core = /(?:新区|开发区|园区)$/u.test(text) ? '管理委员会' : '人民政府';
    return parts(text, core, lookup.find(core));
  }
  return parts(null, text, undefined);
}
