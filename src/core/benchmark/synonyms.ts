/**
 * The built-in metric synonym table for the 对标 (benchmarking) page.
 *
 * Plans name the same quantity in many ways: "企业开办", "开办企业", "企业设立登记" all state the time
 * it takes to open a business. Each entry maps such variants to one canonical metric so that the
 * targets of different plans line up. Variants are compared after `cleanMetric` (quotes, spaces and
 * 、 removed; a leading scope word such as 全市 or 我州 dropped), first for equality, then as a
 * contained phrase (the longest contained variant wins).
 *
 * How to extend: offices pass their own entries to `normalizeMetric`/`compareTargets` at runtime
 * (they take precedence over these); to extend the built-in table, add an entry here and run
 * `TZ=UTC npx vitest run src/core/benchmark`. Keep entries specific: two measures are only worth
 * comparing when they measure the same thing (办电 with and without 外线工程 are kept apart).
 */
export interface MetricSynonym {
  /** Canonical metric name shown on the 对标 page. */
  canonical: string;
  /** Other printed names; the canonical name itself always matches. */
  variants: readonly string[];
  /** Whether lower values ('lower': times, fees, counts of steps) or higher ones are better. */
  better?: 'lower' | 'higher';
  /**
   * The entry only applies to targets whose unit is of this kind (e.g. 企业开办 "1套材料" is not
   * the 企业开办时间). Ignored when the caller gives no unit.
   */
  kind?: UnitKind;
  /** A metric containing one of these phrases never matches the entry by containment. */
  excludes?: readonly string[];
}

/** Broad kinds of target units, used to keep a synonym from applying to the wrong quantity. */
export type UnitKind = 'duration' | 'percent' | 'money' | 'count';

/** @internal Helper keeping the table compact. */
function m(canonical: string, variants: string[], better: 'lower' | 'higher', kind?: UnitKind, excludes?: string[]): MetricSynonym {
  return { canonical, variants, better, ...(kind ? { kind } : {}), ...(excludes ? { excludes } : {}) };
}

/** Phrases of the "with external works" variants, which must not fall into the "without" entries. */
const WITH_WORKS = ['有外线', '涉及外线', '涉及电力外线', '含外线工程在内'];

/**
 * The built-in synonym table (see the module comment).
 *
 * @example
 * BUILTIN_METRIC_SYNONYMS.find((s) => s.variants.includes('企业设立登记'))?.canonical // '企业开办时间'
 */
export const BUILTIN_METRIC_SYNONYMS: readonly MetricSynonym[] = [
  // 开办企业
  m('企业开办时间', ['企业开办', '开办企业', '企业设立登记', '企业注册登记', '企业开办全流程', '新开办企业', '开办企业时间', '企业开办用时', '企业设立'], 'lower', 'duration'),
  m('企业开办环节', ['开办企业环节', '企业开办环节数'], 'lower', 'count'),
  m('印章刻制时间', ['印章刻制', '刻制印章'], 'lower', 'duration'),
  // 获得电力
  m('低压小微企业办电时间', ['低压小微企业全流程办理时间', '低压小微企业办电', '低压小微企业接电时间', '小微企业办电时间', '低压非居民全过程办电平均时间', '低压非居民办电时间', '获得电力', '办电时间'], 'lower', 'duration', [...WITH_WORKS, '无外线', '无电力外线', '居民', '高压']),
  m('低压办电时间（无外线工程）', ['无电力外线工程的低压用户全过程办电时间', '无外线工程的低压用户办电时间', '无外线工程低压办电'], 'lower', 'duration', WITH_WORKS),
  m('低压办电时间（有外线工程）', ['涉及电力外线工程的低压用户全过程办电时间', '有外线工程的低压用户办电时间', '有外线工程低压办电'], 'lower', 'duration'),
  m('低压居民办电时间', ['低压居民全流程办理时间', '低压居民全过程办电平均时间', '低压居民办电'], 'lower', 'duration'),
  m('高压单电源办电时间', ['高压单电源全过程办电平均时间', '高压单电源供电公司合计办理时限', '高压单电源办电'], 'lower', 'duration'),
  m('高压双电源办电时间', ['高压双电源全过程办电平均时间', '高压双电源供电公司合计办理时限', '高压双电源办电'], 'lower', 'duration'),
  // 获得用水用气
  m('用水报装时间（无外线工程）', ['不含外线工程的用水报装时限', '无外线工程的用水报装时限', '用水报装时限'], 'lower', 'duration', WITH_WORKS),
  m('用气报装时间（无外线工程）', ['不含外线工程的用气报装时限', '无外线工程的用气报装时限', '用气报装时限'], 'lower', 'duration', WITH_WORKS),
  m('用户报装参与环节', ['报装环节', '报装参与环节'], 'lower', 'count', ['无外线', '有外线', '涉及外线']),
  // 登记财产
  m('不动产登记时间', ['不动产登记', '一般不动产登记', '不动产登记办理时间', '不动产转移登记', '一般登记'], 'lower', 'duration', ['抵押']),
  m('不动产抵押登记时间', ['一般抵押登记', '抵押登记', '不动产抵押登记'], 'lower', 'duration'),
  // 办理建筑许可
  m('工程建设项目审批时间', ['工程建设项目全流程审批时限', '工程建设项目全流程在线审批时限', '工程建设项目审批时限', '工程建设项目审批用时', '工程建设项目审批'], 'lower', 'duration'),
  m('社会投资简易低风险项目审批时间', ['新建社会投资简易低风险工程建设项目审批时限', '社会投资简易低风险工程建设项目审批时限', '简易低风险项目审批时限', '简易低风险工程建设项目审批'], 'lower', 'duration'),
  m('政府投资项目审批时间', ['政府投资房屋建筑类和城市基础设施类工程类项目审批用时', '政府投资项目审批用时', '政府投资工程建设项目审批时限'], 'lower', 'duration'),
  // 纳税
  m('纳税时间', ['纳税耗时', '年纳税时间', '纳税时间'], 'lower', 'duration'),
  m('纳税次数', ['企业每年缴纳各种税费', '缴纳税费次数', '年纳税次数'], 'lower', 'count'),
  m('出口退税办理时间', ['正常出口退税业务的平均办理时间', '出口退税平均办理时间', '出口退税办理时间', '出口退税'], 'lower', 'duration'),
  // 跨境贸易
  m('进口整体通关时间', ['进口通关时间', '进口整体通关'], 'lower', 'duration'),
  m('出口整体通关时间', ['出口通关时间', '出口整体通关'], 'lower', 'duration'),
  // 获得信贷
  m('政府性融资担保费率', ['政府性融资担保费率', '融资担保费率', '担保费率'], 'lower', 'percent'),
  m('中小微企业贷款余额', ['中小微企业贷款余额', '小微企业贷款余额', '普惠小微贷款余额'], 'higher', 'money'),
  // 政府采购 / 招投标
  m('政府采购授予中小企业合同金额占比', ['授予中小企业合同金额占全部政府采购合同金额比例', '中小企业合同金额占比', '政府采购中小企业份额'], 'higher', 'percent'),
  m('招投标全流程电子化率', ['招投标活动全流程电子化交易率', '全流程电子化交易率', '招投标全流程电子化'], 'higher', 'percent'),
  m('远程异地评标比例', ['各行业远程异地评标比重', '远程异地评标比重', '远程异地评标率'], 'higher', 'percent'),
  // 执行合同 / 办理破产
  m('破产案件结案率', ['破产案件结案率'], 'higher', 'percent'),
  m('执行到位率', ['民商事案件执行到位率', '执行到位率'], 'higher', 'percent'),
  m('法定审限内结案率', ['审限内结案率', '法定审理期限内结案率'], 'higher', 'percent'),
  // 政务服务
  m('网上办理率', ['全程网办率', '网上可办率', '网上办理率', '清单事项网上办理', '一网通办率'], 'higher', 'percent'),
  m('电子证照应用覆盖率', ['电子证照应用覆盖面', '电子证照应用率'], 'higher', 'percent'),
  m('“双随机、一公开”监管覆盖率', ['双随机一公开监管覆盖率', '双随机一公开抽查事项覆盖率', '双随机一公开抽查覆盖率'], 'higher', 'percent'),
  m('12345热线满意率', ['12345政务服务便民热线办件满意率', '热线办件满意率', '热线满意率', '12345满意率'], 'higher', 'percent'),
  m('12345热线处办率', ['12345政务服务便民热线涉企问题处办率', '热线涉企问题处办率', '热线处办率'], 'higher', 'percent'),
  m('满意率', ['经营主体总体满意率', '总体满意率', '企业满意率', '企业满意度', '满意度', '群众满意率', '办事满意率'], 'higher', 'percent'),
  m('问题整改率', ['整改率', '问题销号率', '销号率'], 'higher', 'percent'),
];
