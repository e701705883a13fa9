import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file imports: static, dynamic, re-exports and require. */
function importsOf(text: string): string[] {
  const specs: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) specs.push(m[1]);
  return specs;
}

const FORBIDDEN_PACKAGES = /^(node:)?(fs|fs\/promises)$|^pg(-boss)?(\/|$)|^fastify(\/|$)|^@fastify\/|^kysely(\/|$)|^@electric-sql\/pglite/;

describe('module boundaries', () => {
  it('should keep src/core free of server, web, cli, the filesystem, pg and fastify', () => {
    const coreDir = join(ROOT, 'src/core');
    const violations: string[] = [];
    // Colocated tests may read their fixtures from disk; the code under test may not.
    for (const file of sourceFiles(coreDir).filter((f) => !/\.test\.tsx?$/.test(f))) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const target = spec.startsWith('.') ? relative(coreDir, join(dirname(file), spec)) : null;
        if (FORBIDDEN_PACKAGES.test(spec) || (target !== null && target.startsWith('..'))) violations.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('should catch a forbidden import (the checker itself works)', () => {
    expect(importsOf("import { readFileSync } from 'node:fs';\nconst x = await import('../server/app.ts');")).toEqual(['node:fs', '../server/app.ts']);
    expect(FORBIDDEN_PACKAGES.test('node:fs')).toBe(true);
    expect(FORBIDDEN_PACKAGES.test('fastify')).toBe(true);
    expect(FORBIDDEN_PACKAGES.test('pg')).toBe(true);
    expect(FORBIDDEN_PACKAGES.test('chinese-days')).toBe(false);
  });

  it('should keep src/web away from server code (it talks HTTP only)', () => {
    const webDir = join(ROOT, 'src/web');
    const violations: string[] = [];
    for (const file of sourceFiles(webDir)) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const target = spec.startsWith('.') ? relative(join(ROOT, 'src'), join(dirname(file), spec)) : '';
        if (target.startsWith('server') || target.startsWith('cli') || /^(pg|fastify|kysely)(\/|$)/.test(spec)) violations.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
