import type { TFunction } from 'i18next';
import type { Comparator, FigureName, RuleLeaf, RuleNode } from '../../../core/rules/rule-types.ts';
import type { Benefit, SituationTestInput } from '../../api/policies.ts';

export const CMP_KEY: Record<Comparator, string> = { '>=': 'ge', '>': 'gt', '<=': 'le', '<': 'lt', '=': 'eq' };

export function yearWord(t: TFunction, leaf: { year?: number; yearOffset?: number }): string {
  if (leaf.year !== undefined) return t('pol.year.absolute', { year: leaf.year });
  const offset = leaf.yearOffset ?? 0;
  if (offset === 0 || offset === -1 || offset === -2) return t(`pol.year.offset${-offset}`);
  return t('pol.year.ago', { n: -offset });
}

/** A condition in the UI language (the server's traces stay in Chinese, as recorded). */
export function describeLeafT(t: TFunction, leaf: RuleLeaf): string {
  if (leaf.label) return leaf.label;
  const sep = t('pol.listSep');
  switch (leaf.kind) {
    case 'region':
      return t('pol.leaf.region', { name: leaf.regionName });
    case 'industry':
      return t('pol.leaf.industry', { codes: leaf.prefixes.join(sep) });
    case 'size':
      return t('pol.leaf.size', { classes: leaf.classes.map((c) => t(`pol.size.${c}`)).join(sep) });
    case 'age':
      return t('pol.leaf.age', { cmp: t(`pol.cmp.${CMP_KEY[leaf.cmp]}`), years: leaf.years });
    case 'figure':
      return t('pol.leaf.figure', { year: yearWord(t, leaf), name: t(`pol.figure.${leaf.figure}`), cmp: t(`pol.cmp.${CMP_KEY[leaf.cmp]}`), value: leaf.value, unit: t(`pol.unit.${leaf.figure}`) });
    case 'tag':
      return t('pol.leaf.tag', { tag: leaf.tag });
    case 'credit_clear':
      return t('pol.leaf.credit', { flags: leaf.flags.map((f) => t(`pol.credit.${f}`)).join(sep) });
    case 'manual':
      return leaf.text;
  }
}

export function benefitWords(t: TFunction, b: Benefit): string {
  if (b.kind === 'none') return t('pol.benefit.noneText');
  if (b.kind === 'fixed') return t('pol.benefit.fixedText', { amount: b.amount.toLocaleString('zh-CN') });
  const base = t('pol.benefit.percentText', { year: yearWord(t, { yearOffset: b.yearOffset }), figure: t(`pol.figure.${b.figure}`), percent: b.percent });
  return b.cap === null ? base : `${base}${t('pol.benefit.capText', { cap: b.cap.toLocaleString('zh-CN') })}`;
}

export function leavesOfRule(node: RuleNode): RuleLeaf[] {
  if (node.kind === 'all' || node.kind === 'any') return node.items.flatMap(leavesOfRule);
  if (node.kind === 'not') return leavesOfRule(node.item);
  return [node];
}

const shift = (date: string, years: number): string => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

function passingValue(cmp: Comparator, value: number): number {
  if (cmp === '>') return value + 1;
  if (cmp === '<') return Math.max(0, value - 1);
  return value;
}
function failingValue(cmp: Comparator, value: number): number {
  if (cmp === '>=' || cmp === '>' || cmp === '=') return Math.round(value * 0.95 * 100) / 100 === value ? Math.max(0, value - 1) : Math.round(value * 0.95 * 100) / 100;
  return value + Math.max(1, Math.round(value * 0.05));
}

type ProfileDraft = {
  regionPath?: string;
  regionName?: string;
  industryCode?: string;
  sizeClass?: string;
  establishedOn?: string;
  figures: Array<{ year: number } & Partial<Record<FigureName, number>>>;
  tags: Array<{ tag: string }>;
  creditFlags: never[];
};

/** A situation profile that meets every machine-checkable leaf on `asOf` (a person-verified one stays unknown). */
export function passingProfile(leaves: RuleLeaf[], asOf: string): ProfileDraft {
  const p: ProfileDraft = { figures: [], tags: [], creditFlags: [] };
  const year = Number(asOf.slice(0, 4));
  for (const leaf of leaves) {
    switch (leaf.kind) {
      case 'region':
        p.regionPath = `/${leaf.regionId}/`;
        p.regionName = leaf.regionName;
        break;
      case 'industry':
        p.industryCode = leaf.prefixes[0];
        break;
      case 'size':
        p.sizeClass = leaf.classes[0];
        break;
      case 'age': {
        const years = leaf.cmp === '>' ? leaf.years + 1 : leaf.cmp === '<' ? Math.max(0, leaf.years - 1) : leaf.years;
        p.establishedOn = shift(asOf, -years);
        break;
      }
      case 'figure': {
        const y = leaf.year ?? year + (leaf.yearOffset ?? 0);
        let row = p.figures.find((f) => f.year === y);
        if (!row) p.figures.push((row = { year: y }));
        row[leaf.figure] = passingValue(leaf.cmp, leaf.value);
        break;
      }
      case 'tag':
        p.tags.push({ tag: leaf.tag });
        break;
      default:
        break;
    }
  }
  return p;
}

/**
 * Proposed situation tests for a set of leaves: one enterprise that meets everything, one that just misses the
 * first figure (or loses the first tag), and one whose figures are missing (unknown, never false).
 */
export function proposeTests(t: TFunction, leaves: RuleLeaf[], benefit: Benefit, asOf: string): SituationTestInput[] {
  const manual = leaves.some((l) => l.kind === 'manual');
  const good = passingProfile(leaves, asOf);
  const tests: SituationTestInput[] = [
    { name: t(manual ? 'pol.test.autoPassManual' : 'pol.test.autoPass'), asOf, profile: good, expected: manual ? 'unknown' : 'true', ...(benefit.kind === 'fixed' && !manual ? { expectedAmount: benefit.amount } : {}) },
  ];
  const figure = leaves.find((l) => l.kind === 'figure');
  if (figure && figure.kind === 'figure') {
    const y = figure.year ?? Number(asOf.slice(0, 4)) + (figure.yearOffset ?? 0);
    const bad = structuredClone(good);
    const row = bad.figures.find((f) => f.year === y)!;
    row[figure.figure] = failingValue(figure.cmp, figure.value);
    tests.push({ name: t('pol.test.autoNear', { what: t(`pol.figure.${figure.figure}`), value: row[figure.figure] }), asOf, profile: bad, expected: 'false' });
    if (!manual) tests.push({ name: t('pol.test.autoMissing'), asOf, profile: { ...structuredClone(good), figures: [] }, expected: 'unknown' });
  } else {
    const tag = leaves.find((l) => l.kind === 'tag');
    if (tag && tag.kind === 'tag') tests.push({ name: t('pol.test.autoNoTag', { tag: tag.tag }), asOf, profile: { ...structuredClone(good), tags: good.tags.filter((x) => x.tag !== tag.tag) }, expected: 'false' });
  }
  return tests;
}
