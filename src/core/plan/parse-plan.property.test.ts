import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlan } from './parse-plan.ts';
import type { ParseResult } from './types.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const dirs = [join(root, 'test/fixtures/seeds'), join(root, 'test/fixtures/plans')].filter((d) => existsSync(d));
const docs = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(d, f), 'utf8')),
);
const sut = parsePlan;

/** The result is well-formed: arrays where the schema wants them, spans inside the text. */
function checkShape(r: ParseResult, text: string) {
  expect(Array.isArray(r.issues)).toBe(true);
  expect(Array.isArray(r.plan.measures)).toBe(true);
  expect(Array.isArray(r.plan.defaultUnits)).toBe(true);
  const seen = new Set<string>();
  for (const m of r.plan.measures) {
    expect(typeof m.id).toBe('string');
    expect(seen.has(m.id)).toBe(false);
    seen.add(m.id);
    expect(Array.isArray(m.leadUnits) && Array.isArray(m.cooperatingUnits)).toBe(true);
    if (m.span) {
      expect(m.span.start).toBeGreaterThanOrEqual(0);
      expect(m.span.end).toBeLessThanOrEqual(text.length);
      expect(m.span.start).toBeLessThanOrEqual(m.span.end);
    }
  }
  expect(r.issues.some((i) => i.code === 'PLAN_PARSE_FAILED')).toBe(false);
}

// Pieces that real plans are made of, so random documents exercise the outline and unit code.
const token = fc.constantFrom(
  '\n', '\n\n', '一、', '二、', '十二、', '（一）', '(三)', '1.', '2、', '12.', '(1)', '（2）', '①', '第一章', '[bookmark: _GoBack]',
  '— 3 —', '责任单位：', '牵头单位:', '配合单位：', '（', '）', '(', ')', '〔', '〕', '、', '，', '。', '；', '市发改委', '各县区人民政府',
  '按职责分工负责', '牵头', '参与', '负责', '以下措施均需', '落实', '不再一一列出', '2022年底前', '6月底前', '年内', '达到90%以上',
  '1.2万人次', '保障措施', '总体目标', '政务服务方面，', '推进数字政府建设', '　　', ' ', '\t', '\r\n', '\u0000', '\ufeff',
);
const planLike = fc.array(fc.oneof(token, fc.string({ maxLength: 8 })), { maxLength: 200 }).map((xs) => xs.join(''));

describe('parsePlan robustness', () => {
  it('should never throw on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        checkShape(sut(text), text);
      }),
      { numRuns: 300 },
    );
  });

  it('should never throw on random plan-like text', () => {
    fc.assert(
      fc.property(planLike, fc.option(fc.integer({ min: 1990, max: 2100 })), (text, baseYear) => {
        checkShape(sut(text, { baseYear }), text);
      }),
      { numRuns: 400 },
    );
  });

  it('should never throw on truncated or shuffled seeds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: docs.length - 1 }), fc.nat(), fc.nat(), fc.boolean(), (d, a, b, shuffle) => {
        let text = docs[d];
        const from = a % text.length;
        text = text.slice(Math.min(from, b % text.length), Math.max(from, b % text.length));
        if (shuffle) {
          const lines = text.split('\n');
          for (let i = lines.length - 1; i > 0; i--) {
            const j = (a + i * 7919) % (i + 1);
            [lines[i], lines[j]] = [lines[j], lines[i]];
          }
          text = lines.join('\n');
        }
        checkShape(sut(text), text);
      }),
      { numRuns: 120 },
    );
  });

  it('should never throw on binary junk decoded as text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        for (const text of [Buffer.from(bytes).toString('utf8'), Buffer.from(bytes).toString('latin1')]) checkShape(sut(text), text);
      }),
      { numRuns: 150 },
    );
  });

  it('should tolerate inputs that are not strings', () => {
    for (const x of [undefined, null, 42, {}, []] as unknown[]) expect(sut(x as string).plan.measures).toEqual([]);
  });
});

describe('parsePlan scale', () => {
  const build = (bytes: number) => {
    const parts: string[] = [];
    let n = 0;
    for (let i = 0; n < bytes; i++) {
      const d = docs[i % docs.length];
      parts.push(d);
      n += Buffer.byteLength(d);
    }
    return parts.join('\n');
  };
  const time = (text: string) => {
    const t = performance.now();
    const r = sut(text, { baseYear: 2022 });
    return { ms: performance.now() - t, r };
  };

  it('should finish a 10 MB input', { timeout: 120_000 }, () => {
    const text = build(10 * 1024 * 1024);
    const { r } = time(text);
    expect(r.plan.measures.length).toBeGreaterThan(1000);
    expect(new Set(r.plan.measures.map((m) => m.id)).size).toBe(r.plan.measures.length);
  });

  it('should finish a 10 MB line without any line break', { timeout: 120_000 }, () => {
    const text = '推进改革，（市发改委负责）2022年底前达到90%以上；'.repeat(400_000);
    expect(time(text).r.plan).toBeDefined();
  });

  it('should grow roughly linearly with the input', { timeout: 120_000 }, () => {
    const small = build(1024 * 1024);
    const big = build(4 * 1024 * 1024);
    time(small); // warm up
    const a = Math.min(time(small).ms, time(small).ms);
    const b = time(big).ms;
    // 4x the input: allow noise from GC and a shared machine, but not quadratic growth (16x).
    expect(b / a).toBeLessThan(9);
  });
});
