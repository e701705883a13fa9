import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePlan } from './parse-plan.ts';
import type { Measure, Plan } from './types.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = join(root, 'test/fixtures/plans');
// The five seed plans beside their hand-made gold answers (*.gold.json).
const seeds = join(root, 'test/fixtures/seeds');
const sut = parsePlan;

const ids = (p: Plan) => p.measures.map((m) => m.id);
const one = (text: string, baseYear = 2022) => sut(text, { baseYear }).plan;

describe('parsePlan on the fixtures of other layouts', () => {
  const names = readdirSync(fixtures).filter((f) => f.endsWith('.txt'));
  it('should have an expected file for every fixture', () => {
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const n of names) expect(existsSync(join(fixtures, n.replace(/\.txt$/, '.expected.json')))).toBe(true);
  });
  for (const name of names) {
    it(`should parse ${name} as labelled`, () => {
      const text = readFileSync(join(fixtures, name), 'utf8');
      const want = JSON.parse(readFileSync(join(fixtures, name.replace(/\.txt$/, '.expected.json')), 'utf8'));
      const { plan } = sut(text, { source: name });
      for (const k of ['title', 'issuer', 'region', 'issuedOn', 'baseYear', 'defaultUnits']) expect(plan[k as keyof Plan], k).toEqual(want[k]);
      const pick = (m: Measure) => ({
        id: m.id,
        path: m.path,
        title: m.title,
        text: m.text,
        leadUnits: m.leadUnits,
        cooperatingUnits: m.cooperatingUnits,
        deadlines: m.deadlines.map((d) => d.date),
        targets: m.targets.map((t) => `${t.op}|${t.value}|${t.unit}|${t.by}`),
      });
      expect(plan.measures.map(pick)).toEqual(want.measures.map(pick));
      expect(plan.goals.map((t) => `${t.op}|${t.value}|${t.unit}`)).toEqual(want.goals.map((t: Plan['goals'][0]) => `${t.op}|${t.value}|${t.unit}`));
    });
  }
});

describe('parsePlan on the seed plans against the gold files', () => {
  const golds = readdirSync(seeds).filter((f) => f.endsWith('.gold.json'));
  it('should reach measure and unit F1 of at least 0.95 on every seed', async () => {
    const { scorePlan } = await import(join(root, 'test/helpers/plan-score.mjs'));
    const f1 = (c: { tp: number; fp: number; fn: number }) => (c.tp + c.fp + c.fn === 0 ? 1 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn));
    for (const g of golds) {
      const gold = JSON.parse(readFileSync(join(seeds, g), 'utf8'));
      const text = readFileSync(join(seeds, gold.source), 'utf8');
      const { plan } = sut(text, { baseYear: gold.baseYear, source: gold.source });
      const s = scorePlan(gold, plan);
      expect(f1(s.measures), `${g} measures`).toBeGreaterThanOrEqual(0.95);
      expect(f1(s.units), `${g} units`).toBeGreaterThanOrEqual(0.95);
      expect(f1(s.roles), `${g} roles`).toBeGreaterThanOrEqual(0.95);
      expect(plan.measures.map((m) => m.id)).toEqual(gold.measures.map((m: Measure) => m.id));
      expect(plan.measures.map((m) => m.path)).toEqual(gold.measures.map((m: Measure) => m.path));
      expect(plan.defaultUnits).toEqual(gold.defaultUnits);
    }
  });

  it('should infer the plan year from the document when no option is given', () => {
    for (const g of golds) {
      const gold = JSON.parse(readFileSync(join(seeds, g), 'utf8'));
      const { plan } = sut(readFileSync(join(seeds, gold.source), 'utf8'));
      if (plan.baseYear !== null) expect(plan.baseYear, g).toBe(gold.baseYear);
      expect(plan.title, g).toBe(gold.title);
    }
  });

  it('should give spans that point at each measure in the source', () => {
    for (const g of golds) {
      const gold = JSON.parse(readFileSync(join(seeds, g), 'utf8'));
      const text = readFileSync(join(seeds, gold.source), 'utf8');
      for (const m of sut(text).plan.measures) {
        const src = text.slice(m.span!.start, m.span!.end).replace(/\s+/g, '');
        expect(src.endsWith(m.text.replace(/\s+/g, '').slice(-10)), `${g} ${m.id}`).toBe(true);
        expect(src.includes(m.text.replace(/\s+/g, '').slice(0, 10)), `${g} ${m.id}`).toBe(true);
      }
    }
  });
});

describe('parsePlan numbering', () => {
  it('should read every common numbering style down to the lowest level', () => {
    const text = [
      '第一部分 总体安排',
      '一、政务环境',
      '（一）企业开办',
      '1.开办流程',
      '(1)推行全程网办。内容。',
      '（2）推行一窗通办。内容。',
      '2、登记服务',
      '①推行电子执照。内容。',
      '②推行智能审批。内容。',
    ].join('\n');
    const p = one(text);
    expect(p.measures.map((m) => m.path)).toEqual([
      ['一', '一', '一', '1', '1'],
      ['一', '一', '一', '1', '2'],
      ['一', '一', '一', '2', '①'],
      ['一', '一', '一', '2', '②'],
    ]);
    // ① numbers collide with the (1) ids, so they join the top chapter.
    expect(ids(p)).toEqual(['1', '2', '一.1', '一.2']);
  });

  it('should read Chinese numerals up to 九十九 in chapter numbers', () => {
    const chapters = [];
    for (const [cn, n] of [['九', 9], ['十', 10], ['十一', 11], ['二十', 20], ['四十二', 42], ['九十九', 99]] as const) {
      chapters.push(`（${cn}）第${n}项举措。内容。（责任单位：市发改委）`);
    }
    const p = one('一、任务\n' + chapters.join('\n'));
    expect(ids(p)).toEqual(['9', '10', '11', '20', '42', '99']);
    expect(p.measures[4].path).toEqual(['一', '四十二']);
  });

  it('should keep bare ids when numbering runs on across chapters and join them when it restarts', () => {
    const running = one('一、甲\n1.第一项。内容。\n2.第二项。内容。\n二、乙\n3.第三项。内容。');
    expect(ids(running)).toEqual(['1', '2', '3']);
    const restart = one('一、甲\n1.第一项。内容。\n2.第二项。内容。\n二、乙\n1.第三项。内容。');
    expect(ids(restart)).toEqual(['一.1', '一.2', '二.1']);
  });

  it('should not take decimals, years or counts at the start of a line for numbering', () => {
    const p = one('一、任务\n1.推进改革。全年新增\n1.2万户市场主体。\n2022年底前完成。\n2.第二项。内容。');
    expect(ids(p)).toEqual(['1', '2']);
    expect(p.measures[0].text).toContain('1.2万户');
  });

  it('should leave goal, principle and guarantee chapters out of the measures', () => {
    const p = one(
      '一、总体目标\n到2025年，满意率达到90%以上。\n二、主要任务\n（一）优化服务。内容。\n（二）强化监管。内容。\n三、保障措施\n（一）加强组织领导。内容。\n（二）强化督查考核。内容。',
    );
    expect(p.measures.map((m) => m.title)).toEqual(['优化服务', '强化监管']);
  });

  it('should keep numbered actions of a guarantee chapter when they name units like the others', () => {
    const p = one(
      '一、主要任务\n1.优化服务。内容。（责任单位：市发改委）\n2.强化监管。内容。（责任单位：市场监管局）\n二、保障措施\n3.建立督查机制。内容。（责任单位：市督查室）',
    );
    expect(ids(p)).toEqual(['1', '2', '3']);
  });

  it('should split a measure that starts in the middle of a line after the previous one ended', () => {
    const p = one('一、任务\n11.优化服务。内容。（市商务局负责）12.优化制度。内容。（市场监管局负责）\n13.第三项。内容。');
    expect(ids(p)).toEqual(['11', '12', '13']);
    expect(p.measures[1].leadUnits).toEqual(['市场监管局']);
    expect(p.measures[1].flags).toContain('run-on-numbering');
  });

  it('should split at the number due next even when the title starts with a digit', () => {
    const p = one('一、任务\n1.甲项目。内容。（县文旅局负责）\n2.5G基站建设项目。新建基站100个。（县工信局负责）\n3.丙项目。内容。');
    expect(ids(p)).toEqual(['1', '2', '3']);
    expect(p.measures[1].title).toBe('5G基站建设项目');
    expect(p.measures[0].leadUnits).toEqual(['县文旅局']);
    const wrapped = one('一、任务\n1.甲项目。全年新建道路\n2.3公里。\n2.乙项目。内容。');
    expect(ids(wrapped)).toEqual(['1', '2']);
    expect(wrapped.measures[0].text).toContain('2.3公里');
  });

  it('should leave the 总则 chapter and a purpose article out of the measures of a 第X条 layout', () => {
    const text =
      '第一章  总  则\n第一条  为规范帮办代办服务，结合本县实际，制定本办法。\n第二章  服务\n第二条  推行帮办代办。内容。（责任单位：县政务服务中心）\n第三条  推行容缺受理。内容。（责任单位：县政务服务中心）';
    expect(ids(one(text))).toEqual(['2', '3']);
    const noChapter = '第一条 为提升审批效率，特制定本方案。\n第二条 推行并联审批。内容。（责任单位：县审批局）\n第三条 推行告知承诺。内容。（责任单位：县审批局）';
    expect(ids(one(noChapter))).toEqual(['2', '3']);
  });

  it('should flag a gap in the numbering', () => {
    const { plan, issues } = sut('一、任务\n1.甲。内容。（市发改委负责）\n2.乙。内容。（市发改委负责）\n4.丁。内容。（市发改委负责）');
    expect(plan.measures[2].flags).toContain('numbering-gap');
    expect(issues.map((i) => i.code)).toContain('PLAN_PARSE_NUMBERING_GAP');
  });
});

describe('parsePlan document artefacts', () => {
  it('should join lines broken inside words and drop page numbers between pages', () => {
    const text = '一、任务\n1.推进数字政府建设。全面提升全程网办率和一网通办能力，推动掌上办\n\n— 3 —\n\n、指尖办，打造总客服。（责任单位：市政府办\n公室、市大数据中心）\n2.第二项。内容。（责任单位：市财政局）';
    const p = one(text);
    expect(p.measures[0].text).toBe('推进数字政府建设。全面提升全程网办率和一网通办能力，推动掌上办、指尖办，打造总客服。（责任单位：市政府办公室、市大数据中心）');
    expect(p.measures[0].leadUnits).toEqual(['市政府办公室', '市大数据中心']);
  });

  it('should drop "[bookmark: …]" artefacts', () => {
    const p = one('一、任务\n1.甲。内容。\n[bookmark: _GoBack]2.乙。内[bookmark: x]容。');
    expect(ids(p)).toEqual(['1', '2']);
    expect(p.measures[1].text).toBe('乙。内容。');
  });

  it('should make one measure per topic paragraph of an unnumbered report', () => {
    const text =
      '某区出台措施\n\n聚焦政务服务 打造一流环境\n\n政务服务方面，推行一网通办。\n\n企业开办方面，推行一日办结。\n\n聚焦要素保障\n\n用地保障方面，推行标准地。\n\n来源：某某日报';
    const p = one(text);
    expect(p.measures.map((m) => [m.id, m.path, m.title, m.section])).toEqual([
      ['1', ['一', '1'], '政务服务方面', '聚焦政务服务 打造一流环境'],
      ['2', ['一', '2'], '企业开办方面', '聚焦政务服务 打造一流环境'],
      ['3', ['二', '3'], '用地保障方面', '聚焦要素保障'],
    ]);
  });

  it('should take the option year over the year printed in the document', () => {
    const text = '某市2022年行动方案\n一、任务\n1.甲。6月底前完成。';
    expect(sut(text).plan.baseYear).toBe(2022);
    expect(sut(text, { baseYear: 2024 }).plan.baseYear).toBe(2024);
  });

  it('should report a document without measures instead of failing', () => {
    const { plan, issues } = sut('这只是一段普通的文字，没有任何编号。');
    expect(plan.measures).toEqual([]);
    expect(issues.map((i) => i.code)).toContain('PLAN_PARSE_NO_MEASURES');
  });
});

describe('parsePlan units', () => {
  it('should read default units stated once for all measures', () => {
    const p = one(
      '一、任务\n1.甲。内容。（责任单位：市政府办公室〔市大数据管理局〕、各县区人民政府。以下措施均需各县区人民政府落实，不再一一列出）\n2.乙。内容。（责任单位：市财政局）',
    );
    expect(p.defaultUnits).toEqual(['各县区人民政府']);
    expect(p.measures[0].leadUnits).toEqual(['市政府办公室〔市大数据管理局〕', '各县区人民政府']);
    expect(p.measures[1].leadUnits).toEqual(['市财政局']);
  });

  it('should give children the units their heading states when they print none', () => {
    const p = one('一、任务\n1.优化服务（牵头单位：市发改委）\n（1）甲。内容。\n（2）乙。内容。（责任单位：市财政局）');
    expect(p.measures.map((m) => m.leadUnits)).toEqual([['市发改委'], ['市财政局']]);
    expect(p.measures[0].flags).toContain('units-inherited');
  });

  it('should flag measures without any unit', () => {
    const p = one('一、任务\n1.甲。内容。\n2.乙。内容。');
    expect(p.measures.every((m) => m.flags?.includes('no-units'))).toBe(true);
  });
});

describe('parsePlan metadata', () => {
  it('should read the region from a "X关于印发…的通知" headline', () => {
    expect(one('扬州关于印发优化服务行动方案的通知\n一、任务\n1.甲。内容。').region).toBe('扬州市');
    expect(one('青山县人民政府办公室关于印发优化服务行动方案的通知\n一、任务\n1.甲。内容。').region).toBe('青山县');
  });

  it('should read the region from a joint party and government signature', () => {
    const p = one('关于印发《优化服务的若干规定》的通知\n中共青山县委　青山县人民政府\n2023年5月6日\n优化服务的若干规定\n第一条 推行帮办代办。内容。');
    expect(p.issuer).toBe('中共青山县委 青山县人民政府');
    expect(p.region).toBe('青山县');
  });
});

describe('parsePlan target metrics', () => {
  it('should give an elliptical target the subject of the target before it and flag the measure', () => {
    const p = one('一、任务\n1.优化报装。用户报装环节减少为三个环节，对小微用户，可压减为两个环节。（责任单位：市住建局）');
    expect(p.measures[0].targets.map((t) => [t.metric, t.value])).toEqual([
      ['用户报装环节', 3],
      ['用户报装环节', 2],
    ]);
    expect(p.measures[0].flags).toContain('metric-inferred');
  });

  it('should never leave a target without a metric', () => {
    const p = one('一、任务\n1.压减环节。可压减为两个环节。（责任单位：市住建局）');
    for (const t of p.measures[0].targets) expect(t.metric.length).toBeGreaterThan(0);
  });
});
