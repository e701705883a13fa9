import { classifySize } from '../../core/enterprise/size-class.ts';
import { shiftYears } from '../../core/rules/rule-dates.ts';
import type { Benefit, Comparator, EnterpriseProfile, RuleLeaf, RuleNode, SituationTest, Truth } from '../../core/rules/rule-types.ts';
import { benefitAmount } from '../../core/rules/rule-benefit.ts';
import type { Database } from '../db/schema.ts';
import type { Transaction } from 'kysely';
import { recordAudit } from '../modules/audit/audit.service.ts';
import type { Actor } from '../modules/auth/auth.actor.ts';
import { hashPassword } from '../modules/auth/auth.passwords.ts';
import { approveBatch, confirmGrant, createBatch, disburseGrant, setSubscriptions } from '../modules/policies/grants.service.ts';
import { setPayeeAccount } from '../modules/policies/payee.service.ts';
import { addRuleVersion, createPolicy } from '../modules/policies/policies.service.ts';
import { insertUser } from '../modules/users/users.queries.ts';
import type { SeedContext, SeedStep } from './demo-seeder.ts';

const SEEDER = { id: null, name: 'demo-seeder' };
const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

type Mode = 'auto' | 'fast' | 'info';
/** A leaf as written in the catalogue: the region leaf is filled in with the demo city, ids and refs are generated. */
type LeafSpec =
  | { kind: 'region' }
  | { kind: 'industry'; prefixes: string[] }
  | { kind: 'size'; classes: ('large' | 'medium' | 'small' | 'micro')[] }
  | { kind: 'age'; cmp: Comparator; years: number }
  | { kind: 'figure'; figure: 'employees' | 'revenue' | 'assets'; cmp: Comparator; value: number }
  | { kind: 'tag'; tag: string }
  | { kind: 'credit_clear'; flags: ('dishonest' | 'abnormal')[] }
  | { kind: 'manual'; text: string };
interface ItemSeed { key: string; title: string; mode: Mode; theme: string; text: string; leaves: LeafSpec[]; benefit: Benefit }
interface PolicySeed { title: string; issuer: string; docNumber: string; contact: string; themes: string[]; legalText: string; items: ItemSeed[] }

const clean: LeafSpec = { kind: 'credit_clear', flags: ['dishonest'] };
const cleanAll: LeafSpec = { kind: 'credit_clear', flags: ['dishonest', 'abnormal'] };
const here: LeafSpec = { kind: 'region' };

/**
 * The demo catalogue of 定西市: real-shaped policies and items, every one marked as an example (示例) — document numbers,
 * amounts and thresholds are plausible, not quoted. About half are 免申即享 (machine-checkable on the registry), some
 * 快申快享 (a person verifies one condition) and some information only.
 */
export const DEMO_POLICIES: PolicySeed[] = [
  {
    title: '定西市促进科技创新发展若干措施',
    issuer: '定西市人民政府',
    docNumber: '定政发〔2025〕12号（示例）',
    contact: '市科技局 0932-8211234',
    themes: ['科技创新'],
    legalText: '第三条 对上年度营业收入500万元以上、在有效期内的高新技术企业，给予一次性奖励10万元。第四条 对入库的科技型中小企业给予2万元奖励。第五条 对上年度营业收入1000万元以上的省级专精特新中小企业给予20万元奖励。第六条 对新建市级以上企业技术中心、重点实验室的企业给予最高30万元补助。',
    items: [
      { key: 'hightech', title: '高新技术企业认定奖励', mode: 'auto', theme: '科技创新', text: '注册地在本市；有效期内的高新技术企业；上年度营业收入500万元以上；无失信记录。', leaves: [here, { kind: 'tag', tag: '高新技术企业' }, { kind: 'figure', figure: 'revenue', cmp: '>=', value: 500 }, clean], benefit: { kind: 'fixed', amount: 100_000 } },
      { key: 'techsme', title: '科技型中小企业入库奖励', mode: 'auto', theme: '科技创新', text: '注册地在本市；入库的科技型中小企业；无失信记录。', leaves: [here, { kind: 'tag', tag: '科技型中小企业' }, clean], benefit: { kind: 'fixed', amount: 20_000 } },
      { key: 'specialised', title: '专精特新中小企业奖励', mode: 'auto', theme: '科技创新', text: '注册地在本市；省级专精特新中小企业；上年度营业收入1000万元以上；无失信记录。', leaves: [here, { kind: 'tag', tag: '专精特新' }, { kind: 'figure', figure: 'revenue', cmp: '>=', value: 1000 }, clean], benefit: { kind: 'fixed', amount: 200_000 } },
      { key: 'rdcentre', title: '企业研发平台建设补助', mode: 'fast', theme: '科技创新', text: '注册地在本市；高新技术企业；新建市级以上企业技术中心或重点实验室。', leaves: [here, { kind: 'tag', tag: '高新技术企业' }, { kind: 'manual', text: '新建市级以上企业技术中心或重点实验室（以认定文件为准）' }], benefit: { kind: 'fixed', amount: 300_000 } },
    ],
  },
  {
    title: '定西市支持工业经济稳增长若干措施',
    issuer: '定西市人民政府办公室',
    docNumber: '定政办发〔2025〕30号（示例）',
    contact: '市工信局 0932-8213456',
    themes: ['工业发展'],
    legalText: '第二条 对上年度营业收入首次达到2000万元的工业企业，给予10万元升规奖励。第三条 对规上工业企业按上年度营业收入的0.1%给予增产增效奖励，最高20万元。第四条 对技改设备投资500万元以上的项目给予最高50万元补助。',
    items: [
      { key: 'upscale', title: '工业企业升规入统奖励', mode: 'auto', theme: '工业发展', text: '注册地在本市；制造业企业；上年度营业收入2000万元以上；无失信记录。', leaves: [here, { kind: 'industry', prefixes: ['C'] }, { kind: 'figure', figure: 'revenue', cmp: '>=', value: 2000 }, clean], benefit: { kind: 'fixed', amount: 100_000 } },
      { key: 'growth', title: '规上工业企业增产增效奖励', mode: 'auto', theme: '工业发展', text: '注册地在本市；制造业；规模以上；上年度营业收入5000万元以上。', leaves: [here, { kind: 'industry', prefixes: ['C'] }, { kind: 'tag', tag: '规上' }, { kind: 'figure', figure: 'revenue', cmp: '>=', value: 5000 }, clean], benefit: { kind: 'percent', figure: 'revenue', yearOffset: -1, percent: 0.1, cap: 200_000 } },
      { key: 'retrofit', title: '工业企业技术改造设备投资补助', mode: 'fast', theme: '工业发展', text: '注册地在本市；制造业；技改项目设备投资500万元以上（以专项审计报告为准）。', leaves: [here, { kind: 'industry', prefixes: ['C'] }, { kind: 'manual', text: '技改项目设备投资额500万元以上（以专项审计报告为准）' }, clean], benefit: { kind: 'fixed', amount: 500_000 } },
    ],
  },
  {
    title: '定西市促进中小微企业健康发展若干措施',
    issuer: '定西市人民政府',
    docNumber: '定政发〔2025〕21号（示例）',
    contact: '市工信局中小企业科 0932-8215678',
    themes: ['中小企业', '金融服务'],
    legalText: '第四条 对吸纳就业200人以上、无失信和经营异常记录的小微企业给予2万元稳岗补贴。第五条 对成立未满1年的小微企业给予5000元开办补贴。第六条 对在本市银行新增流动资金贷款的中小企业给予贴息，最高5万元。第七条 经政府性融资担保机构担保取得贷款的小微企业，担保费补贴最高1万元。',
    items: [
      { key: 'jobs', title: '小微企业稳岗补贴', mode: 'auto', theme: '中小企业', text: '注册地在本市；小型、微型企业；上年度从业人员200人以上；无失信、经营异常记录。', leaves: [here, { kind: 'size', classes: ['small', 'micro'] }, { kind: 'figure', figure: 'employees', cmp: '>=', value: 200 }, cleanAll], benefit: { kind: 'fixed', amount: 20_000 } },
      { key: 'startup', title: '新办小微企业开办补贴', mode: 'auto', theme: '中小企业', text: '注册地在本市；小型、微型企业；成立未满1年。', leaves: [here, { kind: 'size', classes: ['small', 'micro'] }, { kind: 'age', cmp: '<', years: 1 }], benefit: { kind: 'fixed', amount: 5_000 } },
      { key: 'loan', title: '中小企业流动资金贷款贴息', mode: 'fast', theme: '金融服务', text: '注册地在本市；中型、小型、微型企业；上年度在本市银行机构新增流动资金贷款。', leaves: [here, { kind: 'size', classes: ['medium', 'small', 'micro'] }, { kind: 'manual', text: '上年度在本市银行机构新增流动资金贷款（以贷款合同和付息凭证为准）' }, clean], benefit: { kind: 'fixed', amount: 50_000 } },
      { key: 'guarantee', title: '政府性融资担保费补贴', mode: 'fast', theme: '金融服务', text: '注册地在本市；小型、微型企业；经政府性融资担保机构担保取得贷款。', leaves: [here, { kind: 'size', classes: ['small', 'micro'] }, { kind: 'manual', text: '经政府性融资担保机构担保取得贷款（以担保合同为准）' }], benefit: { kind: 'fixed', amount: 10_000 } },
    ],
  },
  {
    title: '定西市进一步稳定和扩大就业若干措施',
    issuer: '定西市人力资源和社会保障局',
    docNumber: '定人社发〔2025〕8号（示例）',
    contact: '市人社局就业科 0932-8217890',
    themes: ['稳岗就业'],
    legalText: '第三条 招用毕业年度高校毕业生并缴纳社会保险满3个月的企业，给予社会保险补贴。第四条 组织职工参加职业技能提升培训的企业，按取证人数给予培训补贴。第五条 以工代训补贴政策按省人社厅规定执行。',
    items: [
      { key: 'graduates', title: '吸纳高校毕业生社会保险补贴', mode: 'fast', theme: '稳岗就业', text: '注册地在本市；招用毕业年度高校毕业生并缴纳社会保险满3个月。', leaves: [here, { kind: 'manual', text: '招用毕业年度高校毕业生并缴纳社会保险满3个月（以社保缴费记录为准）' }, clean], benefit: { kind: 'fixed', amount: 6_000 } },
      { key: 'training', title: '企业职工技能提升培训补贴', mode: 'fast', theme: '稳岗就业', text: '注册地在本市；组织职工参加培训并取得职业资格证书或技能等级证书。', leaves: [here, { kind: 'manual', text: '组织职工参加培训并取得职业资格或技能等级证书（以证书为准）' }], benefit: { kind: 'fixed', amount: 20_000 } },
      { key: 'worktrain', title: '以工代训补贴政策解读', mode: 'info', theme: '稳岗就业', text: '上年度从业人员300人以上的企业可关注，按省人社厅规定执行。', leaves: [here, { kind: 'figure', figure: 'employees', cmp: '>=', value: 300 }], benefit: { kind: 'none' } },
    ],
  },
  {
    title: '定西市推动马铃薯和中医中药产业高质量发展若干措施',
    issuer: '定西市人民政府',
    docNumber: '定政发〔2025〕35号（示例）',
    contact: '市农业农村局 0932-8219012',
    themes: ['农业产业化'],
    legalText: '第三条 对上年度营业收入1000万元以上的马铃薯、中药材精深加工企业给予20万元奖励。第四条 新建冷库容积1000立方米以上的，给予最高30万元补助。',
    items: [
      { key: 'agri', title: '马铃薯、中药材精深加工企业奖励', mode: 'auto', theme: '农业产业化', text: '注册地在本市；农副食品加工、食品制造或医药制造业；上年度营业收入1000万元以上；无失信记录。', leaves: [here, { kind: 'industry', prefixes: ['C13', 'C14', 'C27'] }, { kind: 'figure', figure: 'revenue', cmp: '>=', value: 1000 }, clean], benefit: { kind: 'fixed', amount: 200_000 } },
      { key: 'coldchain', title: '农产品冷链物流设施建设补助', mode: 'fast', theme: '农业产业化', text: '注册地在本市；农业、食品或仓储物流企业；新建冷库容积1000立方米以上。', leaves: [here, { kind: 'industry', prefixes: ['A', 'C14', 'G59'] }, { kind: 'manual', text: '新建冷库容积1000立方米以上（以竣工验收资料为准）' }], benefit: { kind: 'fixed', amount: 300_000 } },
    ],
  },
  {
    title: '定西市促进商贸流通和消费提质扩容若干措施',
    issuer: '定西市商务局',
    docNumber: '定商发〔2025〕6号（示例）',
    contact: '市商务局 0932-8210345',
    themes: ['商贸流通'],
    legalText: '第二条 对上年度营业收入2000万元以上、首次纳入限额以上统计的批发零售和住宿餐饮企业，给予3万元奖励。第三条 电商企业网络零售额奖励按年度申报通知执行。',
    items: [
      { key: 'retail', title: '限额以上商贸企业入库奖励', mode: 'auto', theme: '商贸流通', text: '注册地在本市；批发零售或住宿餐饮业；上年度营业收入2000万元以上；无失信记录。', leaves: [here, { kind: 'industry', prefixes: ['F', 'H'] }, { kind: 'figure', figure: 'revenue', cmp: '>=', value: 2000 }, clean], benefit: { kind: 'fixed', amount: 30_000 } },
      { key: 'ecommerce', title: '电商企业网络零售额奖励（申报通知）', mode: 'info', theme: '商贸流通', text: '零售业企业可关注年度申报通知。', leaves: [here, { kind: 'industry', prefixes: ['F52'] }], benefit: { kind: 'none' } },
    ],
  },
  {
    title: '定西市鼓励外商投资和企业上市挂牌若干措施',
    issuer: '定西市人民政府办公室',
    docNumber: '定政办发〔2025〕41号（示例）',
    contact: '市投资促进局 0932-8216789',
    themes: ['金融服务', '招商引资'],
    legalText: '第三条 对资产总额5000万元以上的外商投资企业给予10万元到资奖励。第四条 企业在新三板挂牌、境内外上市的，分阶段给予奖励，最高100万元。第五条 个体工商户转型升级为企业的，按规定给予奖励。',
    items: [
      { key: 'foreign', title: '外商投资企业到资奖励', mode: 'auto', theme: '招商引资', text: '注册地在本市；外商投资企业；上年度资产总额5000万元以上。', leaves: [here, { kind: 'tag', tag: '外资' }, { kind: 'figure', figure: 'assets', cmp: '>=', value: 5000 }], benefit: { kind: 'fixed', amount: 100_000 } },
      { key: 'listing', title: '企业上市挂牌奖励（政策解读）', mode: 'info', theme: '金融服务', text: '大型企业可对接上市辅导，奖励按上市进度分阶段兑现。', leaves: [here, { kind: 'size', classes: ['large'] }], benefit: { kind: 'none' } },
      { key: 'upgrade', title: '个体工商户转型升级为企业（个转企）指引', mode: 'info', theme: '中小企业', text: '成立未满2年的小微企业可了解个转企支持政策。', leaves: [here, { kind: 'size', classes: ['small', 'micro'] }, { kind: 'age', cmp: '<', years: 2 }], benefit: { kind: 'none' } },
    ],
  },
];

/** The rule of a catalogue item: an `all` of its leaves, each with an id and its clause of the document as `ref`. */
export function ruleOf(item: ItemSeed, policy: PolicySeed, city: { id: string; name: string }): RuleNode {
  const leaves: RuleLeaf[] = item.leaves.map((l, i) => {
    const base = { id: `c${i + 1}`, ref: `${policy.docNumber} 申报条件(${i + 1})` };
    if (l.kind === 'region') return { ...base, kind: 'region', regionId: city.id, regionName: city.name };
    return (l.kind === 'figure' ? { ...base, ...l, yearOffset: -1 } : { ...base, ...l }) as RuleLeaf;
  });
  return { kind: 'all', items: leaves };
}

const FIGURE_PASS: Record<Comparator, (v: number) => number> = { '>=': (v) => v, '>': (v) => v + 1, '<=': (v) => v, '<': (v) => Math.max(0, v - 1), '=': (v) => v };
const FIGURE_FAIL: Record<Comparator, (v: number) => number> = { '>=': (v) => Math.max(0, v - 1), '>': (v) => v, '<=': (v) => v + 1, '<': (v) => v, '=': (v) => v + 1 };

/**
 * Two situation tests for an item: a profile built to meet every machine-checkable condition on its boundary (expected
 * to hold, or unknown when a person must verify one), and the same profile one step short of the first threshold
 * (expected not to hold).
 */
export function situationTestsFor(rule: RuleNode, benefit: Benefit, city: { id: string; path: string; name: string }, asOf: string): SituationTest[] {
  const leaves = (rule as { items: RuleLeaf[] }).items;
  const year = Number(asOf.slice(0, 4)) - 1;
  const figure = { year, employees: 60, revenue: 800, assets: 800, source: '情形测试', asOf };
  const profile: EnterpriseProfile = {
    enterpriseId: 'situation', name: '情形测试企业', regionPath: city.path, regionName: city.name, industryCode: 'C3484', sizeClass: 'small',
    establishedOn: shiftYears(asOf, -5), registrySource: '情形测试', registryAsOf: asOf, figures: [figure], tags: [], creditFlags: [],
  };
  for (const l of leaves) {
    if (l.kind === 'industry') profile.industryCode = l.prefixes[0].padEnd(5, '1');
    if (l.kind === 'size') profile.sizeClass = l.classes[0];
    if (l.kind === 'age') profile.establishedOn = l.cmp === '<' || l.cmp === '<=' ? shiftYears(asOf, 0).replace(/-\d\d$/, '-01') : shiftYears(asOf, -(l.years + 1));
    if (l.kind === 'figure') figure[l.figure] = FIGURE_PASS[l.cmp](l.value);
    if (l.kind === 'tag') profile.tags.push({ tag: l.tag, validFrom: shiftYears(asOf, -1), validTo: shiftYears(asOf, 2), source: '情形测试' });
  }
  const manual = leaves.some((l) => l.kind === 'manual');
  const expected: Truth = manual ? 'unknown' : 'true';
  const amount = benefitAmount(benefit, profile, asOf).amount;
  const pass: SituationTest = { name: manual ? '满足全部机器条件，待人工核验' : '恰好满足全部条件（边界值）', asOf, profile, expected, expectedAmount: expected === 'true' ? amount : undefined };
  const broken: EnterpriseProfile = JSON.parse(JSON.stringify(profile));
  const target = leaves.find((l) => l.kind === 'figure' || l.kind === 'tag') ?? leaves[0];
  let name = '注册地不在本市';
  if (target.kind === 'figure') {
    broken.figures[0][target.figure] = FIGURE_FAIL[target.cmp](target.value);
    name = `${target.figure === 'revenue' ? '营业收入' : target.figure === 'employees' ? '从业人员' : '资产总额'}差一点未达标`;
  } else if (target.kind === 'tag') {
    broken.tags = broken.tags.filter((t) => t.tag !== target.tag);
    name = `无“${target.tag}”认定`;
  } else broken.regionPath = '/00000000-0000-0000-0000-000000000000/';
  return [pass, { name, asOf, profile: broken, expected: 'false' }];
}

/** A service actor for a seeded user (what a session would carry). */
async function actorOf(trx: Transaction<Database>, userId: string): Promise<Actor> {
  const u = await trx
    .selectFrom('users as u')
    .leftJoin('regions as r', 'r.id', 'u.region_id')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.unit_id', 'un.name as unit_name', 'u.region_id', 'r.name as region_name', 'r.path', 'u.enterprise_id'])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, unitId: u.unit_id, unitName: u.unit_name, regionId: u.region_id, regionName: u.region_name, regionPath: u.path, enterpriseId: u.enterprise_id, sessionId: 'demo-seeder', csrfToken: '' };
}

/** The demo enterprise's registry facts, fixed so its 政策体检 tells the same story on every install. */
async function shapeDemoEnterprise(trx: Transaction<Database>, enterpriseId: string, now: Date) {
  const year = now.getUTCFullYear() - 1;
  const asOf = `${year + 1}-03-31` <= isoDay(now) ? `${year + 1}-03-31` : isoDay(new Date(now.getTime() - DAY));
  const figures = { employees: 218, revenue: 1860, assets: 2400 };
  const size = classifySize('C3981', figures, asOf);
  await trx
    .updateTable('enterprises')
    .set({ industry_code: 'C3981', size_class: size.ok ? size.sizeClass : 'small', size_rule: size.rule, established_on: isoDay(new Date(now.getTime() - 8.4 * 365 * DAY)) })
    .where('id', '=', enterpriseId)
    .execute();
  await trx.deleteFrom('enterprise_figures').where('enterprise_id', '=', enterpriseId).execute();
  await trx.insertInto('enterprise_figures').values([
    { enterprise_id: enterpriseId, year: year - 1, employees: 196, revenue: 1520, assets: 2100, source: '统计部门年报', as_of: `${year}-03-31` },
    { enterprise_id: enterpriseId, year, ...figures, source: '统计部门年报', as_of: asOf },
  ]).execute();
  await trx.deleteFrom('enterprise_tags').where('enterprise_id', '=', enterpriseId).execute();
  await trx.insertInto('enterprise_tags').values([
    { enterprise_id: enterpriseId, tag: '高新技术企业', valid_from: isoDay(new Date(now.getTime() - 420 * DAY)), valid_to: isoDay(new Date(now.getTime() + 675 * DAY)), source: '省科技厅高新技术企业认定' },
    { enterprise_id: enterpriseId, tag: '科技型中小企业', valid_from: isoDay(new Date(now.getTime() - 150 * DAY)), valid_to: isoDay(new Date(now.getTime() + 215 * DAY)), source: '科技型中小企业评价入库' },
  ]).execute();
  await trx.deleteFrom('enterprise_credit_flags').where('enterprise_id', '=', enterpriseId).execute();
  await recordAudit(trx, { actor: SEEDER, action: 'update', entity: 'enterprise', entityId: enterpriseId, after: { industryCode: 'C3981', figures: { year, ...figures }, tags: ['高新技术企业', '科技型中小企业'] }, at: now });
}

/**
 * `days` before today at `hour` UTC, but never before 1 January: a batch decides on 上年度 figures, which the registry
 * holds for last year only, so early in January the month of history is pressed into the days since New Year.
 */
const at = (now: Date, days: number, hour = 2) => {
  const today = Math.floor(now.getTime() / DAY) * DAY;
  const sinceNewYear = Math.round((today - Date.UTC(now.getUTCFullYear(), 0, 1)) / DAY);
  return new Date(Math.min(now.getTime(), today + Math.max(days, -sinceNewYear) * DAY + hour * 3600_000));
};

/**
 * Demo policy supermarket, through the real services (audit, pushes, signatures): the catalogue above published with
 * rule versions that pass their situation tests; the 高新技术企业奖励 batch run by `office` a month ago and approved
 * by `office2` (four eyes), confirmed by a dozen enterprises and partly paid; the 专精特新 batch run by `office2` and
 * approved by `office`; the 精深加工 batch waiting for approval. The demo `enterprise` (an 电子元件 maker with
 * 营业收入1860万元) qualifies for three items, nearly qualifies for 升规奖励 and 专精特新, and has its 高新 grant
 * waiting for its one-tap confirmation.
 */
export async function seedPolicies(ctx: SeedContext): Promise<void> {
  const { trx, ids, now, argon2MemoryKib } = ctx;
  const cityId = ids.get('region:city');
  const officeId = ids.get('user:office');
  const office2Id = ids.get('user:office2');
  const demoId = ids.get('enterprise:demo');
  const demoUserId = ids.get('user:enterprise');
  if (!cityId || !officeId || !office2Id || !demoId || !demoUserId) return;
  const city = await trx.selectFrom('regions').select(['id', 'name', 'path']).where('id', '=', cityId).executeTakeFirstOrThrow();
  const office = await actorOf(trx, officeId);
  const office2 = await actorOf(trx, office2Id);
  const demo = await actorOf(trx, demoUserId);
  const today = isoDay(now);
  const year = now.getUTCFullYear();
  const validFrom = `${year - 1}-01-01`;
  const validTo = `${year + 1}-12-31`;

  await shapeDemoEnterprise(trx, demoId, now);
  await setPayeeAccount(trx, demo, { bankName: '甘肃银行定西分行', accountName: demo.displayName.replace(/ 经办人$/, ''), accountNo: '6228480012345678901' }, at(now, -60));
  await setSubscriptions(trx, demo, ['科技创新', '工业发展', '中小企业'], at(now, -60));

  const itemIds = new Map<string, string>();
  for (const [pi, p] of DEMO_POLICIES.entries()) {
    const created = await createPolicy(trx, office, { title: p.title, issuer: p.issuer, docNumber: p.docNumber, effectiveFrom: validFrom, effectiveTo: validTo, legalText: p.legalText, contact: p.contact, themes: p.themes, isExample: true, items: p.items.map((i) => ({ title: i.title, mode: i.mode, theme: i.theme, conditionsText: i.text })) }, at(now, -75 + pi));
    for (const [ii, item] of p.items.entries()) {
      const itemId = created.items.find((x) => x.title === item.title)!.id;
      itemIds.set(item.key, itemId);
      const rule = ruleOf(item, p, city);
      const tests = situationTestsFor(rule, item.benefit, city, today).map((t) => ({ ...t, profile: t.profile as unknown as Record<string, unknown> }));
      await addRuleVersion(trx, office, itemId, { validFrom, validTo, rule: rule as never, benefit: item.benefit as never, tests: tests as never }, at(now, -60 + pi, 3 + ii));
    }
  }

  // 高新技术企业认定奖励: run by office, approved by office2; a dozen confirm, eight are paid; the demo enterprise waits.
  const hightech = await createBatch(trx, office, itemIds.get('hightech')!, { periodLabel: `${year}年第一批` }, at(now, -30));
  await approveBatch(trx, office2, hightech.id, at(now, -28, 6));
  const others = (await trx.selectFrom('grants').select(['id', 'enterprise_id']).where('batch_id', '=', hightech.id).where('enterprise_id', '!=', demoId).orderBy('amount', 'desc').orderBy('id').execute()).slice(0, 12);
  const specialised = await createBatch(trx, office2, itemIds.get('specialised')!, { periodLabel: `${year}年第一批` }, at(now, -20));
  await approveBatch(trx, office, specialised.id, at(now, -19, 7));
  const others2 = (await trx.selectFrom('grants').select(['id', 'enterprise_id']).where('batch_id', '=', specialised.id).where('enterprise_id', '!=', demoId).orderBy('id').execute()).slice(0, 6);
  await createBatch(trx, office, itemIds.get('agri')!, { periodLabel: `${year}年度` }, at(now, -2));

  // The enterprises that confirmed: each has a 经办人 account and a payee account on file, as a real one would.
  const confirmers = [...new Set([...others, ...others2].map((g) => g.enterprise_id))];
  const names = new Map((await trx.selectFrom('enterprises').select(['id', 'name', 'region_id']).where('id', 'in', confirmers.length ? confirmers : [demoId]).execute()).map((e) => [e.id, e] as const));
  const passwordHash = await hashPassword(`${Math.random()}${Date.now()}`, argon2MemoryKib);
  const actors = new Map<string, Actor>();
  for (const [i, enterpriseId] of confirmers.entries()) {
    const e = names.get(enterpriseId)!;
    const username = `dx-qy${String(i + 1).padStart(2, '0')}`;
    const { id } = await insertUser(trx, { username, display_name: `${e.name} 经办人`, role: 'enterprise', unit_id: null, region_id: e.region_id, enterprise_id: enterpriseId, password_hash: passwordHash, updated_at: now, password_changed_at: now });
    await recordAudit(trx, { actor: SEEDER, action: 'create', entity: 'user', entityId: id, regionId: e.region_id, after: { username, role: 'enterprise', enterpriseId, disabled: false }, at: now });
    const actor = await actorOf(trx, id);
    actors.set(enterpriseId, actor);
    await setPayeeAccount(trx, actor, { bankName: ['中国农业银行定西分行', '甘肃银行定西分行', '定西农村商业银行'][i % 3], accountName: e.name, accountNo: `62284800${String(10_000_000_000 + i * 7_919_113).slice(-11)}` }, at(now, -29));
  }
  for (const [i, g] of others.entries()) {
    await confirmGrant(trx, actors.get(g.enterprise_id)!, g.id, at(now, -27 + (i % 5), 3 + i));
    if (i < 8) await disburseGrant(trx, office, g.id, at(now, -14 + (i % 4), 8));
  }
  for (const [i, g] of others2.entries()) {
    await confirmGrant(trx, actors.get(g.enterprise_id)!, g.id, at(now, -18 + (i % 3), 4 + i));
    if (i < 2) await disburseGrant(trx, office2, g.id, at(now, -7, 8));
  }
}

export const policySeedStep: SeedStep = { name: 'policies', run: seedPolicies };
