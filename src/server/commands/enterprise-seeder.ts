import { sql } from 'kysely';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '../../core/enterprise/credit-code.ts';
import { classifySize } from '../../core/enterprise/size-class.ts';
import type { SizeClass } from '../db/schema-enterprises.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { hashPassword } from '../modules/auth/auth.passwords.ts';
import { divisionCodeOfRegion } from '../modules/enterprises/enterprises.divisions.ts';
import { insertUser } from '../modules/users/users.queries.ts';
import type { SeedStep } from './demo-seeder.ts';

/** How many synthetic enterprises the demo has. */
export const DEMO_ENTERPRISE_COUNT = 2000;
export const DEMO_ENTERPRISE_USERNAME = 'enterprise';

const SEEDER = { id: null, name: 'demo-seeder' };

/** mulberry32: a small deterministic PRNG so every demo install has the same registry. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BRAND_A = ['恒', '华', '鑫', '瑞', '泰', '盛', '博', '安', '宏', '中', '金', '天', '永', '祥', '嘉', '新', '海', '凯', '信', '德', '源', '丰', '科', '明', '佳', '润', '远', '腾', '达', '诚'];
const BRAND_B = ['达', '源', '通', '泰', '晟', '远', '创', '宇', '辉', '昌', '峰', '锦', '禾', '翔', '弘', '誉', '邦', '光', '利', '众', '和', '越', '航', '尚', '顺', '益', '卓', '铭', '立', '捷'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '建华', '志强', '海燕', '国庆'];
const STREETS = ['人民路', '建设大道', '长江路', '黄山路', '科技大道', '创新大道', '工业园路', '经开大道', '滨湖路', '文化路'];

/** Real GB/T 4754-2017 codes with a word for the name and the share of the registry (manufacturing first, as in a 地级市). */
export const DEMO_INDUSTRIES: { code: string; word: string; weight: number }[] = [
  { code: 'C3311', word: '钢结构', weight: 6 },
  { code: 'C3484', word: '机械零部件', weight: 6 },
  { code: 'C3670', word: '汽车零部件', weight: 6 },
  { code: 'C3981', word: '电子元件', weight: 5 },
  { code: 'C2651', word: '新材料', weight: 3 },
  { code: 'C1431', word: '食品', weight: 4 },
  { code: 'C1819', word: '服饰', weight: 3 },
  { code: 'C2927', word: '塑料制品', weight: 3 },
  { code: 'C3841', word: '新能源', weight: 3 },
  { code: 'E4710', word: '建设工程', weight: 5 },
  { code: 'E4910', word: '电气安装', weight: 2 },
  { code: 'F5175', word: '机电设备', weight: 6 },
  { code: 'F5211', word: '商贸', weight: 6 },
  { code: 'F5261', word: '汽车销售', weight: 2 },
  { code: 'G5431', word: '物流', weight: 4 },
  { code: 'G5990', word: '仓储', weight: 2 },
  { code: 'H6110', word: '酒店', weight: 2 },
  { code: 'H6210', word: '餐饮', weight: 4 },
  { code: 'I6513', word: '软件', weight: 5 },
  { code: 'I6450', word: '网络科技', weight: 3 },
  { code: 'K7010', word: '房地产开发', weight: 2 },
  { code: 'K7020', word: '物业管理', weight: 2 },
  { code: 'L7212', word: '投资管理', weight: 2 },
  { code: 'M7320', word: '工程技术', weight: 3 },
  { code: 'M7484', word: '工程设计', weight: 2 },
  { code: 'A0141', word: '蔬菜种植', weight: 2 },
  { code: 'A0311', word: '畜牧', weight: 1 },
  { code: 'O8010', word: '家政服务', weight: 1 },
  { code: 'P8393', word: '培训', weight: 1 },
  { code: 'Q8415', word: '医疗', weight: 1 },
];
const SIZE_PLAN: { size: SizeClass; share: number }[] = [
  { size: 'large', share: 0.03 },
  { size: 'medium', share: 0.12 },
  { size: 'small', share: 0.4 },
  { size: 'micro', share: 0.45 },
];
const TAGS = ['高新技术企业', '专精特新', '规上', '外资', '科技型中小企业', '小巨人'];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}
function weighted<T extends { weight: number }>(rand: () => number, items: readonly T[]): T {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let r = rand() * total;
  for (const item of items) if ((r -= item.weight) < 0) return item;
  return items[items.length - 1];
}
function sizeFor(rand: () => number): SizeClass {
  let r = rand();
  for (const s of SIZE_PLAN) if ((r -= s.share) < 0) return s.size;
  return 'micro';
}

/** Plausible yearly figures (万元 / persons) for a size class; the class itself is computed from them by the 300号 rule. */
function figuresFor(rand: () => number, size: SizeClass) {
  const span = (lo: number, hi: number) => Math.round(lo + rand() * (hi - lo));
  switch (size) {
    case 'large':
      return { employees: span(1000, 5000), revenue: span(40000, 300000), assets: span(40000, 400000) };
    case 'medium':
      return { employees: span(300, 999), revenue: span(2000, 39000), assets: span(5000, 39000) };
    case 'small':
      return { employees: span(20, 299), revenue: span(300, 1900), assets: span(300, 4900) };
    default:
      return { employees: span(2, 19), revenue: span(10, 290), assets: span(10, 290) };
  }
}

function creditCode(rand: () => number, regionCode: string): string {
  const body = Array.from({ length: 9 }, () => pick(rand, CREDIT_CODE_ALPHABET.split(''))).join('');
  const first17 = `91${regionCode}${body}`;
  return first17 + creditCodeCheckChar(first17);
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

export interface SyntheticEnterprise {
  regionId: string;
  creditCode: string;
  name: string;
  legalRepName: string;
  legalRepPhone: string;
  legalRepIdNumber: string;
  registrationAuthority: string;
  establishedOn: string;
  registeredCapital: number;
  industryCode: string;
  address: string;
  size: SizeClass;
  figures: { employees: number; revenue: number; assets: number };
  tags: { tag: string; validFrom: string; validTo: string | null }[];
  flags: { kind: 'dishonest' | 'abnormal'; since: string; note: string }[];
}

/**
 * The synthetic registry: `count` enterprises spread over `regions`, the same for the same seed and `now` (dates are
 * relative to `now`, so the demo looks right on any day).
 */
export function synthesizeEnterprises(regions: { id: string; name: string; code: string }[], count: number, now: Date, seed = 20261203): SyntheticEnterprise[] {
  const rand = prng(seed);
  const seen = new Set<string>();
  const out: SyntheticEnterprise[] = [];
  for (let i = 0; i < count; i++) {
    const region = regions[i % regions.length];
    const industry = weighted(rand, DEMO_INDUSTRIES);
    let name: string;
    do {
      name = `${region.name.replace(/(市|县|区)$/, '')}${pick(rand, BRAND_A)}${pick(rand, BRAND_B)}${industry.word}${rand() < 0.2 ? '股份' : ''}有限公司`;
    } while (seen.has(name) && (name = `${name.slice(0, -4)}${i}有限公司`) && seen.has(name));
    seen.add(name);
    const size = sizeFor(rand);
    const established = addDays(now, -Math.round(200 + rand() * 365 * 25));
    const tags: SyntheticEnterprise['tags'] = [];
    if ((size === 'large' || size === 'medium') && rand() < 0.7) tags.push({ tag: '规上', validFrom: isoDate(addDays(now, -700)), validTo: null });
    if (industry.code.startsWith('C') || industry.code.startsWith('I')) {
      if (rand() < 0.12) tags.push({ tag: '高新技术企业', validFrom: isoDate(addDays(now, -Math.round(rand() * 900))), validTo: isoDate(addDays(now, Math.round(200 + rand() * 700))) });
      if (rand() < 0.06) tags.push({ tag: '专精特新', validFrom: isoDate(addDays(now, -Math.round(rand() * 600))), validTo: isoDate(addDays(now, Math.round(300 + rand() * 800))) });
      if (rand() < 0.1) tags.push({ tag: '科技型中小企业', validFrom: isoDate(addDays(now, -Math.round(rand() * 300))), validTo: isoDate(addDays(now, 65)) });
    }
    if (rand() < 0.04) tags.push({ tag: '外资', validFrom: null as unknown as string, validTo: null });
    if (rand() < 0.03) tags.push({ tag: '高新技术企业', validFrom: isoDate(addDays(now, -1500)), validTo: isoDate(addDays(now, -400)) });
    const flags: SyntheticEnterprise['flags'] = [];
    if (rand() < 0.03) flags.push({ kind: 'abnormal', since: isoDate(addDays(now, -Math.round(rand() * 500))), note: '未按规定期限公示年度报告' });
    if (rand() < 0.008) flags.push({ kind: 'dishonest', since: isoDate(addDays(now, -Math.round(rand() * 700))), note: '被人民法院列入失信被执行人名单' });
    const birth = addDays(now, -Math.round(365 * (28 + rand() * 30)));
    const idFirst17 = `${region.code}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(Math.floor(rand() * 1000)).padStart(3, '0')}`;
    out.push({
      regionId: region.id,
      creditCode: (() => {
        let code: string;
        do code = creditCode(rand, region.code);
        while (seen.has(code));
        seen.add(code);
        return code;
      })(),
      name,
      legalRepName: pick(rand, SURNAMES) + pick(rand, GIVEN),
      legalRepPhone: `1${pick(rand, ['38', '39', '51', '58', '80', '86', '89'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
      legalRepIdNumber: idFirst17 + pick(rand, '0123456789X'.split('')),
      registrationAuthority: `${region.name}市场监督管理局`,
      establishedOn: isoDate(established),
      registeredCapital: size === 'large' ? Math.round(5000 + rand() * 50000) : size === 'medium' ? Math.round(1000 + rand() * 5000) : Math.round(10 + rand() * 1000),
      industryCode: industry.code,
      address: `${region.name}${pick(rand, STREETS)}${1 + Math.floor(rand() * 999)}号`,
      size,
      figures: figuresFor(rand, size),
      tags,
      flags,
    });
  }
  return out;
}

const BATCH = 500;

/** The class and rule computed from the figures by the 300号 rule (the plan's `size` only shapes the figures). */
function sizeColumns(e: SyntheticEnterprise, on: string) {
  const result = classifySize(e.industryCode, e.figures, on);
  return result.ok ? { size_class: result.sizeClass, size_rule: result.rule } : { size_class: null, size_rule: result.rule };
}

/**
 * Seeds the demo registry into the office's city and its child regions (read from the database), in batched inserts,
 * and the demo `enterprise` account bound to the first enterprise, with the same demo password as the staff accounts.
 */
export const enterpriseSeedStep: SeedStep = {
  name: 'enterprises',
  async run({ trx, ids, argon2MemoryKib, now }) {
    const cityId = ids.get('region:city')!;
    const regions = await trx.selectFrom('regions').select(['id', 'name', 'code', 'parent_id']).where((eb) => eb.or([eb('id', '=', cityId), eb('parent_id', '=', cityId)])).orderBy('path').execute();
    const city = regions.find((r) => r.id === cityId)!;
    const cityCode = divisionCodeOfRegion(city) ?? '340100';
    const coded = regions.map((r) => ({ id: r.id, name: r.name, code: divisionCodeOfRegion(r) ?? cityCode }));
    const year = now.getUTCFullYear() - 1;
    const asOf = `${year + 1}-03-31`;
    const synthetic = synthesizeEnterprises(coded, DEMO_ENTERPRISE_COUNT, now);
    const idByCode = new Map<string, string>();
    for (let i = 0; i < synthetic.length; i += BATCH) {
      const chunk = synthetic.slice(i, i + BATCH);
      const rows = await trx
        .insertInto('enterprises')
        .values(
          chunk.map((e) => ({
            region_id: e.regionId,
            credit_code: e.creditCode,
            name: e.name,
            legal_rep_name: e.legalRepName,
            legal_rep_phone: e.legalRepPhone,
            legal_rep_id_number: e.legalRepIdNumber,
            registration_authority: e.registrationAuthority,
            established_on: e.establishedOn,
            registered_capital: e.registeredCapital,
            industry_code: e.industryCode,
            address: e.address,
            ...sizeColumns(e, asOf),
            updated_at: now,
          })),
        )
        .returning(['id', 'credit_code'])
        .execute();
      for (const r of rows) idByCode.set(r.credit_code, r.id);
      const figures = chunk.map((e) => ({ enterprise_id: idByCode.get(e.creditCode)!, year, ...e.figures, source: '统计部门年报', as_of: asOf }));
      await trx.insertInto('enterprise_figures').values(figures).execute();
      const tags = chunk.flatMap((e) => e.tags.map((t) => ({ enterprise_id: idByCode.get(e.creditCode)!, tag: t.tag, valid_from: t.validFrom ?? null, valid_to: t.validTo, source: t.tag === '规上' ? '统计部门' : t.tag === '外资' ? '商务部门' : '科技/工信部门认定' })));
      if (tags.length) await trx.insertInto('enterprise_tags').values(tags).execute();
      const flags = chunk.flatMap((e) => e.flags.map((f) => ({ enterprise_id: idByCode.get(e.creditCode)!, kind: f.kind, since: f.since, until: null, source: f.kind === 'dishonest' ? '信用中国' : '国家企业信用信息公示系统', note: f.note })));
      if (flags.length) await trx.insertInto('enterprise_credit_flags').values(flags).execute();
      const contacts = chunk.map((e, k) => ({ enterprise_id: idByCode.get(e.creditCode)!, name: pick(prng(i + k), SURNAMES) + pick(prng(i + k + 7), GIVEN), phone: `139${String((i + k) * 7919 % 1e8).padStart(8, '0')}`, title: '经办人', is_primary: true }));
      await trx.insertInto('enterprise_contacts').values(contacts).execute();
    }
    await trx
      .insertInto('enterprise_events')
      .columns(['enterprise_id', 'kind', 'title', 'at'])
      .expression((eb) =>
        eb.selectFrom('enterprises as e').innerJoin('regions as r', 'r.id', 'e.region_id').select([
          'e.id',
          sql<string>`'registry.imported'`.as('kind'),
          sql<string>`'登记信息导入企业库'`.as('title'),
          sql<Date>`${now}::timestamptz`.as('at'),
        ]).where('e.id', 'in', [...idByCode.values()]),
      )
      .execute();

    // The demo enterprise account acts for the first enterprise of the city itself.
    const first = synthetic.find((e) => e.regionId === cityId) ?? synthetic[0];
    const enterpriseId = idByCode.get(first.creditCode)!;
    ids.set('enterprise:demo', enterpriseId);
    const passwordHash = await hashPassword('yingshang-demo', argon2MemoryKib);
    const { id } = await insertUser(trx, {
      username: DEMO_ENTERPRISE_USERNAME,
      display_name: `${first.name} 经办人`,
      role: 'enterprise',
      unit_id: null,
      region_id: first.regionId,
      enterprise_id: enterpriseId,
      password_hash: passwordHash,
      updated_at: now,
      password_changed_at: now,
    });
    ids.set(`user:${DEMO_ENTERPRISE_USERNAME}`, id);
    await recordAudit(trx, {
      actor: SEEDER,
      action: 'create',
      entity: 'enterprise',
      entityId: null,
      regionId: cityId,
      after: { seeded: synthetic.length },
    });
    await recordAudit(trx, {
      actor: SEEDER,
      action: 'create',
      entity: 'user',
      entityId: id,
      regionId: first.regionId,
      after: { username: DEMO_ENTERPRISE_USERNAME, role: 'enterprise', enterpriseId, disabled: false },
    });
  },
};

