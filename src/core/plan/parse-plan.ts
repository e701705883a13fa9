/**
 * The plan parser: document text -> structured plan (../shared/plan-format).
 * Pure: no I/O, no clock. Linear in the size of the input.
 */
import { extractDeadlines } from './deadlines.ts';
import { extractTargets } from './targets.ts';
import { inferBaseYear, readMeta } from './metadata.ts';
import { intToCn, markerPattern, type Marker, type MarkerStyle } from './numbering.ts';
import { sliceParagraph, splitParagraphs, type Paragraph } from './paragraphs.ts';
import type { Deadline, Measure, ParseIssue, ParseOptions, ParseResult, Plan, Span, Target } from './types.ts';
import { extractUnits, RE_FIRST_LEADS, type UnitClauses } from './units.ts';
import { readFlatTable, type FlatTable, type TableCell } from './table.ts';

/** Flags a measure may carry for review. */
export const MeasureFlag = {
  NoUnits: 'no-units',
  UnitsInherited: 'units-inherited',
  NumberingGap: 'numbering-gap',
  RunOn: 'run-on-numbering',
  Long: 'long-text',
  TopicParagraph: 'topic-paragraph',
  /** A target printed without its subject ("…，可压减为两个环节"): its metric was taken from context. */
  MetricInferred: 'metric-inferred',
} as const;

/**
 * Gives every target a metric: an elliptical target ("可压减为两个环节") shares the subject of the
 * target before it in the same measure; failing that, the measure's title names what is measured.
 * A target with no name at all cannot be supervised or benchmarked, so it is never left empty.
 * @internal
 */
export function fillMissingMetrics(targets: Target[], fallback: string | null): boolean {
  let inferred = false;
  let previous: string | null = null;
  for (const t of targets) {
    if (!t.metric.trim()) {
      t.metric = previous ?? fallback ?? t.unit;
      inferred = true;
    }
    previous = t.metric;
  }
  return inferred;
}

interface Node {
  marker: Marker | null;
  paras: Paragraph[];
  children: Node[];
  parent: Node | null;
  /** Numbering gap seen when this item was read. */
  gap?: boolean;
  inline?: boolean;
  /** runOnRegex of the stack that ends at this item (the stack is the item's ancestry). */
  runOn?: RegExp | null;
}

const LABEL_LINE =
  /^(?:责任单位|牵头单位|配合单位|责任部门|牵头部门|配合部门|负责单位|负责部门|主责单位|协办单位|参与单位|完成时限|完成时间|时间节点|时限要求)[\s\u3000]*[:：]/;

/** Chapters that frame the plan rather than list its work. */
const NON_MEASURE_HEADING =
  /(?:总则|指导思想|总体要求|基本原则|工作原则|总体思路|工作思路|目标任务|工作目标|总体目标|主要目标|发展目标|具体目标|预期目标|保障措施|组织保障|工作保障|保障机制|组织领导|组织实施|实施保障|工作要求|有关要求|工作步骤|实施步骤|推进步骤|进度安排|时间安排|实施安排|工作安排|附则|附件|其他事项|监督考核|督查考核|考核评估)$/;
const GOAL_HEADING = /(?:目标|指标|总体要求)/;
/** A purpose clause ("为…，特制定本规定。") introduces the plan, whatever number it carries. */
const PURPOSE_CLAUSE =
  /^为[^。]{2,400}?(?:制定|制订|出台)本(?:规定|方案|办法|意见|计划|措施|细则|条例|实施方案|行动方案|工作方案|若干措施)[。，,；;]?$/;

/** A closing article ("本措施自2023年5月1日起施行，由县发展和改革局负责解释。") states no work. */
const CLOSING_CLAUSE =
  /^本(?:规定|方案|办法|意见|计划|措施|细则|条例|实施方案|行动方案|工作方案|若干措施)[^。]{0,60}?(?:起施行|起实施|起执行|负责解释|有效期)[^。]{0,60}[。]?$/;

/**
 * Parses the text of a plan document into measures, units, deadlines and targets.
 * Never throws: anything the parser cannot make sense of is reported in `issues`.
 *
 * @param text the document as plain text (see src/server/readers for .docx/.pdf/.html/.txt)
 * @param options `baseYear` (wins over the year inferred from the document) and `source` (file name)
 * @returns `{ plan, issues }`; `plan` follows plan.schema.json, plus `span` and `flags` on measures
 * @example
 *   parsePlan('一、政务环境\n1.推进数字政府建设。…（责任单位：市政府办公室）', { baseYear: 2022 })
 *   // plan.measures[0] -> { id: '1', path: ['一', '1'], title: '推进数字政府建设', leadUnits: ['市政府办公室'], … }
 */
export function parsePlan(text: string, options: ParseOptions = {}): ParseResult {
  const opts = options ?? {};
  try {
    return parseUnchecked(typeof text === 'string' ? text : String(text ?? ''), opts);
  } catch (err) {
    // A bug must not lose the user's upload: return an empty plan and say so.
    return {
      plan: emptyPlan(opts),
      issues: [{ code: 'PLAN_PARSE_FAILED', message: `解析失败：${(err as Error)?.message ?? String(err)}` }],
    };
  }
}

function emptyPlan(opts: ParseOptions): Plan {
  const plan: Plan = { title: null, issuer: null, region: null, issuedOn: null, baseYear: opts.baseYear ?? null, defaultUnits: [], goals: [], measures: [] };
  if (opts.source) plan.source = opts.source;
  return plan;
}

function parseUnchecked(text: string, opts: ParseOptions): ParseResult {
  const issues: ParseIssue[] = [];
  // A task table flattened one cell per line: its rows are the measures, the text above is preamble.
  const table = readFlatTable(text);
  const paras = splitParagraphs(table ? text.slice(0, table.start) : text);
  const root: Node = { marker: null, paras: [], children: [], parent: null };
  const loose: Paragraph[] = [];
  buildTree(paras, root, loose);

  const bodyStart = firstMarkerIndex(paras);
  const meta = readMeta(paras, bodyStart);
  const baseYear = opts.baseYear ?? inferBaseYear(meta, paras);
  if (baseYear == null) issues.push({ code: 'PLAN_PARSE_NO_BASE_YEAR', message: '未能从文件中确定方案年度，请手动设置。' });

  const unitsOf = unitCache();
  let items = table ? [] : collectMeasureNodes(root, unitsOf);
  let topicMode = false;
  let topicMeasures: Draft[] = [];
  const tableRows = table ? tableDrafts(table) : null;
  if (tableRows) {
    topicMode = true;
    topicMeasures = tableRows.map((r) => r.draft);
  } else if (items.length < 3) {
    const topics = topicParagraphs(paras);
    if (topics.length >= Math.max(2, items.length + 1)) {
      topicMode = true;
      topicMeasures = topics;
      items = [];
    }
  }

  const defaultUnits: string[] = [];
  const drafts: Draft[] = topicMode ? topicMeasures : items.map((n) => nodeToMeasure(n));
  const measures: Measure[] = drafts.map((d) => d.measure);
  if (!topicMode) assignIds(items, measures);

  // Units, deadlines and targets of each measure.
  // A note outside the measures ("注：责任单位中列第一的为牵头单位") or one carried on with 下同
  // makes the first unit of every bare list the lead.
  let firstLeads = loose.some((p) => p.text.length <= 200 && RE_FIRST_LEADS.test(p.text));
  for (let i = 0; i < measures.length; i++) {
    const m = measures[i];
    const units = tableRows ? tableRows[i].units : topicMode ? extractUnits(m.text) : unitsOf(items[i]);
    m.leadUnits = units.leadUnits;
    m.cooperatingUnits = units.cooperatingUnits;
    if (units.firstLeads === 'carries') firstLeads = true;
    else if (firstLeads && units.bare && units.cooperatingUnits.length === 0 && units.leadUnits.length > 1) {
      m.leadUnits = units.leadUnits.slice(0, 1);
      m.cooperatingUnits = units.leadUnits.slice(1);
    }
    for (const u of units.defaultUnits) if (!defaultUnits.includes(u)) defaultUnits.push(u);
    if (!units.found && !topicMode) {
      const inherited = inheritUnits(items[i], unitsOf);
      if (inherited) {
        m.leadUnits = inherited.leadUnits;
        m.cooperatingUnits = inherited.cooperatingUnits;
        addFlag(m, MeasureFlag.UnitsInherited);
      }
    }
  }
  // Default units stated outside any measure ("以下各项任务均需各县区政府落实").
  for (const p of loose) {
    if (!/(?:均需|均由|均要|均须|都需|都要|不再一一列出|不再列出)/.test(p.text)) continue;
    for (const u of extractUnits('（' + p.text + '）').defaultUnits) if (!defaultUnits.includes(u)) defaultUnits.push(u);
  }
  for (const { measure: m, offs } of drafts) {
    if (m.leadUnits.length === 0 && m.cooperatingUnits.length === 0 && defaultUnits.length === 0) addFlag(m, MeasureFlag.NoUnits);
    if (m.text.length > 1500) addFlag(m, MeasureFlag.Long);
    m.deadlines = safe(() => extractDeadlines(m.text, { baseYear }), []).map((d) => mapSpan(d, offs));
    m.targets = safe(() => extractTargets(m.text, { baseYear }), []).map((t) => mapSpan(t, offs));
    if (fillMissingMetrics(m.targets, m.title)) addFlag(m, MeasureFlag.MetricInferred);
  }

  const goals: Target[] = [];
  for (const p of goalParagraphs(root, loose)) {
    for (const t of safe(() => extractTargets(p.text, { baseYear }), [])) goals.push(mapSpan(t, p.offs));
  }
  fillMissingMetrics(goals, null);

  const unitless = measures.filter((m) => m.flags?.includes(MeasureFlag.NoUnits)).length;
  if (measures.length === 0) issues.push({ code: 'PLAN_PARSE_NO_MEASURES', message: '未识别到任何举措条目。' });
  else if (unitless > 0)
    issues.push({ code: 'PLAN_PARSE_NO_UNITS', message: `${unitless} 条举措未识别到责任单位。` });
  for (const m of measures) {
    if (m.flags?.includes(MeasureFlag.NumberingGap))
      issues.push({ code: 'PLAN_PARSE_NUMBERING_GAP', message: `举措 ${m.id} 前的编号不连续，可能漏识别了条目。`, measureId: m.id, span: m.span });
  }

  const plan: Plan = {
    title: meta.title,
    issuer: meta.issuer,
    region: meta.region,
    issuedOn: meta.issuedOn,
    baseYear: baseYear ?? null,
    defaultUnits,
    goals,
    measures,
  };
  if (opts.source) plan.source = opts.source;
  return { plan, issues };
}

/** A measure being built, with the source offset of each character of its text. */
interface Draft {
  measure: Measure;
  offs: Int32Array;
}

type UnitsOf = (n: Node) => UnitClauses;

/** extractUnits per outline item, computed once: measure selection and unit assignment both ask. */
function unitCache(): UnitsOf {
  const cache = new Map<Node, UnitClauses>();
  return (n) => {
    let u = cache.get(n);
    if (!u) {
      u = extractUnits(nodeText(n));
      cache.set(n, u);
    }
    return u;
  };
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    const v = fn();
    return Array.isArray(v) || v !== undefined ? v : fallback;
  } catch {
    return fallback;
  }
}

/** Translates a span relative to a measure's text into source offsets. */
function mapSpan<T extends Deadline | Target>(x: T, offs: Int32Array | undefined): T {
  if (!x.span || !offs || offs.length === 0) return x;
  const s = Math.max(0, Math.min(offs.length - 1, x.span.start));
  const e = Math.max(s, Math.min(offs.length - 1, x.span.end - 1));
  return { ...x, span: { start: offs[s], end: offs[e] + 1 } };
}

function addFlag(m: Measure, f: string) {
  if (!m.flags) m.flags = [];
  if (!m.flags.includes(f)) m.flags.push(f);
}

function firstMarkerIndex(paras: Paragraph[]): number {
  for (let i = 0; i < paras.length; i++) if (paras[i].marker) return i;
  return paras.length;
}

// ---------------------------------------------------------------- outline tree

const patternCache = new Map<string, RegExp>();

function runOnRegex(stack: Node[]): RegExp | null {
  const top = stack[stack.length - 1];
  if (top.runOn === undefined) top.runOn = buildRunOnRegex(stack);
  return top.runOn;
}

function buildRunOnRegex(stack: Node[]): RegExp | null {
  const parts: string[] = [];
  for (let k = stack.length - 1; k >= 1; k--) {
    const m = stack[k].marker!;
    const p = markerPattern(m.style, m.value + 1);
    if (p) parts.push(p);
  }
  if (parts.length === 0) return null;
  const key = parts.join('|');
  let re = patternCache.get(key);
  if (!re) {
    // Run-on numbering only after the previous item visibly ended. The closing mark is matched
    // rather than looked behind: a lookbehind is tried at every position of every paragraph.
    re = new RegExp(`[。）)；;][\\s\\u3000]*(?:${key})`, 'g');
    if (patternCache.size > 500) patternCache.clear();
    patternCache.set(key, re);
  }
  return re;
}

/** Where the run-on item found by a runOnRegex match starts: after the closing mark and spaces. */
function runOnStart(m: RegExpExecArray): number {
  const tail = m[0].slice(1);
  return m.index + 1 + (tail.length - tail.trimStart().length);
}

function buildTree(paras: Paragraph[], root: Node, loose: Paragraph[]): void {
  // Style of the next numbered paragraph after each index, for deciding where loose text belongs.
  const nextStyle: (MarkerStyle | null)[] = new Array(paras.length);
  let ns: MarkerStyle | null = null;
  for (let i = paras.length - 1; i >= 0; i--) {
    nextStyle[i] = ns;
    if (paras[i].marker) ns = paras[i].marker!.style;
  }
  const stack: Node[] = [root];
  const lastValue = new Map<string, number>();

  for (let i = 0; i < paras.length; i++) {
    let p: Paragraph | null = paras[i];
    while (p) {
      let rest: Paragraph | null = null;
      if (p.marker) {
        const node = openNode(p, stack, lastValue);
        const re = runOnRegex(stack);
        if (re) {
          re.lastIndex = p.marker.length - 1;
          const m = re.exec(p.text);
          if (m) {
            const at = runOnStart(m);
            rest = sliceParagraph(p, at);
            if (rest.marker) {
              rest.inline = true;
              p = sliceParagraph(p, 0, at);
              p.marker = node.marker;
            } else rest = null;
          }
        }
        node.paras.push(p);
      } else {
        const cur = stack[stack.length - 1];
        if (cur === root) loose.push(p);
        else if (attaches(p, cur, stack, nextStyle[i])) {
          const re = runOnRegex(stack);
          if (re) {
            re.lastIndex = 0;
            const m = re.exec(p.text);
            if (m) {
              const at = runOnStart(m);
              const r = sliceParagraph(p, at);
              if (r.marker) {
                r.inline = true;
                rest = r;
                p = sliceParagraph(p, 0, at);
              }
            }
          }
          cur.paras.push(p);
        } else {
          loose.push(p);
        }
      }
      p = rest;
    }
  }
}

function openNode(p: Paragraph, stack: Node[], lastValue: Map<string, number>): Node {
  const marker = p.marker!;
  let idx = -1;
  if (marker.style === 'cn-chapter') idx = stack.length > 1 ? 1 : -1;
  else {
    for (let k = stack.length - 1; k >= 1; k--) {
      if (stack[k].marker!.style === marker.style) {
        idx = k;
        break;
      }
    }
  }
  if (idx > 0) stack.length = idx;
  const parent = stack[stack.length - 1];
  const node: Node = { marker, paras: [], children: [], parent, inline: p.inline };
  // Numbering runs on across chapters or restarts at 1; anything else is a gap.
  const key = `${marker.style}@${stack.length}`;
  const prev = lastValue.get(key);
  if (prev !== undefined && marker.value !== prev + 1 && marker.value !== 1) node.gap = true;
  if (prev === undefined && parent.children.length === 0 && marker.value !== 1 && marker.value > 2) node.gap = true;
  lastValue.set(key, marker.value);
  parent.children.push(node);
  stack.push(node);
  return node;
}

/** The item's text without its number; paragraphs joined by "\n" (shown as a space). */
function nodeText(n: Node): string {
  let s = '';
  for (let i = 0; i < n.paras.length; i++) {
    if (i > 0) s += '\n';
    s += i === 0 && n.marker ? n.paras[i].text.slice(n.marker.length) : n.paras[i].text;
  }
  return s.trim();
}

/** The item's first paragraph without its number. */
function headText(n: Node): string {
  const first = n.paras[0];
  return first ? (n.marker ? first.text.slice(n.marker.length) : first.text).trim() : '';
}

function isHeadingOnly(n: Node): boolean {
  // Checked for every loose paragraph: test the paragraph count before building the text.
  if (n.paras.length !== 1) return false;
  const t = nodeText(n);
  return t.length <= 60 && !/[。；;！？!?]/.test(t.replace(/[。；;]$/, ''));
}

function attaches(p: Paragraph, cur: Node, stack: Node[], next: MarkerStyle | null): boolean {
  if (LABEL_LINE.test(p.text)) return true;
  if (isHeadingOnly(cur)) return true;
  // A measure running over several paragraphs, each closed by its own unit bracket: the
  // paragraphs after the heading stay with it up to the next number, whatever its level.
  if (cur.paras.length > 1 && cur.children.length === 0 && endsWithUnitBracket(p.text) && endsWithUnitBracket(cur.paras[cur.paras.length - 1].text)) return true;
  if (next === null) return false;
  // Attach when the next numbered paragraph is a sibling or a child of the open item.
  for (let k = stack.length - 1; k >= 1; k--) {
    if (stack[k].marker!.style === next) return stack[k] === cur;
  }
  return true;
}

/** Whether a paragraph closes with a bracket that names units ("…。（市金融工作局负责落实）"). */
function endsWithUnitBracket(t: string): boolean {
  const close = t.replace(/[。；;\s]+$/, '');
  if (!/[）)]$/.test(close)) return false;
  const open = Math.max(close.lastIndexOf('（'), close.lastIndexOf('('));
  if (open < 0 || close.length - open > 200) return false;
  const u = extractUnits(close.slice(open));
  return u.found && u.leadUnits.length + u.cooperatingUnits.length > 0;
}

function headingOf(n: Node): string {
  const first = n.paras[0];
  const t = first ? (n.marker ? first.text.slice(n.marker.length) : first.text).trim() : '';
  const m = /^[^。；;！？!?：:]{1,60}/.exec(t);
  return (m ? m[0] : t).replace(/[，,、\s]+$/, '');
}

function isNonMeasure(n: Node, depth: number): boolean {
  // "总  则" is printed spaced out.
  const h = headingOf(n).replace(/^(?:[一二三四五六七八九十]+是)/, '').replace(/[\s\u3000]+/g, '');
  if (depth === 1) return h.length <= 15 && NON_MEASURE_HEADING.test(h);
  return h.length <= 10 && NON_MEASURE_HEADING.test(h);
}

function collectMeasureNodes(root: Node, unitsOf: UnitsOf): Node[] {
  const regular: Node[] = [];
  const framed: Node[] = [];
  const topHasChildren = root.children.some((c) => c.children.length > 0);
  const walk = (n: Node, depth: number, excluded: boolean) => {
    const ex = excluded || isNonMeasure(n, depth);
    if (n.children.length === 0) {
      const text = nodeText(n);
      if (text.length === 0 || PURPOSE_CLAUSE.test(text) || CLOSING_CLAUSE.test(headText(n))) return;
      if (depth === 1 && topHasChildren) {
        // A top-level item among chapters is a measure only if it names units.
        if (!ex && unitsOf(n).found) regular.push(n);
        return;
      }
      (ex ? framed : regular).push(n);
      return;
    }
    for (const c of n.children) walk(c, depth + 1, ex);
  };
  for (const c of root.children) walk(c, 1, false);
  // Numbered actions inside a framing chapter count when they name units like the other measures.
  if (framed.length && regular.length) {
    const withUnits = regular.filter((n) => unitsOf(n).found).length;
    if (withUnits >= regular.length * 0.6) {
      const extra = framed.filter((n) => unitsOf(n).found);
      if (extra.length) {
        const all = new Set([...regular, ...extra]);
        const ordered: Node[] = [];
        const walk2 = (n: Node) => {
          if (all.has(n)) ordered.push(n);
          for (const c of n.children) walk2(c);
        };
        walk2(root);
        return ordered;
      }
    }
  }
  return regular;
}

function pathOf(n: Node): string[] {
  const path: string[] = [];
  for (let x: Node | null = n; x && x.marker; x = x.parent) path.push(x.marker.label);
  return path.reverse();
}

function titleOf(text: string): string | null {
  const m = /^([^。；;！？!?：:]{1,40})(?:[。；;！？!?：:]|$)/.exec(text);
  if (!m) return null;
  const t = m[1].replace(/[，,、\s]+$/, '').trim();
  if (t.length === 0 || t.length > 30) return null;
  // A title is a phrase, not the whole body.
  if (m[0].length === text.length && text.length > 30) return null;
  return t;
}

function nodeToMeasure(n: Node): Draft {
  const raw = nodeText(n);
  const offs = nodeOffsets(n, raw);
  const text = raw.replace(/\n/g, ' ');
  const first = n.paras[0];
  const last = n.paras[n.paras.length - 1];
  const parent = n.parent && n.parent.marker ? n.parent : null;
  const m: Measure = {
    id: String(n.marker!.value),
    path: pathOf(n),
    section: parent ? headingOf(parent) || null : null,
    title: titleOf(text),
    text,
    leadUnits: [],
    cooperatingUnits: [],
    deadlines: [],
    targets: [],
    span: { start: first.start, end: last.end },
  };
  if (n.gap) addFlag(m, MeasureFlag.NumberingGap);
  if (n.inline) addFlag(m, MeasureFlag.RunOn);
  return { measure: m, offs };
}

function nodeOffsets(n: Node, text: string): Int32Array {
  if (n.paras.length === 1) {
    // One paragraph: the text is a trimmed slice of it, so its offsets are a view.
    const p = n.paras[0];
    let from = n.marker ? n.marker.length : 0;
    while (from < p.text.length && /\s/.test(p.text[from])) from++;
    return p.offs.subarray(from, from + text.length);
  }
  const out = new Int32Array(text.length);
  let k = 0;
  for (let i = 0; i < n.paras.length && k < text.length; i++) {
    const p = n.paras[i];
    let from = i === 0 && n.marker ? n.marker.length : 0;
    if (i > 0 && k > 0) out[k++] = p.start; // the paragraph break
    // nodeText trims: skip leading spaces the same way
    if (k === 0) while (from < p.text.length && /\s/.test(p.text[from])) from++;
    for (let j = from; j < p.offs.length && k < text.length; j++) out[k++] = p.offs[j];
  }
  return out;
}

/** Ids: the printed number, joined with the chapter where numbering restarts. */
function assignIds(nodes: Node[], measures: Measure[]): void {
  const byStyle = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    const s = n.marker!.style;
    if (!byStyle.has(s)) byStyle.set(s, []);
    byStyle.get(s)!.push(i);
  });
  const restarting = new Set<string>();
  for (const [s, idx] of byStyle) {
    for (let k = 1; k < idx.length; k++) {
      if (nodes[idx[k]].marker!.value <= nodes[idx[k - 1]].marker!.value) restarting.add(s);
    }
  }
  const used = new Set<string>();
  const dupes = new Map<string, number>();
  measures.forEach((m, i) => {
    const n = nodes[i];
    const own = String(n.marker!.value);
    let id = own;
    const path = m.path;
    if (restarting.has(n.marker!.style)) id = [...path.slice(0, -1), own].join('.');
    else if (used.has(own)) {
      id = path.length > 1 ? `${path[0]}.${own}` : own;
      if (used.has(id) && path.length > 2) id = [...path.slice(0, -1), own].join('.');
    }
    let unique = id;
    if (used.has(unique)) {
      // A repeated number (a document pasted twice, say): suffix a counter, in constant time.
      let k = (dupes.get(id) ?? 1) + 1;
      while (used.has(`${id}-${k}`)) k++;
      dupes.set(id, k);
      unique = `${id}-${k}`;
    }
    used.add(unique);
    m.id = unique;
  });
}

function inheritUnits(n: Node | undefined, unitsOf: UnitsOf): { leadUnits: string[]; cooperatingUnits: string[] } | null {
  for (let x = n?.parent ?? null; x && x.marker; x = x.parent) {
    const u = unitsOf(x);
    if (u.found && (u.leadUnits.length || u.cooperatingUnits.length)) return u;
  }
  return null;
}

// ---------------------------------------------------------------- unnumbered documents

const RE_TOPIC = /^([^，,。；;：:！？!?]{2,30}?方面)[，,：:]/;

/** One measure per "X方面，…" paragraph, sections from the short headings between them. */
function topicParagraphs(paras: Paragraph[]): Draft[] {
  const out: Draft[] = [];
  let section: string | null = null;
  let sectionNo = 0;
  let sectionUsed = false;
  for (const p of paras) {
    const t = p.text;
    if (t.length <= 50 && !/[。；;，,：:]/.test(t) && !RE_TOPIC.test(t)) {
      section = t.replace(/\s+/g, ' ').trim();
      sectionUsed = false;
      continue;
    }
    const m = RE_TOPIC.exec(t);
    if (!m) continue;
    if (!sectionUsed) {
      sectionNo++;
      sectionUsed = true;
    }
    const id = String(out.length + 1);
    const measure: Measure = {
      id,
      path: [intToCn(Math.max(1, sectionNo)), id],
      section,
      title: m[1],
      text: t,
      leadUnits: [],
      cooperatingUnits: [],
      deadlines: [],
      targets: [],
      span: { start: p.start, end: p.end },
      flags: [MeasureFlag.TopicParagraph],
    };
    out.push({ measure, offs: p.offs });
  }
  return out;
}

// ---------------------------------------------------------------- tables

/** One measure per numbered table row; units from its unit columns, text from the other cells. */
function tableDrafts(table: FlatTable): { draft: Draft; units: UnitClauses }[] {
  return table.rows.map((row) => {
    const textCells: TableCell[] = [];
    let name: string | null = null;
    const units: UnitClauses = { leadUnits: [], cooperatingUnits: [], defaultUnits: [], found: false };
    for (const { kind, cell } of row.cells) {
      if (kind === 'lead' || kind === 'coop') {
        // A unit cell may carry its own roles ("市发改委牵头，市商务局配合").
        const u = extractUnits('（' + cell.text + '）');
        if (!u.found) continue;
        units.found = true;
        const roled = u.bare === false || u.cooperatingUnits.length > 0;
        if (kind === 'coop' && !roled) units.cooperatingUnits.push(...u.leadUnits);
        else (units.leadUnits.push(...u.leadUnits), units.cooperatingUnits.push(...u.cooperatingUnits));
      } else if (kind === 'name' || kind === 'content' || kind === 'goal' || kind === 'time' || kind === 'category') {
        if (kind === 'name' && name === null) name = cell.text.replace(/[。；;，,\s]+$/, '') || null;
        textCells.push(cell);
      }
    }
    units.leadUnits = [...new Set(units.leadUnits)];
    units.cooperatingUnits = [...new Set(units.cooperatingUnits)].filter((u) => !units.leadUnits.includes(u));
    let text = '';
    const offs: number[] = [];
    for (const c of textCells) {
      if (text.length > 0) {
        text += ' ';
        offs.push(c.offs[0] ?? row.start);
      }
      text += c.text;
      for (const o of c.offs) offs.push(o);
    }
    const cat = row.category;
    const measure: Measure = {
      id: row.no,
      path: cat?.label ? [cat.label, row.no] : [row.no],
      section: cat ? cat.heading || null : null,
      title: name ?? titleOf(text),
      text,
      leadUnits: [],
      cooperatingUnits: [],
      deadlines: [],
      targets: [],
      span: { start: row.start, end: row.end },
    };
    return { draft: { measure, offs: Int32Array.from(offs) }, units };
  });
}

// ---------------------------------------------------------------- goals

function goalParagraphs(root: Node, loose: Paragraph[]): Paragraph[] {
  const out: Paragraph[] = [];
  const walk = (n: Node, inGoal: boolean, depth: number) => {
    const h = n.marker ? headingOf(n) : '';
    const goal = inGoal || (n.marker !== null && h.length <= 15 && GOAL_HEADING.test(h) && isNonMeasure(n, Math.max(depth, 1)));
    if (goal) out.push(...n.paras);
    for (const c of n.children) walk(c, goal, depth + 1);
  };
  for (const c of root.children) walk(c, false, 1);
  for (const p of loose) if (/^(?:总体目标|主要目标|工作目标|具体目标|发展目标)/.test(p.text)) out.push(p);
  return out;
}

export type { Span };
