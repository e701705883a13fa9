import { describe, expect, it } from 'vitest';
import { BULLETIN_OVERDUE_HEADERS, BULLETIN_RANKING_HEADERS, buildBulletinDocx, type BulletinData } from './bulletin-docx.ts';
import { docxTables, readZipEntry } from './zip-entry.ts';

const sut = buildBulletinDocx;

const data: BulletinData = {
  title: '关于《某市优化营商环境行动方案》2026年3月落实情况的通报',
  issuer: '某市优化营商环境工作领导小组办公室',
  docNumber: '营商办〔2026〕3号',
  periodLabel: '2026年3月',
  issuedOn: '2026-04-10',
  summary: ['方案共分解任务120项，已完成36项，完成率30.0%。'],
  ranking: [
    { rank: 1, unitName: '市市场监管局', tasks: 10, done: 6, overdue: 0, onTimeRate: 1, reportingRate: 0.95, kpiAttainment: 0.8, score: 91.25 },
    { rank: 2, unitName: '市税务局 & 分局', tasks: 8, done: 2, overdue: 1, onTimeRate: 2 / 3, reportingRate: null, kpiAttainment: null, score: 70 },
    { rank: null, unitName: '市档案馆', tasks: 1, done: 1, overdue: 0, onTimeRate: 1, reportingRate: 1, kpiAttainment: null, score: 100, flagged: 'few-tasks' },
  ],
  overdue: [{ unitName: '市税务局 & 分局', measureNumber: '12', title: '推行“非接触式”办税 <全程网办>', dueDate: '2026-03-31', overdueWorkingDays: 7 }],
  highlights: ['市市场监管局企业开办压缩至0.5个工作日。'],
  requirements: ['各单位于每月第5个工作日前报送进展。'],
};

describe('buildBulletinDocx', () => {
  it('should write a .docx whose document.xml holds the ranking table row by row', async () => {
    const buf = await sut(data);
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    const xml = readZipEntry(buf, 'word/document.xml')!.toString('utf8');
    const [ranking, overdue] = docxTables(xml);
    expect(ranking[0]).toEqual([...BULLETIN_RANKING_HEADERS]);
    expect(ranking.slice(1)).toEqual([
      ['1', '市市场监管局', '10', '6', '0', '100.0%', '95.0%', '80.0%', '91.25'],
      ['2', '市税务局 & 分局', '8', '2', '1', '66.7%', '—', '—', '70.00'],
      ['不排名', '市档案馆', '1', '1', '0', '100.0%', '100.0%', '—', '100.00'],
    ]);
    expect(overdue[0]).toEqual([...BULLETIN_OVERDUE_HEADERS]);
    expect(overdue[1]).toEqual(['1', '市税务局 & 分局', '12', '推行“非接触式”办税 <全程网办>', '2026-03-31', '7']);
  });

  it('should set the title in 小标宋 2号 and the body in 仿宋 3号 on A4 with official margins', async () => {
    const xml = readZipEntry(await sut(data), 'word/document.xml')!.toString('utf8');
    expect(xml).toMatch(/w:eastAsia="方正小标宋简体"[^]*?<w:sz w:val="44"\/>[^]*?关于《某市优化营商环境行动方案》/);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098"[^>]*w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toContain('营商办〔2026〕3号');
    expect(xml).toContain('2026年4月10日');
    expect(xml).toContain('四、工作亮点');
    expect(xml).toContain('五、下一步工作要求');
  });

  it('should say there is nothing overdue instead of printing an empty table', async () => {
    const xml = readZipEntry(await sut({ ...data, overdue: [], highlights: [], requirements: [] }), 'word/document.xml')!.toString('utf8');
    expect(docxTables(xml)).toHaveLength(1);
    expect(xml).toContain('本期无逾期未完成任务。');
    expect(xml).not.toContain('五、下一步工作要求');
  });
});
