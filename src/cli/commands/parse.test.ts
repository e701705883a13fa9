import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'bin/yingshang');
const fixture = join(root, 'test/fixtures/plans/national-style.txt');

describe('yingshang parse', () => {
  it('should print the plan JSON on stdout', { timeout: 60_000 }, () => {
    const out = execFileSync(process.execPath, [bin, 'parse', fixture, '--year', '2023'], { encoding: 'utf8' });
    const plan = JSON.parse(out);
    expect(plan.baseYear).toBe(2023);
    expect(plan.source).toBe('national-style.txt');
    expect(plan.measures).toHaveLength(6);
  });

  it('should write the 任务分解表 with --format xlsx', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-parse-'));
    const out = join(dir, 'plan.xlsx');
    execFileSync(process.execPath, [bin, 'parse', fixture, '--format', 'xlsx', '--out', out], { encoding: 'utf8' });
    expect(existsSync(out)).toBe(true);
  });

  it('should exit non-zero with a clear message for an unreadable file', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'ys-parse-'));
    const png = join(dir, 'scan.txt');
    writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const r = spawnSync(process.execPath, [bin, 'parse', png], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('PLAN_READ_UNSUPPORTED');
    const missing = spawnSync(process.execPath, [bin, 'parse', join(dir, 'nope.docx')], { encoding: 'utf8' });
    expect(missing.status).toBe(1);
    const bad = spawnSync(process.execPath, [bin, 'parse', fixture, '--year', 'abc'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
