import { FIGURE_LABELS, type Benefit, type EnterpriseProfile } from './rule-types.ts';
import { formatNumber } from './rule-describe.ts';

/** An estimated or decided amount in 元, with the words that explain it; `amount` null when a figure is missing. */
export interface BenefitAmount {
  amount: number | null;
  explanation: string;
}

/**
 * Computes a benefit: a fixed sum, or `percent` of a yearly figure (万元 → 元), capped. Rounded to 分.
 * @example benefitAmount({ kind: 'percent', figure: 'revenue', yearOffset: -1, percent: 1, cap: 500000 }, p, '2026-12-03')
 *   // 1% of 2025 营业收入 3000万元 = 300000 元
 */
export function benefitAmount(benefit: Benefit, profile: EnterpriseProfile, asOf: string): BenefitAmount {
  if (benefit.kind === 'none') return { amount: 0, explanation: '仅发布信息，无资金兑现' };
  if (benefit.kind === 'fixed') return { amount: benefit.amount, explanation: `定额${formatNumber(benefit.amount)}元` };
  const year = Number(asOf.slice(0, 4)) + benefit.yearOffset;
  const label = FIGURE_LABELS[benefit.figure];
  const row = profile.figures.find((f) => f.year === year);
  const base = row ? row[benefit.figure] : null;
  if (base === null || base === undefined) return { amount: null, explanation: `缺少${year}年度${label.name}，无法测算` };
  const baseYuan = benefit.figure === 'employees' ? base : base * 10_000;
  const raw = Math.round(baseYuan * benefit.percent) / 100;
  const capped = benefit.cap !== null && raw > benefit.cap;
  const amount = capped ? benefit.cap! : raw;
  const unit = benefit.figure === 'employees' ? '人' : '万元';
  const explanation = `${year}年度${label.name}${formatNumber(base)}${unit} × ${formatNumber(benefit.percent)}%${capped ? `，封顶${formatNumber(benefit.cap!)}元` : ''}`;
  return { amount, explanation };
}
