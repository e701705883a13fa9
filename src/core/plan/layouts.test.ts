import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePlan } from './parse-plan.ts';

// Plans of other layouts (test/fixtures/plans/<layout>/*.txt beside *.gold.json), scored as
// ../shared/tools/plan-score.mjs scores them (its copy in test/helpers). `heldout/` holds documents
// whose gold was written by hand before the parser was run on them.
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const base = join(root, 'test/fixtures/plans');
const layouts = readdirSync(base).filter((d) => statSync(join(base, d)).isDirectory());

describe('parsePlan on plans of other layouts', () => {
  it('should have a layout folder for tables, notices, paragraph brackets, label lines and articles', () => {
    for (const l of ['table', 'notice', 'paragraphs', 'labels', 'articles', 'heldout']) expect(layouts).toContain(l);
  });
  for (const layout of layouts) {
    it(`should score at least 0.95 on ${layout}/ (and 0.90 on each document)`, async () => {
      const { scorePlan, overall } = await import(join(root, 'test/helpers/plan-score.mjs'));
      const dir = join(base, layout);
      const golds = readdirSync(dir).filter((f) => f.endsWith('.gold.json'));
      expect(golds.length).toBeGreaterThan(0);
      const zero = () => ({ tp: 0, fp: 0, fn: 0 });
      const total: Record<string, { tp: number; fp: number; fn: number }> = { measures: zero(), units: zero(), deadlines: zero(), targets: zero() };
      for (const g of golds) {
        const gold = JSON.parse(readFileSync(join(dir, g), 'utf8'));
        const { plan } = parsePlan(readFileSync(join(dir, gold.source), 'utf8'), { baseYear: gold.baseYear, source: gold.source });
        const s = scorePlan(gold, plan);
        expect(overall(s), g).toBeGreaterThanOrEqual(0.9);
        expect(plan.title, `${g} title`).toBe(gold.title);
        for (const k of Object.keys(total)) for (const f of ['tp', 'fp', 'fn'] as const) total[k][f] += s[k][f];
      }
      expect(overall(total)).toBeGreaterThanOrEqual(0.95);
    });
  }
});
