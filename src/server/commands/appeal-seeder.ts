import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { findAppealById, insertAppealEvents, updateAppealById } from '../modules/appeals/appeals.queries.ts';
import { clockColumns, clocksOf, createAppeal } from '../modules/appeals/appeals.service.ts';
import { CalendarCache } from '../modules/supervision/supervision.calendar.ts';
import { officeToday } from '../modules/supervision/supervision.clock.ts';
import type { SeedContext, SeedStep } from './demo-seeder.ts';

interface CategorySeed { code: string; name: string; unit: string; basis: string; keywords: string[]; texts: string[]; limits?: [number, number, number] }

/** The demo dispatch catalogue: categories, the unit each goes to, its 权责清单 basis, and typical appeal texts. */
export const DEMO_APPEAL_CATEGORIES: CategorySeed[] = [
  { code: 'license', name: '证照办理', unit: 'market', basis: '市场监管局权责清单：企业登记注册、变更、注销', keywords: ['营业执照', '登记', '变更', '注销', '许可证'],
    texts: ['申请营业执照变更登记，材料已齐全但迟迟未办结', '食品经营许可证延续办理时间过长，影响正常经营', '企业简易注销公告期满后仍无法办理注销登记', '营业执照经营范围变更需要多次跑腿'] },
  { code: 'tax', name: '税费服务', unit: 'tax', basis: '税务局权责清单：纳税服务、留抵退税', keywords: ['退税', '发票', '留抵', '纳税', '税费'],
    texts: ['增值税留抵退税申请提交后一直没有到账', '电子发票额度不够用，申请提额没有回音', '出口退税审核周期太长，企业资金周转困难'] },
  { code: 'labour', name: '用工社保', unit: 'hr', basis: '人社局权责清单：稳岗返还、社会保险、职业技能培训补贴', keywords: ['稳岗', '补贴', '社保', '用工', '招聘', '培训'],
    texts: ['申请的稳岗补贴迟迟没有到账', '稳岗返还资金没有到账，请帮忙查询进度', '企业招工难，希望组织专场招聘会', '职业技能培训补贴申领流程不清楚'] },
  { code: 'land', name: '用地规划', unit: 'land', basis: '自然资源局权责清单：建设用地审批、规划许可', keywords: ['用地', '规划', '土地', '不动产', '产权'],
    texts: ['厂房不动产权证办理卡在规划核实环节', '新增工业用地指标申请没有进展', '园区厂房分割转让办理产权证困难'] },
  { code: 'construction', name: '工程建设', unit: 'housing', basis: '住建局权责清单：施工许可、竣工验收备案', keywords: ['施工许可', '验收', '消防', '竣工', '工程'],
    texts: ['厂房扩建施工许可审批时间过长', '竣工联合验收需要反复提交材料', '消防验收预约排期太久影响投产'] },
  { code: 'park', name: '园区设施', unit: 'hightech-committee', basis: '高新区管委会权责清单：园区基础设施建设与维护', keywords: ['道路', '积水', '排水', '路灯', '园区', '停电'],
    texts: ['园区道路积水严重，货车无法通行，请修复排水管网', '园区道路积水，企业货车通行困难', '园区主干道路灯不亮，夜间下班员工不安全', '园区频繁停电影响生产线运行'], limits: [1, 2, 10] },
  { code: 'govservice', name: '政务服务', unit: 'govservice', basis: '政务服务局权责清单：政务服务事项受理、一网通办', keywords: ['窗口', '网上办', '一网通办', '预约', '材料'],
    texts: ['政务服务网上办理系统经常登录不上', '办事窗口要求提供的材料与办事指南不一致', '一网通办平台提交后长时间显示待受理'] },
  { code: 'finance', name: '融资惠企', unit: 'ndrc', basis: '发改委权责清单：惠企政策兑现、项目申报', keywords: ['融资', '贷款', '政策', '奖补', '兑现'],
    texts: ['上年度技改奖补资金至今未兑现', '中小企业融资难，希望对接银行贷款', '惠企政策申报入口找不到'] },
  { code: 'other', name: '其他', unit: 'business', basis: '营商局三定方案：统筹协调营商环境问题', keywords: [],
    texts: ['企业周边噪音扰民投诉处理进展', '希望了解本市人才公寓申请条件'] },
];

/** Deterministic PRNG so a demo looks the same on every start (relative to `now`). */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const OPERATOR_NAME = '12345热线 接线员';

/**
 * Demo appeals: the catalogue above, then about four months of appeals (relative to `now`) from demo enterprises
 * across categories and units, each walked to where its age puts it — on time and late, disputed and re-dispatched,
 * waiting, replied, rated well and badly (with rectification), reopened, merged, one excluded as 诉讼 — so the
 * pages, the clocks and the 三率 show something real on any day the demo starts.
 */
export async function seedAppeals(ctx: SeedContext, now = new Date()): Promise<number> {
  const { trx, ids } = ctx;
  const cityId = ids.get('region:city');
  if (!cityId) return 0;
  const unitOf = (key: string) => ids.get(`unit:${key}`) ?? ids.get('unit:business')!;
  const categories = new Map<string, string>();
  for (const c of DEMO_APPEAL_CATEGORIES) {
    const [s, r, k] = c.limits ?? [1, 3, 15];
    const row = await trx.insertInto('appeal_categories').values({ region_id: cityId, code: c.code, name: c.name, description: c.basis, sign_days: s, reply_days: r, resolve_days: k, keywords: c.keywords }).returning('id').executeTakeFirstOrThrow();
    categories.set(c.code, row.id);
    await trx.insertInto('appeal_catalogue').values({ category_id: row.id, unit_id: unitOf(c.unit), legal_basis: c.basis, keywords: c.keywords }).execute();
  }
  const city = await trx.selectFrom('regions').select(['id', 'path']).where('id', '=', cityId).executeTakeFirstOrThrow();
  let enterprises = await trx
    .selectFrom('enterprises as e')
    .innerJoin('regions as r', 'r.id', 'e.region_id')
    .select(['e.id', 'e.name'])
    .where('r.path', 'like', `${city.path}%`)
    .orderBy('e.credit_code')
    .limit(60)
    .execute();
  const demoUser = await trx.selectFrom('users').select('enterprise_id').where('username', '=', 'enterprise').executeTakeFirst();
  if (enterprises.length === 0) {
    // The enterprises step has not run (older installs): a handful of our own.
    for (const [i, name] of ['示范精密机械有限公司', '示范新材料科技有限公司', '示范食品有限公司', '示范物流有限公司', '示范软件有限公司'].entries()) {
      const row = await trx.insertInto('enterprises').values({ region_id: cityId, credit_code: `91DEMO${String(i).padStart(12, '0')}`, name, updated_at: now }).returning(['id', 'name']).executeTakeFirstOrThrow();
      enterprises.push(row);
    }
  }
  if (demoUser?.enterprise_id && !enterprises.some((e) => e.id === demoUser.enterprise_id)) {
    const own = await trx.selectFrom('enterprises').select(['id', 'name']).where('id', '=', demoUser.enterprise_id).executeTakeFirst();
    if (own) enterprises = [own, ...enterprises];
  }
  const office = await trx.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'office').executeTakeFirst();
  const officeActor = { id: office?.id ?? null, name: office?.display_name ?? '营商办', role: 'office' };
  const r = mulberry32(20261203);
  const calendars = new CalendarCache(trx);
  const count = 180;
  let made = 0;
  let mergedOnce = false;
  let excludedOnce = false;
  const ownId = demoUser?.enterprise_id ?? null;
  for (let i = 0; i < count; i++) {
    const ageDays = Math.floor(Math.pow(r(), 1.3) * 120);
    const receivedAt = new Date(now.getTime() - ageDays * DAY - Math.floor(r() * 8) * HOUR);
    const cat = DEMO_APPEAL_CATEGORIES[Math.floor(Math.pow(r(), 1.4) * DEMO_APPEAL_CATEGORIES.length)];
    const text = cat.texts[Math.floor(r() * cat.texts.length)];
    // The demo enterprise's own appeals come first so its portal has a history.
    const ent = i < 6 && ownId ? enterprises[0] : enterprises[Math.floor(r() * enterprises.length)];
    const channel = r() < 0.5 ? 'portal' : 'hotline';
    const id = await createAppeal(trx, null, { enterpriseId: ent.id, categoryId: categories.get(cat.code), description: `${text}。`, isPublic: r() < 0.4, confidential: r() < 0.1, contactName: '经办人', contactPhone: `1380000${String(1000 + i).slice(-4)}`, receivedAt: receivedAt.toISOString() }, now, { channel: channel as 'portal' | 'hotline', by: { id: officeActor.id, name: channel === 'portal' ? ent.name : OPERATOR_NAME, role: channel === 'portal' ? 'enterprise' : 'office' } });
    const unitId = unitOf(cat.unit);
    const events: Parameters<typeof insertAppealEvents>[1] = [];
    const ev = (kind: string, at: Date, note: string, actor: { id: string | null; name: string; role: string } = officeActor, internal = false) => events.push({ appeal_id: id, kind, at, actor_id: actor.id, actor_name: actor.name, actor_role: actor.role, note, internal, unit_id: actor.role === 'unit' ? unitId : null });
    const unitActor = { id: null, name: `${cat.name}承办单位`, role: 'unit' };
    const cols: Record<string, unknown> = {};
    const step = (hours: number, from: Date) => new Date(Math.min(from.getTime() + hours * HOUR, now.getTime() - HOUR));
    const fate = r();
    const late = fate < 0.15; // signs and replies late
    if (ageDays === 0 && fate < 0.5) { made++; continue; } // still waiting to be dispatched
    let t = step(1 + r() * 3, receivedAt);
    cols.status = 'dispatched'; cols.unit_id = unitId; cols.dispatched_at = t; cols.dispatch_count = 1;
    ev('dispatch', t, '已派单');
    if (fate > 0.92 && ageDays < 10) {
      cols.status = 'disputed';
      ev('dispute', step(5, t), '该事项不属本单位职责，建议改派', unitActor, true);
      await finish(); continue;
    }
    if (fate > 0.85) {
      ev('dispute', step(4, t), '该事项涉及多个部门，建议由牵头部门办理', unitActor, true);
      t = step(20, t);
      ev('uphold', t, '异议不成立，维持原派单，按首接负责制办理', officeActor, true);
      cols.dispute_upheld = true; cols.dispatched_at = t;
    }
    const signAt = step(late ? 40 + r() * 40 : 1 + r() * 6, t);
    if (signAt.getTime() >= now.getTime() - 2 * HOUR || ageDays < 1) { await finish(); continue; }
    cols.status = 'handling'; cols.signed_at = signAt; ev('sign', signAt, '已签收', unitActor);
    const replyAt = step(late ? 24 * (4 + r() * 6) : 24 * (0.5 + r() * 2.5), signAt);
    if (ageDays < 3 || replyAt.getTime() >= now.getTime() - 2 * HOUR) {
      if (fate < 0.3 && ageDays >= 1) {
        cols.status = 'waiting'; cols.pauses = JSON.stringify([{ from: officeToday(step(12, signAt)), to: null, reason: '请企业补充相关证明材料' }]);
        ev('pause', step(12, signAt), '等待企业补充：请企业补充相关证明材料', unitActor);
      }
      await finish(); continue;
    }
    cols.status = 'replied'; cols.replied_at = replyAt; cols.reply = '经核实，已协调相关科室加快办理，并向企业说明了办理进度和要求。'; ev('reply', replyAt, cols.reply as string, unitActor);
    if (ageDays < 5) { await finish(); continue; }
    const cbAt = step(24 * (1 + r()), replyAt);
    const happy = r() > (late ? 0.45 : 0.12);
    cols.status = 'called_back'; cols.callback_at = cbAt; cols.solved = happy || r() < 0.3; cols.satisfied = happy;
    ev('callback', cbAt, `回访：${cols.solved ? '已解决' : '未解决'}，${happy ? '满意' : '不满意'}`);
    const rating = happy ? (r() < 0.7 ? 5 : 4) : r() < 0.5 ? 2 : 1;
    const rateAt = step(6, cbAt);
    cols.rating = rating; cols.rated_at = rateAt;
    ev('rate', rateAt, `评价${rating}星`, { id: null, name: ent.name, role: 'enterprise' });
    if (rating <= 2 && ageDays > 25 && !excludedOnce && fate < 0.3) {
      excludedOnce = true;
      cols.exclusion = 'litigation'; cols.exclusion_note = '企业与交易对手的合同纠纷已进入诉讼程序，经审核不纳入考核';
      ev('exclude', step(24, rateAt), `审核认定不纳入考核（litigation）：${cols.exclusion_note}`, officeActor, true);
      cols.status = 'closed'; cols.closed_at = step(26, rateAt); ev('close', cols.closed_at as Date, '已销号'); await finish(); continue;
    }
    if (rating <= 2) {
      cols.status = 'rectifying'; cols.rectifications = 1;
      const cal = await calendars.forRegionPath(city.path);
      cols.rectify_due = cal.addWorkingDays(officeToday(rateAt), 5);
      ev('rate', rateAt, '差评，转入整改', officeActor);
      if (ageDays < 15) { cols.replied_at = null; await finish(); continue; }
      const fixAt = step(24 * 4, rateAt);
      cols.replied_at = fixAt; cols.status = 'replied'; ev('reply', fixAt, '整改完成：已专题协调解决企业问题。', unitActor);
      const cb2 = step(24, fixAt); cols.callback_at = cb2; cols.solved = true; cols.satisfied = r() < 0.6; cols.status = 'called_back';
      ev('callback', cb2, `二次回访：已解决，${cols.satisfied ? '满意' : '不满意'}`);
    }
    const closeAt = step(24, (cols.callback_at as Date) ?? rateAt);
    cols.status = 'closed'; cols.closed_at = closeAt; ev('close', closeAt, '已销号');
    if (!cols.satisfied && fate < 0.5 && ageDays > 20 && ageDays < 60) {
      const reAt = step(48, closeAt);
      cols.status = 'handling'; cols.reopen_count = 1; cols.closed_at = null; cols.replied_at = null; cols.rating = null; cols.solved = null; cols.satisfied = null;
      ev('reopen', reAt, '企业申请重新办理：问题仍未解决', { id: null, name: ent.name, role: 'enterprise' });
    }
    await finish();
    continue;

    async function finish() {
      await updateAppealById(trx, id, cols as never);
      await insertAppealEvents(trx, events);
      const row = (await findAppealById(trx, id))!;
      await updateAppealById(trx, id, clockColumns(clocksOf(row, await calendars.forRegionPath(row.region_path), officeToday(now))));
      made++;
    }
  }
  // One duplicate merged into its earlier twin.
  const dup = await trx.selectFrom('appeals').select(['id', 'duplicate_of']).where('duplicate_of', 'is not', null).where('status', 'in', ['received', 'dispatched']).executeTakeFirst();
  if (dup?.duplicate_of && !mergedOnce) {
    mergedOnce = true;
    await updateAppealById(trx, dup.id, { status: 'merged', merged_into: dup.duplicate_of, closed_at: now });
    await insertAppealEvents(trx, [{ appeal_id: dup.id, kind: 'merge', at: now, actor_id: officeActor.id, actor_name: officeActor.name, actor_role: 'office', note: '与同一企业30日内的相同诉求合并办理' }]);
  }
  await recordAudit(trx as Transaction<Database>, { actor: { id: null, name: 'demo-seeder' }, action: 'seed', entity: 'appeal', entityId: null, regionId: cityId, at: now, after: { appeals: made } });
  return made;
}

export const appealSeedStep: SeedStep = {
  name: 'appeals',
  async run(ctx) {
    await seedAppeals(ctx);
  },
};
