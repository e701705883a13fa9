import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from '../src/web/i18n/en.ts';
import uxEn from '../src/web/i18n/ux.en.ts';
import uxZhCN from '../src/web/i18n/ux.zh-CN.ts';
import zhCN from '../src/web/i18n/zh-CN.ts';

const SERVER = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'server');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

/** Every literal audit action, entity and system-actor name the server writes. */
function auditKeys() {
  const text = sources(SERVER).join('\n');
  const found = (re: RegExp) => [...new Set([...text.matchAll(re)].map((m) => m[1]))].sort();
  return {
    actions: [...found(/\baction: '([a-z_]+)'/g), 'accept', 'return', 'approve', 'refuse'],
    entities: found(/\bentity: '([a-z_]+)'/g),
    actors: found(/\{ id: null, name: '([a-z-]+)' \}/g),
  };
}

type Labels = Record<string, Record<string, string>>;
const labelled = (base: { audit: unknown }, ux: { audit: unknown }, group: string, key: string) =>
  Boolean((base.audit as Labels)[group]?.[key] ?? (ux.audit as Labels)[group]?.[key]);

describe('audit log labels', () => {
  it('should give every audit action, entity and system actor a label in Chinese and in English', () => {
    const keys = auditKeys();
    expect(keys.actions).toContain('remind');
    expect(keys.entities).toContain('task');
    expect(keys.actors).toContain('task-assigner');
    const missing: string[] = [];
    for (const [group, list] of Object.entries(keys)) {
      for (const key of list) {
        if (!labelled(zhCN, uxZhCN, group, key)) missing.push(`zh-CN ${group}.${key}`);
        if (!labelled(en, uxEn, group, key)) missing.push(`en ${group}.${key}`);
      }
    }
    expect(missing).toEqual([]);
    // The scan job writes under its own name (supervision-scan) through a constant.
    expect(uxZhCN.audit.actors['supervision-scan']).toMatch(/督办/);
    expect(Object.values(uxZhCN.audit.actions).every((v) => /[\u4e00-\u9fff]/.test(v))).toBe(true);
  });
});
