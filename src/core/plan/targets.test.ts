import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractDeadlines } from './deadlines.ts';
import { extractTargets } from './targets.ts';

const here = dirname(fileURLToPath(import.meta.url));
type Case = { text: string; baseYear: number; deadlines: string[]; targets: string[] };
const fixtureCases = (name: string) =>
  (JSON.parse(readFileSync(resolve(here, '../../../test/fixtures/targets', name), 'utf8')) as { cases: Case[] }).cases;
const fixture = { cases: [...fixtureCases('other-plans.json'), ...fixtureCases('more-plans.json')] };

const key = (t: { op: string; value: number; unit: string }) => `${t.op}|${t.value}|${t.unit}`;
const sorted = (xs: string[]) => [...xs].sort();

describe(extractTargets.name, () => {
  describe('on hand-labelled sentences of other plan styles', () => {
    for (const c of fixture.cases) {
      it(`should label ${c.text.slice(0, 40)}`, () => {
        expect(sorted(extractTargets(c.text, { baseYear: c.baseYear }).map(key))).toEqual(sorted(c.targets));
        expect(extractDeadlines(c.text, { baseYear: c.baseYear }).map((d) => d.date)).toEqual(c.deadlines);
      });
    }
  });

  it('should give metric, text, span and by for a simple limit', () => {
    const text = '2022年底前，纳税耗时不超过60小时。';
    const [t] = extractTargets(text, { baseYear: 2022 });
    expect(t).toMatchObject({ metric: '纳税耗时', op: '<=', value: 60, unit: '小时', by: '2022-12-31' });
    expect(t.text).toBe('纳税耗时不超过60小时');
    expect(text.slice(t.span!.start, t.span!.end)).toBe(t.text);
  });

  it('should give one target per item of a list under one comparison', () => {
    const sut = extractTargets('网上立案率和在线庭审率分别达75%、30%以上。', { baseYear: 2025 });
    expect(sut.map((t) => [t.metric, t.op, t.value, t.unit])).toEqual([
      ['网上立案率', '>=', 75, '%'],
      ['在线庭审率', '>=', 30, '%'],
    ]);
  });

  it('should give one target per metric when several share a value (均)', () => {
    const sut = extractTargets('民事一、二审涉企案件结案率、法定审理期限内结案率均达99%以上。', { baseYear: 2025 });
    expect(sut).toHaveLength(2);
    expect(sut.every((t) => t.op === '>=' && t.value === 99)).toBe(true);
  });

  it('should carry the unit of the last list item to bare items', () => {
    const sut = extractTargets('用水、用气报装时限分别压缩至2个、3个工作日内', { baseYear: 2022 });
    expect(sut.map(key)).toEqual(['<=|2|个工作日', '<=|3|个工作日']);
  });

  it('should fold 万 into the value but keep 万元 and 亿元 as units', () => {
    expect(extractTargets('开展补贴性职业技能培训1.2万人次以上', { baseYear: 2025 }).map(key)).toEqual(['>=|12000|人次']);
    expect(extractTargets('生产供水8000 万立方以上', { baseYear: 2025 }).map(key)).toEqual(['>=|80000000|立方']);
    expect(extractTargets('贷款余额达到350亿元以上', { baseYear: 2025 }).map(key)).toEqual(['>=|350|亿元']);
    expect(extractTargets('减免担保费2000万元', { baseYear: 2025 }).map(key)).toEqual(['>=|2000|万元']);
  });

  it('should fold 万 exactly, without floating-point error', () => {
    expect(extractTargets('托位总数达到5.19万个', { baseYear: 2024 }).map(key)).toEqual(['>=|51900|个']);
    expect(extractTargets('新增学位2.37万个，服务3.3万人次', { baseYear: 2024 }).map(key)).toEqual(['>=|23700|个', '>=|33000|人次']);
  });

  it('should date targets with a plan period or a bare goal year of the same sentence', () => {
    const sut = extractTargets('5年内重点引进20名高端会计人才和40名资深律师。培训500人次。', { baseYear: 2023 });
    expect(sut.map((t) => [t.value, t.by])).toEqual([
      [20, '2027-12-31'],
      [40, '2027-12-31'],
      [500, null],
    ]);
    const [t] = extractTargets('优化流程，2024年实现85%事项“掌上办”。', { baseYear: 2023 });
    expect(t).toMatchObject({ op: '>=', value: 85, unit: '%', by: '2024-12-31' });
    expect(extractTargets('对骨干人才，5年内享受补贴3万元。', { baseYear: 2023 })[0]?.by ?? null).toBeNull();
  });

  describe('counts that describe a scope or make up a total', () => {
    it.each([
      '彻底解决甲镇、乙镇、丙镇3个镇27个行政村饮水问题',
      '解决东区、西区2个街道5.6万居民出行难',
      '覆盖4个县12个乡镇的农村电网改造', // a chain of counts qualifying one noun
      '实施3551人才计划', // a programme's name
    ])('should find no target in %s', (text) => {
      expect(extractTargets(text, { baseYear: 2024 })).toEqual([]);
    });

    it('should keep only the total that the listed parts make up', () => {
      const sut = extractTargets('组织市属名校与12所城区学校、8所乡村学校结对帮扶，组建20个教育联合体。', { baseYear: 2024 });
      expect(sut.map(key)).toEqual(['>=|20|个']);
    });

    it('should keep list items that make up no total', () => {
      expect(extractTargets('新建幼儿园5所、中小学3所', { baseYear: 2024 }).map(key)).toEqual(['>=|5|所', '>=|3|所']);
      expect(extractTargets('与80家企业开展合作，建设30个实训基地', { baseYear: 2024 }).map(key)).toEqual(['>=|80|家', '>=|30|个']);
      expect(extractTargets('建设东区、西区2个产业园，新增企业40家', { baseYear: 2024 }).map(key)).toEqual(['>=|40|家']);
    });
  });

  it('should span each item of a list under one verb from its own start to its counted noun', () => {
    const text = '培训300名乡村医生、500名社区护士和80名康复治疗师';
    const sut = extractTargets(text, { baseYear: 2024 });
    expect(sut.map((t) => [t.metric, t.value, t.text])).toEqual([
      ['乡村医生', 300, '培训300名乡村医生'],
      ['社区护士', 500, '500名社区护士'],
      ['康复治疗师', 80, '80名康复治疗师'],
    ]);
    for (const t of sut) expect(text.slice(t.span!.start, t.span!.end)).toBe(t.text);
  });

  it('should reuse deadlines passed in, and give the same answer as without them', () => {
    const text = '2023年底前，开办企业时间压减至1个工作日以内。';
    const deadlines = extractDeadlines(text, { baseYear: 2023 });
    const given = extractTargets(text, { baseYear: 2023, deadlines });
    expect(given).toEqual(extractTargets(text, { baseYear: 2023 }));
    expect(given[0].by).toBe('2023-12-31');
    // Deadlines handed out are copies: changing them does not leak into the next call.
    deadlines[0].date = '1999-01-01';
    expect(extractDeadlines(text, { baseYear: 2023 })[0].date).toBe('2023-12-31');
    expect(extractTargets(text, { baseYear: 2023 })[0].by).toBe('2023-12-31');
  });

  it('should read the bound that binds from a range', () => {
    expect(extractTargets('审批时限压缩至30-60个工作日', { baseYear: 2022 }).map(key)).toEqual(['<=|60|个工作日']);
    expect(extractTargets('综合成本降低10%-15%', { baseYear: 2022 }).map(key)).toEqual(['>=|10|%']);
  });

  it('should keep only the new value of a baseline change', () => {
    const sut = extractTargets('合同签订期限由法定30日内压缩至10日内', { baseYear: 2022 });
    expect(sut.map(key)).toEqual(['<=|10|日']);
    expect(sut[0].metric).toBe('合同签订期限');
  });

  it('should use = only for exact structures', () => {
    expect(extractTargets('将企业注册登记与印章刻制合并为“1个环节”', { baseYear: 2023 }).map(key)).toEqual(['=|1|个环节']);
    expect(extractTargets('实现企业开办1套材料、1日办结', { baseYear: 2022 }).map(key)).toEqual(['=|1|套', '<=|1|日']);
  });

  it('should skip quoted names, ordinals, scope thresholds and ranks', () => {
    const text =
      '推行“一网通办”和“15分钟服务圈”，建成第十一小学，对单户担保金额500万元及以下的小微企业降费，力争进入全省前三。';
    expect(extractTargets(text, { baseYear: 2022 })).toEqual([]);
  });

  it('should convert Chinese numerals after a comparison word', () => {
    const sut = extractTargets('用户报装参与环节减少为“用户申请、现场勘查、装表接通”三个环节', { baseYear: 2022 });
    expect(sut.map(key)).toEqual(['<=|3|个环节']);
  });

  it('should never throw on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.option(fc.integer({ min: -5, max: 10000 })), (s, y) => {
        const out = extractTargets(s, { baseYear: y ?? null });
        for (const t of out) {
          expect(Number.isFinite(t.value)).toBe(true);
          expect(t.span!.start).toBeGreaterThanOrEqual(0);
          expect(t.span!.end).toBeLessThanOrEqual(s.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('should never throw on plan-like text built from its own vocabulary', () => {
    const piece = fc.constantFrom(
      '达到', '不超过', '以上', '以内', '分别', '、', '，', '。', '“', '”', '（', '）', '由', '压缩至', '万', '亿元', '%',
      '个工作日', '年底前', '6月底前', '2022年', '第', '三', '1.5', '30-60', '均', '率', '等', '的', ' ', '0', '99999999999999999999',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const s = parts.join('');
        expect(() => extractTargets(s, { baseYear: 2023 })).not.toThrow();
        expect(() => extractDeadlines(s, { baseYear: 2023 })).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('should stay linear on a 1 MB string of digits and 以上', () => {
    const digits = '9'.repeat(1 << 20) + '以上';
    const repeated = '1以上、'.repeat(1 << 18);
    const quotes = '“达到1'.repeat(1 << 17);
    for (const s of [digits, repeated, quotes]) {
      const t0 = performance.now();
      extractTargets(s, { baseYear: 2023 });
      extractDeadlines(s, { baseYear: 2023 });
      expect(performance.now() - t0).toBeLessThan(5000);
    }
  });
});
