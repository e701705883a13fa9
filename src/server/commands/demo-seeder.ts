import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely, Transaction } from 'kysely';
import type { Database, RegionKind, Role, UnitKind } from '../db/schema.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { createUnitsFromPlans, importPlan, parsePlanFile } from './plan-importer.ts';
import { supervisionSeedStep } from './supervision-seeder.ts';
import { indicatorSeedStep } from './indicator-seeder.ts';
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
  { username: 'office', role: 'office', displayName: '营商办 王主任' },
  { username: 'leader', role: 'leader', displayName: '分管副市长 李市长' },
  { username: 'unit', role: 'unit', displayName: '市场监管局 联络员 张三' },
];

export interface SeedContext {
  trx: Transaction<Database>;
  argon2MemoryKib: number;
  /** Ids created by earlier steps, by a stable key (e.g. 'region:city', 'unit:market'). */
  ids: Map<string, string>;
}

/** One step of demo seeding. Steps run in order, each in its own transaction, once per install. */
export interface SeedStep {
  name: string;
  run(ctx: SeedContext): Promise<void>;
}

const SEEDER = { id: null, name: 'demo-seeder' };

interface RegionSeed { key: string; name: string; code: string; kind: RegionKind; parent?: string }
interface UnitSeed { key: string; name: string; shortName: string | null; kind: UnitKind; region: string; aliases: string[] }

const REGIONS: RegionSeed[] = [
  { key: 'city', name: '示范市', code: 'demo-city', kind: 'city' },
  { key: 'dongcheng', name: '东城县', code: 'demo-dongcheng', kind: 'county', parent: 'city' },
  { key: 'xihu', name: '西湖区', code: 'demo-xihu', kind: 'district', parent: 'city' },
  { key: 'hightech', name: '高新技术产业开发区', code: 'demo-hightech', kind: 'zone', parent: 'city' },
];

const UNITS: UnitSeed[] = [
  { key: 'business', name: '示范市营商环境建设局', shortName: '市营商局', kind: 'department', region: 'city', aliases: ['营商局', '市营商办', '营商办'] },
  { key: 'ndrc', name: '示范市发展和改革委员会', shortName: '市发改委', kind: 'department', region: 'city', aliases: ['发改委', '市发展改革委'] },
  { key: 'market', name: '示范市市场监督管理局', shortName: '市市场监管局', kind: 'department', region: 'city', aliases: ['市场监管局', '市监局'] },
  { key: 'govservice', name: '示范市政务服务和数据管理局', shortName: '市政务服务局', kind: 'department', region: 'city', aliases: ['政务服务局', '市数据局', '行政审批局'] },
  { key: 'land', name: '示范市自然资源和规划局', shortName: '市自然资源局', kind: 'department', region: 'city', aliases: ['自然资源局', '规划局'] },
  { key: 'housing', name: '示范市住房和城乡建设局', shortName: '市住建局', kind: 'department', region: 'city', aliases: ['住建局'] },
  { key: 'tax', name: '国家税务总局示范市税务局', shortName: '市税务局', kind: 'department', region: 'city', aliases: ['税务局'] },
  { key: 'hr', name: '示范市人力资源和社会保障局', shortName: '市人社局', kind: 'department', region: 'city', aliases: ['人社局'] },
  { key: 'dongcheng-gov', name: '东城县人民政府', shortName: '东城县政府', kind: 'government', region: 'dongcheng', aliases: ['东城县'] },
  { key: 'dongcheng-market', name: '东城县市场监督管理局', shortName: '县市场监管局', kind: 'department', region: 'dongcheng', aliases: ['东城县市场监管局'] },
  { key: 'xihu-gov', name: '西湖区人民政府', shortName: '西湖区政府', kind: 'government', region: 'xihu', aliases: ['西湖区'] },
  { key: 'hightech-committee', name: '高新技术产业开发区管理委员会', shortName: '高新区管委会', kind: 'zone', region: 'hightech', aliases: ['高新区', '开发区管委会'] },
];

const regionsAndUnits: SeedStep = {
  name: 'regions-and-units',
  async run({ trx, ids }) {
    const paths = new Map<string, string>();
    for (const seed of REGIONS) {
      const id = randomUUID();
      const path = `${seed.parent ? paths.get(seed.parent)! : '/'}${id}/`;
      paths.set(seed.key, path);
      ids.set(`region:${seed.key}`, id);
      const parentId = seed.parent ? ids.get(`region:${seed.parent}`)! : null;
      await insertRegion(trx, { id, name: seed.name, code: seed.code, kind: seed.kind, parent_id: parentId, path, updated_at: new Date() });
      await recordAudit(trx, { actor: SEEDER, action: 'create', entity: 'region', entityId: id, regionId: id, after: { name: seed.name, code: seed.code, kind: seed.kind, parentId, path } });
    }
    for (const seed of UNITS) {
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
      leader: { unit_id: null, region_id: ids.get('region:city')! },
      unit: { unit_id: ids.get('unit:market')!, region_id: ids.get('region:city')! },
      enterprise: { unit_id: null, region_id: ids.get('region:city')! },
    };
    for (const account of DEMO_ACCOUNTS) {
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

const demoCity = async (trx: SeedContext['trx'], ids: Map<string, string>) => {
  const region = (await findRegionById(trx, ids.get('region:city')!))!;
  return { id: region.id, path: region.path, name: region.name };
};

/** Units the seed plans print but the demo registry lacks, so that their resolution shows mostly matches. */
const planUnits: SeedStep = {
  name: 'plan-units',
  async run({ trx, ids }) {
    const plans = [];
    for (const file of demoPlanFiles()) plans.push(await parsePlanFile(readFileSync(join(DEMO_PLANS_DIR, file)), file));
    await createUnitsFromPlans(trx, await demoCity(trx, ids), plans, SEEDER);
  },
};

/** The seed plans as drafts of the demo city (ids as 'plan:<file prefix>', e.g. 'plan:000'). */
const plans: SeedStep = {
  name: 'plans',
  async run({ trx, ids }) {
    const region = await demoCity(trx, ids);
    for (const file of demoPlanFiles()) {
      const { id } = await importPlan(trx, { region, source: { kind: 'file', data: readFileSync(join(DEMO_PLANS_DIR, file)), filename: file }, by: SEEDER });
      ids.set(`plan:${file.split('_')[0]}`, id);
    }
  },
};

/**
 * The demo seed, in order. Later issues append steps here (plan import from seeds/, supervision
 * progress); a step reads what earlier steps created from `ctx.ids` and records its own keys.
 */
export const DEMO_SEED_STEPS: SeedStep[] = [regionsAndUnits, accounts, planUnits, plans, supervisionSeedStep, indicatorSeedStep];

const DONE_KEY = 'demo_seed_steps';

/**
 * Seeds the demo install: runs each step not yet recorded as done (each in one transaction, with
 * its audit entries) and marks the install as demo. Safe to call on every start.
 * @returns the names of the steps that ran now.
 */
export async function seedDemo(db: Kysely<Database>, options: { argon2MemoryKib: number; steps?: SeedStep[] }): Promise<string[]> {
  const steps = options.steps ?? DEMO_SEED_STEPS;
  const done = new Set(((await findSetting(db, DONE_KEY)) as string[] | undefined) ?? []);
  const storedIds = ((await findSetting(db, 'demo_seed_ids')) as Record<string, string> | undefined) ?? {};
  const ids = new Map(Object.entries(storedIds));
  const ran: string[] = [];
  for (const step of steps) {
    if (done.has(step.name)) continue;
    await db.transaction().execute(async (trx) => {
      await step.run({ trx, argon2MemoryKib: options.argon2MemoryKib, ids });
      done.add(step.name);
      await upsertSetting(trx, DONE_KEY, [...done]);
      await upsertSetting(trx, 'demo_seed_ids', Object.fromEntries(ids));
    });
    ran.push(step.name);
  }
  await markDemoInstall(db);
  return ran;
}
