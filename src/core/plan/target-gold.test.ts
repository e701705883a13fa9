// Measures the deadline and target extractors against the hand-made gold answers of the seed
// plans (../shared/gold), independently of the structure parser: each gold measure's text (and
// each goal paragraph of the seed) is fed to the extractors with the gold baseYear, and the
// result is keyed exactly as ../shared/tools/plan-score.mjs keys it.
//
//   TZ=UTC npx vitest run src/core/plan/target-gold   (prints P/R/F1; YS_GOLD_DIFF=1 lists misses)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractDeadlines } from './deadlines.ts';
import { extractTargets } from './targets.ts';
import type { Deadline, Target } from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));
// The seed plans beside their gold answers (*.gold.json) in the repository's fixtures.
const goldDir = resolve(here, '../../../test/fixtures/seeds');
const seedDir = goldDir;

interface GoldMeasure {
  id: string;
  text: string;
  deadlines: Deadline[];
  targets: Target[];
}
interface GoldPlan {
  source?: string;
  baseYear: number | null;
  goals?: Target[];
  measures: GoldMeasure[];
}

// Same keys as plan-score.mjs.
const fold = (s: unknown) => String(s ?? '').replace(/\s+/g, '');
const normTargetUnit = (u: unknown) => fold(u).replace(/^个(?=工作日|月|小时)/, '').replace('％', '%');
const deadlineKey = (d: Deadline) => d?.date ?? 'text:' + fold(d?.text);
const targetKey = (t: Target) => {
  const unit = normTargetUnit(t?.unit);
  const value = Number(t?.value);
  const op = unit === '%' && value === 100 ? '>=' : t?.op;
  return `${op}|${value}|${unit}`;
};

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
function overlap(gold: string[], pred: string[]): Counts & { missed: string[]; extra: string[] } {
  const pool = new Map<string, number>();
  for (const k of pred) pool.set(k, (pool.get(k) ?? 0) + 1);
  let tp = 0;
  const missed: string[] = [];
  for (const k of gold) {
    const n = pool.get(k) ?? 0;
    if (n > 0) {
      tp++;
      pool.set(k, n - 1);
    } else missed.push(k);
  }
  const extra: string[] = [];
  for (const [k, n] of pool) for (let i = 0; i < n; i++) extra.push(k);
  return { tp, fp: pred.length - tp, fn: gold.length - tp, missed, extra };
}
const f1 = (c: Counts) => (c.tp + c.fp + c.fn === 0 ? 1 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn));
const prf = (c: Counts) => {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  return `P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f1(c).toFixed(3)} (tp ${c.tp} fp ${c.fp} fn ${c.fn})`;
};

function score() {
  const dl: Counts = { tp: 0, fp: 0, fn: 0 };
  const tg: Counts = { tp: 0, fp: 0, fn: 0 };
  const goals: Counts = { tp: 0, fp: 0, fn: 0 };
  const diffs: string[] = [];
  for (const file of readdirSync(goldDir).filter((f) => f.endsWith('.gold.json')).sort()) {
    const gold = JSON.parse(readFileSync(join(goldDir, file), 'utf8')) as GoldPlan;
    const opts = { baseYear: gold.baseYear };
    for (const m of gold.measures) {
      const d = overlap(m.deadlines.map(deadlineKey), extractDeadlines(m.text, opts).map(deadlineKey));
      const predicted = extractTargets(m.text, opts);
      const t = overlap(m.targets.map(targetKey), predicted.map(targetKey));
      for (const [acc, c] of [[dl, d], [tg, t]] as const) {
        acc.tp += c.tp;
        acc.fp += c.fp;
        acc.fn += c.fn;
      }
      if (d.missed.length || d.extra.length) diffs.push(`${file} ${m.id} deadlines missed ${d.missed} extra ${d.extra}`);
      if (t.missed.length || t.extra.length) {
        const extra = t.extra.map((k) => `${k} «${predicted.find((p) => targetKey(p) === k)?.text}»`);
        diffs.push(`${file} ${m.id} targets missed ${t.missed.join(' ')} extra ${extra.join(' ')}`);
      }
    }
    // Goals: run on the seed paragraphs that hold them (a goal paragraph as the structure parser
    // would pass it), so that unrelated numbers in the paragraph count as false positives.
    const seedPath = join(seedDir, gold.source ?? file.replace(/\.json$/, '.txt'));
    if ((gold.goals ?? []).length && existsSync(seedPath)) {
      const lines = readFileSync(seedPath, 'utf8').split(/\r?\n/);
      const paragraphs = new Set<string>();
      for (const g of gold.goals ?? []) {
        const line = lines.find((l) => fold(l).includes(fold(g.text)));
        if (line) paragraphs.add(line);
      }
      const pred = [...paragraphs].flatMap((p) => extractTargets(p, opts));
      const t = overlap((gold.goals ?? []).map(targetKey), pred.map(targetKey));
      goals.tp += t.tp;
      goals.fp += t.fp;
      goals.fn += t.fn;
      if (t.missed.length || t.extra.length) diffs.push(`${file} goals missed ${t.missed} extra ${t.extra}`);
    }
  }
  const targetsAll = { tp: tg.tp + goals.tp, fp: tg.fp + goals.fp, fn: tg.fn + goals.fn };
  return { dl, tg, goals, targetsAll, diffs };
}

describe('extractors against the seed gold', () => {
  it('should reach F1 >= 0.92 for deadlines and targets on gold texts', () => {
    const s = score();
    console.log(
      [
        `deadlines (measures)         ${prf(s.dl)}`,
        `targets   (measures)         ${prf(s.tg)}`,
        `targets   (goal paragraphs)  ${prf(s.goals)}`,
        `targets   (measures + goals) ${prf(s.targetsAll)}`,
        ...(process.env.YS_GOLD_DIFF ? s.diffs : []),
      ].join('\n'),
    );
    expect(f1(s.dl)).toBeGreaterThanOrEqual(0.92);
    expect(f1(s.targetsAll)).toBeGreaterThanOrEqual(0.92);
  });
});

