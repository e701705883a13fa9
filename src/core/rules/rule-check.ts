import { isIsoDate } from './rule-dates.ts';
import {
  COMPARATORS,
  CREDIT_FLAG_KINDS,
  FIGURE_NAMES,
  SIZE_CLASSES,
  type Benefit,
  type RuleLeaf,
  type RuleNode,
} from './rule-types.ts';

/** One problem found by the type checker, with the JSON path of the offending node. */
export interface RuleIssue {
  path: string;
  message: string;
}

const MAX_DEPTH = 12;
const MAX_NODES = 400;
const INDUSTRY_PREFIX = /^[A-T](\d{0,4})$|^\d{2,4}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown, max = 500): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/**
 * Type-checks an untrusted JSON value against the rule language and the profile schema: known node kinds, known
 * facts (figures, size classes, credit flag kinds), well-formed comparisons, a legal reference on every leaf, unique
 * leaf ids, bounded size.
 * @param value parsed JSON, e.g. a request body field
 * @returns the issues; an empty list means `value` is a {@link RuleNode}
 */
export function checkRule(value: unknown): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const ids = new Set<string>();
  let nodes = 0;
  const visit = (node: unknown, path: string, depth: number): void => {
    nodes += 1;
    if (nodes > MAX_NODES) {
      if (nodes === MAX_NODES + 1) issues.push({ path, message: `规则节点超过 ${MAX_NODES} 个` });
      return;
    }
    if (depth > MAX_DEPTH) return void issues.push({ path, message: `嵌套超过 ${MAX_DEPTH} 层` });
    if (!isObject(node)) return void issues.push({ path, message: '应为对象' });
    const kind = node.kind;
    if (kind === 'all' || kind === 'any') {
      if (!Array.isArray(node.items)) return void issues.push({ path: `${path}.items`, message: '应为数组' });
      node.items.forEach((child, i) => visit(child, `${path}.items[${i}]`, depth + 1));
      return;
    }
    if (kind === 'not') return visit(node.item, `${path}.item`, depth + 1);
    checkLeaf(node, path, issues);
    if (typeof node.id === 'string') {
      if (ids.has(node.id)) issues.push({ path: `${path}.id`, message: `条件编号 ${node.id} 重复` });
      ids.add(node.id);
    }
  };
  visit(value, 'rule', 0);
  return issues;
}

function checkLeaf(node: Record<string, unknown>, path: string, issues: RuleIssue[]): void {
  const add = (field: string, message: string): void => void issues.push({ path: `${path}.${field}`, message });
  if (!isText(node.id, 64)) add('id', '条件须有编号');
  if (!isText(node.ref)) add('ref', '每个条件须注明政策依据（文号、条款）');
  if (node.label !== undefined && !isText(node.label)) add('label', '说明应为非空文字');
  const leaf = node as unknown as RuleLeaf;
  switch (leaf.kind) {
    case 'region':
      if (!isText(leaf.regionId, 64)) add('regionId', '须指定区域');
      if (!isText(leaf.regionName, 100)) add('regionName', '须写明区域名称');
      return;
    case 'industry':
      if (!Array.isArray(leaf.prefixes) || leaf.prefixes.length === 0) return add('prefixes', '须至少一个行业代码前缀');
      leaf.prefixes.forEach((p, i) => {
        if (typeof p !== 'string' || !INDUSTRY_PREFIX.test(p)) add(`prefixes[${i}]`, '行业代码前缀应为 GB/T 4754 门类字母加数字（如 C、C39、I65）');
      });
      return;
    case 'size':
      if (!Array.isArray(leaf.classes) || leaf.classes.length === 0) return add('classes', '须至少一个企业规模');
      leaf.classes.forEach((c, i) => {
        if (!SIZE_CLASSES.includes(c)) add(`classes[${i}]`, `未知企业规模：${String(c)}`);
      });
      return;
    case 'age':
      if (!COMPARATORS.includes(leaf.cmp)) add('cmp', '未知比较符');
      if (!Number.isInteger(leaf.years) || leaf.years < 0 || leaf.years > 200) add('years', '年限应为 0–200 的整数');
      return;
    case 'figure': {
      if (!FIGURE_NAMES.includes(leaf.figure)) add('figure', `未知指标：${String(leaf.figure)}（可用 employees、revenue、assets）`);
      if (!COMPARATORS.includes(leaf.cmp)) add('cmp', '未知比较符');
      if (!isFiniteNumber(leaf.value) || leaf.value < 0) add('value', '阈值应为非负数');
      const hasOffset = leaf.yearOffset !== undefined;
      const hasYear = leaf.year !== undefined;
      if (hasOffset === hasYear) add('yearOffset', '须且只须指定 yearOffset（相对年度）或 year（绝对年度）之一');
      if (hasOffset && (!Number.isInteger(leaf.yearOffset) || leaf.yearOffset! < -10 || leaf.yearOffset! > 0)) add('yearOffset', '相对年度应为 -10 到 0 的整数');
      if (hasYear && (!Number.isInteger(leaf.year) || leaf.year! < 1949 || leaf.year! > 2200)) add('year', '年度不正确');
      return;
    }
    case 'tag':
      if (!isText(leaf.tag, 50)) add('tag', '须指定标签');
      return;
    case 'credit_clear':
      if (!Array.isArray(leaf.flags) || leaf.flags.length === 0) return add('flags', '须至少一种信用记录');
      leaf.flags.forEach((f, i) => {
        if (!CREDIT_FLAG_KINDS.includes(f)) add(`flags[${i}]`, `未知信用记录类型：${String(f)}`);
      });
      return;
    case 'manual':
      if (!isText(leaf.text, 1000)) add('text', '须写明人工核验的内容');
      return;
    default:
      add('kind', `未知条件类型：${String((node as { kind?: unknown }).kind)}`);
  }
}

/**
 * Type-checks a benefit formula.
 * @returns issues, empty when `value` is a {@link Benefit}
 */
export function checkBenefit(value: unknown): RuleIssue[] {
  if (!isObject(value)) return [{ path: 'benefit', message: '应为对象' }];
  const b = value as unknown as Benefit;
  if (b.kind === 'none') return [];
  if (b.kind === 'fixed') return isFiniteNumber(b.amount) && b.amount >= 0 ? [] : [{ path: 'benefit.amount', message: '金额应为非负数' }];
  if (b.kind === 'percent') {
    const issues: RuleIssue[] = [];
    if (!FIGURE_NAMES.includes(b.figure)) issues.push({ path: 'benefit.figure', message: '未知指标' });
    if (!isFiniteNumber(b.percent) || b.percent <= 0 || b.percent > 100) issues.push({ path: 'benefit.percent', message: '比例应在 0–100 之间' });
    if (!Number.isInteger(b.yearOffset) || b.yearOffset < -10 || b.yearOffset > 0) issues.push({ path: 'benefit.yearOffset', message: '相对年度应为 -10 到 0 的整数' });
    if (b.cap !== null && (!isFiniteNumber(b.cap) || b.cap < 0)) issues.push({ path: 'benefit.cap', message: '封顶金额应为非负数或 null' });
    return issues;
  }
  return [{ path: 'benefit.kind', message: '未知奖补方式' }];
}

/** Checks a dated period: ISO dates, `validTo` null or not before `validFrom`. */
export function checkPeriod(validFrom: unknown, validTo: unknown): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (!isIsoDate(validFrom)) issues.push({ path: 'validFrom', message: '应为 YYYY-MM-DD 日期' });
  if (validTo !== null && !isIsoDate(validTo)) issues.push({ path: 'validTo', message: '应为 YYYY-MM-DD 日期或 null' });
  if (isIsoDate(validFrom) && isIsoDate(validTo) && validTo < validFrom) issues.push({ path: 'validTo', message: '截止日期早于起始日期' });
  return issues;
}

/** Every leaf of a rule, depth first. */
export function leavesOf(node: RuleNode): RuleLeaf[] {
  if (node.kind === 'all' || node.kind === 'any') return node.items.flatMap(leavesOf);
  if (node.kind === 'not') return leavesOf(node.item);
  return [node];
}

/** True when no leaf needs a person (免申即享 is possible only then). */
export function isMachineCheckable(node: RuleNode): boolean {
  return leavesOf(node).every((leaf) => leaf.kind !== 'manual');
}
