import { CREDIT_LABELS, FIGURE_LABELS, SIZE_LABELS, type Comparator, type FigureLeaf, type RuleLeaf } from './rule-types.ts';

const CMP_WORDS: Record<Comparator, string> = { '>=': '不低于', '>': '高于', '<=': '不高于', '<': '低于', '=': '等于' };

/** 万元 amounts and head counts without trailing zeros: 2000, 1900.5. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

/** "上年度" / "2025年度" for a figure leaf. */
export function yearWords(leaf: Pick<FigureLeaf, 'year' | 'yearOffset'>): string {
  if (leaf.year !== undefined) return `${leaf.year}年度`;
  const offset = leaf.yearOffset ?? 0;
  if (offset === 0) return '本年度';
  if (offset === -1) return '上年度';
  if (offset === -2) return '前年度';
  return `${-offset}年前`;
}

/** The year a figure leaf reads for an evaluation date. */
export function figureYear(leaf: Pick<FigureLeaf, 'year' | 'yearOffset'>, asOf: string): number {
  return leaf.year ?? Number(asOf.slice(0, 4)) + (leaf.yearOffset ?? 0);
}

/**
 * A leaf in plain Chinese, for lists, traces and the drafter's review.
 * @example describeLeaf({ kind: 'figure', figure: 'revenue', yearOffset: -1, cmp: '>=', value: 2000, … }) === '上年度营业收入不低于2000万元'
 */
export function describeLeaf(leaf: RuleLeaf): string {
  if (leaf.label) return leaf.label;
  switch (leaf.kind) {
    case 'region':
      return `注册地在${leaf.regionName}`;
    case 'industry':
      return `行业属于 ${leaf.prefixes.join('、')}（GB/T 4754-2017）`;
    case 'size':
      return `企业规模为${leaf.classes.map((c) => SIZE_LABELS[c]).join('、')}`;
    case 'age':
      return `成立年限${CMP_WORDS[leaf.cmp]}${leaf.years}年`;
    case 'figure': {
      const f = FIGURE_LABELS[leaf.figure];
      return `${yearWords(leaf)}${f.name}${CMP_WORDS[leaf.cmp]}${formatNumber(leaf.value)}${f.unit}`;
    }
    case 'tag':
      return `具有有效的“${leaf.tag}”认定`;
    case 'credit_clear':
      return `无在列的${leaf.flags.map((k) => CREDIT_LABELS[k]).join('、')}记录`;
    case 'manual':
      return leaf.text;
  }
}

/** The gap words for a failed comparison: "低于2000万元", "少于20人". */
export function gapWords(cmp: Comparator, threshold: string, unit: string): string {
  const people = unit === '人';
  switch (cmp) {
    case '>=':
      return `${people ? '少于' : '低于'}${threshold}${unit}`;
    case '>':
      return `未超过${threshold}${unit}`;
    case '<=':
      return `${people ? '多于' : '高于'}${threshold}${unit}`;
    case '<':
      return `未低于${threshold}${unit}`;
    case '=':
      return `不等于${threshold}${unit}`;
  }
}
