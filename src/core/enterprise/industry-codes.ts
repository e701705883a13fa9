/**
 * GB/T 4754-2017《国民经济行业分类》: 20 门类 (A–T), 97 大类 (2 digits), 473 中类 (3 digits), 1381 小类 (4 digits),
 * shipped as data in `data/gbt4754-2017.txt` (one `code name` per line, the 门类 as its letter). The list was
 * transcribed from a public copy of the standard's code table and checked against the standard's counts (20/97/473/1381);
 * it does not carry changes of the 2019 修改单 beyond that table (see README). Codes are stored with their 门类 letter,
 * e.g. `C3311`; imports may give `3311`, `C3311` or `C 3311`.
 */
import { INDUSTRY_TABLE_TEXT } from './industry-table.ts';

export const INDUSTRY_STANDARD = {
  id: 'GB/T 4754-2017',
  title: '国民经济行业分类',
  effectiveFrom: '2017-10-01',
  source: '国家统计局《国民经济行业分类》(GB/T 4754-2017) 代码表',
} as const;

export type IndustryLevel = 'section' | 'division' | 'group' | 'class';

export interface IndustryEntry {
  /** With the 门类 letter: `C`, `C33`, `C331`, `C3311`. */
  code: string;
  name: string;
  level: IndustryLevel;
}

let table: Map<string, IndustryEntry> | undefined;
let sectionOfDivision: Map<string, string> | undefined;

function load(): Map<string, IndustryEntry> {
  if (table) return table;
  table = new Map();
  sectionOfDivision = new Map();
  let section = '';
  for (const line of INDUSTRY_TABLE_TEXT.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const space = trimmed.indexOf(' ');
    const raw = trimmed.slice(0, space);
    const name = trimmed.slice(space + 1);
    if (/^[A-T]$/.test(raw)) {
      section = raw;
      table.set(raw, { code: raw, name, level: 'section' });
      continue;
    }
    if (raw.length === 2) sectionOfDivision.set(raw, section);
    const level: IndustryLevel = raw.length === 2 ? 'division' : raw.length === 3 ? 'group' : 'class';
    table.set(section + raw, { code: section + raw, name, level });
    // A 中类 with a single 小类 (code ending in 0) shares its name and is not listed separately.
    if (level === 'class' && !table.has(section + raw.slice(0, 3))) {
      table.set(section + raw.slice(0, 3), { code: section + raw.slice(0, 3), name, level: 'group' });
    }
  }
  return table;
}

/** Every entry of the table, in code order. */
export function industryEntries(): IndustryEntry[] {
  return [...load().values()];
}

/**
 * Normalises an industry code as typed or exported: `3311`, `C3311`, `c 3311` → `C3311`; a 门类 letter alone → itself.
 * @returns the code with its 门类 letter, or null when it is not in the GB/T 4754-2017 table
 */
export function normalizeIndustryCode(input: string): string | null {
  const t = load();
  const compact = input.replace(/\s+/g, '').toUpperCase();
  if (!compact) return null;
  if (/^[A-T]$/.test(compact)) return t.has(compact) ? compact : null;
  const m = /^([A-T])?(\d{2,4})$/.exec(compact);
  if (!m) return null;
  const digits = m[2];
  const section = sectionOfDivision!.get(digits.slice(0, 2));
  if (!section || (m[1] && m[1] !== section)) return null;
  return t.has(section + digits) ? section + digits : null;
}

/** The entry of a normalised code, or undefined. */
export function findIndustry(code: string | null | undefined): IndustryEntry | undefined {
  if (!code) return undefined;
  return load().get(code);
}

/** The 门类 / 大类 / 中类 / 小类 chain of a code, broadest first. */
export function industryPath(code: string): IndustryEntry[] {
  const t = load();
  const out: IndustryEntry[] = [];
  for (const prefix of [code.slice(0, 1), code.slice(0, 3), code.slice(0, 4), code.slice(0, 5)]) {
    const entry = t.get(prefix);
    if (entry && !out.some((e) => e.code === entry.code)) out.push(entry);
  }
  return out;
}
