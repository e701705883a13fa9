import { extractDeadlines } from './deadlines.ts';

/**
 * Responsible units of a measure: 责任单位/牵头单位/配合单位 labels, "（X牵头，Y参与）",
 * "（X、Y等部门按职责分工负责）", bare unit lists in a closing bracket, and the sentence that
 * states default units for every measure ("以下措施均需各县区人民政府落实，不再一一列出").
 */

export interface UnitClauses {
  leadUnits: string[];
  cooperatingUnits: string[];
  /** Units the text says apply to all measures. */
  defaultUnits: string[];
  /** Whether any unit clause was recognised (even an empty one). */
  found: boolean;
  /** The units came from bare lists only (no label, no role word): the order may carry the roles. */
  bare?: boolean;
  /** The text says the first unit listed leads ("列第一的为牵头单位"); `carries` when it adds 下同. */
  firstLeads?: 'here' | 'carries';
}

/** A note inside a unit bracket that is not a unit: "下同", "列第一的为牵头单位", "排名第一的为牵头部门". */
const RE_NOTE =
  /^(?:注[:：])?(?:(?:以)?下同|同上|[^、]{0,10}(?:列|排|名)(?:在)?(?:第一|首位|首|第1)[^、]{0,10}|[^、]{0,10}为牵头(?:单位|部门)[^、]{0,4})$/;
/** A note saying the first unit listed is the lead. */
export const RE_FIRST_LEADS = /(?:列|排|名)(?:在)?(?:第一|首位|首|第1)[^，,。；;]{0,10}牵头|牵头(?:单位|部门)(?:列|排)(?:在)?(?:第一|首)/;

type Role = 'lead' | 'coop';

const LEAD_LABEL =
  '责任单位|牵头单位|责任部门|牵头部门|负责单位|负责部门|主责单位|主责部门|主办单位|承办单位|实施单位|牵头责任单位|责任主体|牵头处室|责任处室';
const COOP_LABEL = '配合单位|配合部门|协办单位|参与单位|协同单位|协助单位|协作单位|参与部门|配合处室';
const OTHER_LABEL = '完成时限|完成时间|时间节点|时限要求|进度安排|责任领导|牵头领导|分管领导|适用范围|工作目标|预期成果';
const RE_LABEL = new RegExp(`(${LEAD_LABEL}|${COOP_LABEL}|${OTHER_LABEL})[\\s\\u3000]*[:：]?[\\s\\u3000]*`, 'g');
const RE_LEAD_LABEL = new RegExp(`^(?:${LEAD_LABEL})$`);
const RE_COOP_LABEL = new RegExp(`^(?:${COOP_LABEL})$`);
const RE_ANY_LABEL_START = new RegExp(`^[\\s\\u3000]*(?:${LEAD_LABEL}|${COOP_LABEL})`);
const RE_SENTENCE_LABEL = new RegExp(`(${LEAD_LABEL}|${COOP_LABEL}|${OTHER_LABEL})[\\s\\u3000]*[:：]?[\\s\\u3000]*`, 'g');
/** What may stand right before a label: the clause start, a separator or a line break. */
const LABEL_BEFORE = /[\s\u3000（(〔［\[；;，,、。：:]/;
/** "等市级相关单位", "等有关部门": a generic group after 等, not a unit of its own. */
const RE_GROUP_AFTER_DENG = /等([\u4e00-\u9fa5]{0,8}?(?:部门|单位|机构))?$/;
const RE_PLAIN_GROUP = /^(?:相关|有关|其他)?(?:部门|单位|机构)$/;
/** What may follow a time expression in a unit list: "6月底完成", "年底前到位". */
const RE_TIME_REST = /^(?:前|以前|之前)?(?:完成|办结|到位|落实|实现|完成任务|全面完成)?$/;
const RE_TIME_HINT = /[年月日底内前季]/;

/** Role words that close a piece of a unit clause; checked longest first. */
const ROLE_TAIL =
  /(?:等(?:相关|有关|其他)?(?:部门|单位)?)?(?:按照?职责分工负责|按照?职能分工负责|按照?职责分工落实|按照?职责负责|按照?职责落实|分工负责|分别负责|共同负责|负责落实|具体负责|牵头负责|负总责|负责|(?:按照?职责分工|按照?职责|分别|共同)?(牵头(?:推进|实施|落实)?)|(?:按照?职责分工|按照?职责|分别|共同)?(配合落实|配合|参与|协办|协助|协同|参加)|(落实)|(?:统筹)?指导(?:推进|落实)?|统筹(?:推进|协调)?|督促指导)$/;

const UNIT_SUFFIX =
  /(?:局|委|办|厅|部|院|会|中心|公司|政府|集团|行|室|处|队|所|站|馆|社|联|署|府|团|组|庭|司|校|台|关|科|分局|支行|部门|单位|机构|园区|开发区|新区|高新区|县|市|区|州|盟|旗|镇|乡|街道|企业|银行|学|党委|工委|法院|检察院|监委|办公室)(?:[〔（(［\[][^〕）)］\]]{1,20}[〕）)］\]])?$/;

const DEFAULT_CUE = /(?:均需|均由|均要|均须|都需|都要|均应)/;
/** Words without which a bracket inside the body cannot be a unit clause (labels, ROLE_TAIL, cues). */
const RE_CLAUSE_HINT = new RegExp(
  `${LEAD_LABEL}|${COOP_LABEL}|负责|牵头|配合|参与|协办|协助|协同|参加|落实|均需|均由|均要|均须|都需|都要|均应|不再`,
);
const DEFAULT_END = /(?:不再一一列出|不再列出|不再一一列举|不再重复列出)/;

/**
 * Finds the unit clauses of a measure's text.
 * @param text measure text (whitespace folded)
 * @returns lead and cooperating units as printed, and any default-unit sentence's units
 * @example extractUnits('…。（牵头单位：州行政服务中心、市场监管局；配合单位：州公安局）')
 *   // { leadUnits: ['州行政服务中心', '市场监管局'], cooperatingUnits: ['州公安局'], defaultUnits: [], found: true }
 */
export function extractUnits(text: string): UnitClauses {
  const out: UnitClauses = { leadUnits: [], cooperatingUnits: [], defaultUnits: [], found: false };
  const brackets = topBrackets(text);
  const inBracket = (pos: number) => brackets.some((b) => pos > b.open && pos < b.close);
  for (const b of brackets) {
    const content = text.slice(b.open + 1, b.close);
    parseClause(content, out, isTail(text, b.close));
  }
  // Labels outside brackets: "责任单位：市发改委、市商务局" on its own line or after the body.
  RE_LABEL.lastIndex = 0;
  let m: RegExpExecArray | null;
  const labels: { at: number; end: number; label: string }[] = [];
  while ((m = RE_LABEL.exec(text))) {
    if (m[0].length === 0) {
      RE_LABEL.lastIndex++;
      continue;
    }
    if (inBracket(m.index)) continue;
    // A label needs a colon, otherwise "责任单位要…" is prose; and it opens a clause, otherwise
    // it is part of a name ("各项目牵头单位").
    const hasColon = /[:：]/.test(m[0]);
    if (!hasColon || !opensClause(text, m.index)) continue;
    labels.push({ at: m.index, end: m.index + m[0].length, label: m[1] });
  }
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    const role: Role | null = RE_LEAD_LABEL.test(l.label) ? 'lead' : RE_COOP_LABEL.test(l.label) ? 'coop' : null;
    if (!role) continue;
    let stop = i + 1 < labels.length ? labels[i + 1].at : text.length;
    const dot = text.slice(l.end, stop).search(/[。（(\n]/);
    if (dot >= 0) stop = l.end + dot;
    out.found = true;
    addPieces(text.slice(l.end, stop), role, out);
    out.bare = false;
  }
  out.leadUnits = dedupe(out.leadUnits);
  out.cooperatingUnits = dedupe(out.cooperatingUnits).filter((u) => !out.leadUnits.includes(u));
  out.defaultUnits = dedupe(out.defaultUnits);
  return out;
}

/** Whether a label found at `at` stands at the start of a clause or right after a separator. */
function opensClause(text: string, at: number): boolean {
  return at === 0 || LABEL_BEFORE.test(text[at - 1]);
}

/** Whether a bracket closing at `close` ends its sentence (only punctuation follows before 。 or the end). */
function isTail(text: string, close: number): boolean {
  let k = close + 1;
  while (k < text.length && /[ \u3000。.;；]/.test(text[k])) k++;
  // The end of the measure, or the end of one of its paragraphs: a measure running over several
  // paragraphs may close each with its own unit bracket.
  return k >= text.length || text[k] === '\n';
}

interface Bracket {
  open: number;
  close: number;
}

/**
 * Top-level （…） / (…) groups, and top-level 〔…〕 groups that open with a unit label
 * ("〔牵头单位:…,责任单位:…,各街道(功能区)〕"); other 〔〕 (aliases, document numbers) and
 * nested brackets stay inside.
 */
function topBrackets(text: string): Bracket[] {
  const out: Bracket[] = [];
  let depth = 0;
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3014 /* 〔 */ && depth === 0) {
      const close = text.indexOf('〕', i + 1);
      if (close > 0 && RE_ANY_LABEL_START.test(text.slice(i + 1, i + 12))) {
        out.push({ open: i, close });
        i = close;
      }
      continue;
    }
    if (c === 0xff08 || c === 0x28) {
      if (depth === 0) open = i;
      depth++;
    } else if ((c === 0xff09 || c === 0x29) && depth > 0) {
      depth--;
      if (depth === 0) out.push({ open, close: i });
    }
  }
  // An unclosed bracket at the end (truncated text) still counts as a clause.
  if (depth > 0 && open >= 0 && text.length - open < 400) out.push({ open, close: text.length });
  return out;
}

/** Parses the content of one bracket; adds units to `out` when it is a unit clause. */
function parseClause(content: string, out: UnitClauses, atEnd: boolean): void {
  if (content.length === 0 || content.length > 600) return;
  // Most brackets are prose; inside the body only a label, a role word or a default cue makes a clause.
  if (!atEnd && !RE_CLAUSE_HINT.test(content)) return;
  const sentences = splitTop(content, '。；;');
  const labelled = RE_ANY_LABEL_START.test(content);
  const local: UnitClauses = { leadUnits: [], cooperatingUnits: [], defaultUnits: [], found: false };
  let any = false;
  for (const s of sentences) {
    if (DEFAULT_END.test(s) || DEFAULT_CUE.test(s)) {
      const d = defaultSentence(s);
      if (d.length) {
        local.defaultUnits.push(...d);
        any = true;
      }
      continue;
    }
    if (parseSentence(s, local, labelled, atEnd)) any = true;
  }
  if (!any) return;
  out.found = true;
  if (local.bare !== undefined) out.bare = out.bare === false ? false : local.bare;
  if (local.firstLeads) out.firstLeads = local.firstLeads;
  out.leadUnits.push(...local.leadUnits);
  out.cooperatingUnits.push(...local.cooperatingUnits);
  out.defaultUnits.push(...local.defaultUnits);
}

/** Units named in a "以下措施均需X、Y落实" sentence. */
function defaultSentence(s: string): string[] {
  const m = /(?:均需|均由|均要|均须|都需|都要|均应)(.{2,200}?)(?:共同)?(?:抓好|负责|落实|推进|执行|实施|完成)/.exec(s);
  if (!m) return [];
  const units: string[] = [];
  for (const piece of splitTop(m[1], '，,')) units.push(...splitUnits(piece));
  return units.filter(looksLikeUnit);
}

/**
 * One sentence of a bracket: labelled spans, or comma pieces each ending in a role word.
 * Returns whether the sentence was taken as a unit clause.
 */
function parseSentence(s: string, out: UnitClauses, labelled: boolean, atEnd: boolean): boolean {
  const re = RE_SENTENCE_LABEL;
  re.lastIndex = 0;
  const marks: RegExpExecArray[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    // A label opens the sentence, or follows a separator and has a colon; elsewhere it is part
    // of a name: "配合单位：各项目牵头单位，各区".
    const lead = s.slice(0, m.index).trim().length === 0;
    if (lead || (opensClause(s, m.index) && /[:：]/.test(m[0]))) marks.push(m);
  }
  if (marks.length === 0) return labelled ? false : rolePieces(s, out, atEnd);
  let took = false;
  if (marks[0].index > 0 && !labelled) took = rolePieces(s.slice(0, marks[0].index), out, false);
  for (let i = 0; i < marks.length; i++) {
    const label = marks[i][1];
    const role: Role | null = RE_LEAD_LABEL.test(label) ? 'lead' : RE_COOP_LABEL.test(label) ? 'coop' : null;
    const end = i + 1 < marks.length ? marks[i + 1].index : s.length;
    if (!role) continue;
    addPieces(s.slice(marks[i].index + marks[i][0].length, end), role, out);
    took = true;
    out.bare = false;
  }
  return took;
}

/** Comma pieces with role words: "X牵头，Y、Z参与", "A、B等部门按职责分工负责". */
function rolePieces(text: string, out: UnitClauses, atEnd: boolean): boolean {
  const pieces: string[] = [];
  let firstLeads: UnitClauses['firstLeads'] | undefined;
  for (const p of splitTop(text, '，,')) {
    if (!RE_NOTE.test(p.trim())) {
      pieces.push(p);
      continue;
    }
    if (RE_FIRST_LEADS.test(p)) firstLeads = firstLeads ?? 'here';
    if (/下同/.test(p) && firstLeads) firstLeads = 'carries';
  }
  if (firstLeads && /下同/.test(text)) firstLeads = 'carries';
  const parsed: { role: Role | null; units: string[] }[] = [];
  let anyRole = false;
  for (const p0 of pieces) {
    const p = p0.trim();
    const r = ROLE_TAIL.exec(p);
    let role: Role | null = null;
    let body = p;
    if (r && r.index > 0) {
      role = r[2] ? 'coop' : 'lead';
      body = p.slice(0, r.index);
      anyRole = true;
    }
    parsed.push({ role, units: splitUnits(body.replace(/^由/, '')) });
  }
  const all = parsed.flatMap((x) => x.units);
  if (all.length === 0) return false;
  const unitLike = all.filter(looksLikeUnit).length;
  if (anyRole) {
    if (unitLike < Math.ceil(all.length / 2)) return false;
  } else {
    // A bare list counts only at the end of the measure and when every item is a unit name.
    if (!atEnd || unitLike !== all.length) return false;
  }
  if (!anyRole && firstLeads) {
    // "（A、B、C，列第一的为牵头单位）": A leads, the others cooperate.
    out.leadUnits.push(all[0]);
    out.cooperatingUnits.push(...all.slice(1));
    out.firstLeads = firstLeads;
    return true;
  }
  if (!anyRole) out.bare = out.bare ?? true;
  else out.bare = false;
  let pending: string[] = [];
  for (const x of parsed) {
    if (x.role === null) {
      pending.push(...x.units);
      continue;
    }
    const target = x.role === 'lead' ? out.leadUnits : out.cooperatingUnits;
    target.push(...pending, ...x.units);
    pending = [];
  }
  if (pending.length) out.leadUnits.push(...pending);
  return true;
}

function addPieces(text: string, role: Role, out: UnitClauses): void {
  for (const piece of splitTop(text, '，,')) {
    let p = piece.trim();
    const r = ROLE_TAIL.exec(p);
    let r2: Role = role;
    if (r && r.index > 0) {
      p = p.slice(0, r.index);
      if (r[2]) r2 = 'coop';
    }
    const units = splitUnits(p);
    (r2 === 'lead' ? out.leadUnits : out.cooperatingUnits).push(...units);
  }
}

/** Splits at 、 ; and at 和/及 where both sides are unit names; drops framing words. */
export function splitUnits(text: string): string[] {
  const out: string[] = [];
  for (const raw of splitTop(text, '、；;／/')) {
    for (const part of splitConjunction(raw)) {
      const u = cleanUnit(part);
      if (u && !isTimeItem(u)) out.push(u);
    }
  }
  return out;
}

/** A list item that is a time limit, not a unit: "6月底完成", "2024年底前". */
function isTimeItem(u: string): boolean {
  if (!RE_TIME_HINT.test(u)) return false;
  const d = extractDeadlines(u, { baseYear: null })[0];
  if (!d || !d.span || d.span.start !== 0) return false;
  return RE_TIME_REST.test(u.slice(d.span.end).trim());
}

function splitConjunction(s: string): string[] {
  const parts: string[] = [];
  let rest = s;
  for (let guard = 0; guard < 8; guard++) {
    const m = /[和及与]/.exec(rest);
    if (!m) break;
    let found = -1;
    const re = /[和及与]/g;
    let mm: RegExpExecArray | null;
    while ((mm = re.exec(rest))) {
      const left = rest.slice(0, mm.index);
      const right = rest.slice(mm.index + 1);
      if (left.length >= 2 && right.length >= 2 && UNIT_SUFFIX.test(cleanUnit(left)) && UNIT_SUFFIX.test(cleanUnit(right))) {
        found = mm.index;
        break;
      }
    }
    if (found < 0) break;
    parts.push(rest.slice(0, found));
    rest = rest.slice(found + 1);
  }
  parts.push(rest);
  return parts;
}

function cleanUnit(s: string): string {
  let u = s.replace(/[\s\u3000]+/g, ' ').trim();
  u = u.replace(/^(?:由|请|各自|和|及|与)\s*/, '');
  const deng = RE_GROUP_AFTER_DENG.exec(u);
  if (deng) {
    const left = u.slice(0, deng.index);
    // "市财政局等市级相关单位" -> "市财政局"; but "市高等教育机构" is a name.
    if (!deng[1] || RE_PLAIN_GROUP.test(deng[1]) || UNIT_SUFFIX.test(left)) u = left;
  }
  u = u.replace(/[。.，,;；:：]+$/, '').trim();
  // enclosing brackets around the whole unit
  const enclosed = /^[（(〔［\[]([^（(〔［\[）)〕］\]]*)[）)〕］\]]$/.exec(u);
  if (enclosed) u = enclosed[1].trim();
  u = u.replace(/^[（(]|[）)]$/g, (c) => (balanced(u) ? c : '')).trim();
  if (u.length < 2 || u.length > 40) return '';
  return u;
}

function balanced(s: string): boolean {
  let d = 0;
  for (const ch of s) {
    if (ch === '（' || ch === '(') d++;
    else if (ch === '）' || ch === ')') d--;
    if (d < 0) return false;
  }
  return d === 0;
}

export function looksLikeUnit(u: string): boolean {
  if (u.length < 2 || u.length > 40) return false;
  if (/[。，,！？!?：:%％]|\d{2,}/.test(u)) return false;
  return UNIT_SUFFIX.test(u) || /^(?:各|全市|全州|全县|全区|有关|相关)/.test(u);
}

/** +1 for an opening bracket or quote, -1 for a closing one, 0 otherwise. */
function bracketStep(c: number): number {
  if (c < 0x28 || (c > 0x29 && c < 0x5b) || (c > 0x5d && c < 0x201c)) return 0;
  switch (c) {
    case 0xff08: case 0x28: case 0x3014: case 0xff3b: case 0x5b: case 0x3010: case 0x300a: case 0x201c: // （ ( 〔 ［ [ 【 《 “
      return 1;
    case 0xff09: case 0x29: case 0x3015: case 0xff3d: case 0x5d: case 0x3011: case 0x300b: case 0x201d: // ） ) 〕 ］ ] 】 》 ”
      return -1;
    default:
      return 0;
  }
}

/**
 * Splits at separators outside brackets.
 * @param sep the separator characters, as a string ("，,") or a one-character class (/[，,]/)
 */
export function splitTop(text: string, sep: string | RegExp): string[] {
  const seps = typeof sep === 'string' ? sep : null;
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const step = bracketStep(text.charCodeAt(i));
    if (step > 0) depth++;
    else if (step < 0) {
      if (depth > 0) depth--;
    } else if (depth === 0 && (seps !== null ? seps.includes(text[i]) : (sep as RegExp).test(text[i]))) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.filter((s) => s.trim().length > 0);
}

function dedupe(xs: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const x of xs) {
    if (!seen.has(x)) {
      seen.add(x);
      out.push(x);
    }
  }
  return out;
}
