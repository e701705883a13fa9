import { AlignmentType, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Kysely } from 'kysely';
import { gapsToFrontier } from '../../../core/scoring/index.ts';
import type { Database } from '../../db/schema.ts';
import { CHART_COLORS, lineChartPng } from '../../exports/line-chart-png.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/auth.actor.ts';
import { officeToday } from '../supervision/supervision.clock.ts';
import { canSeeRegion } from './indicators.permissions.ts';
import { loadTree, scoreSystemPeriod } from './indicators.scoring.ts';
import { actorRef, assertPeriod, getEvaluation, getTrend } from './indicators.service.ts';

const FONT = { ascii: 'FangSong', eastAsia: '仿宋_GB2312', hAnsi: 'FangSong' };
const p = (text: string, opts: { bold?: boolean; size?: number; center?: boolean; heading?: boolean } = {}) =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { line: 560, lineRule: 'exact' as never },
    indent: opts.center || opts.heading ? undefined : { firstLine: 640 },
    children: [new TextRun({ text, bold: opts.bold, size: opts.size ?? 32, font: opts.heading ? { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' } : FONT })],
  });
const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold, size: 24, font: FONT })] })] });
const f2 = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/**
 * The evaluation bulletin (评价通报) of a system for a period as .docx, laid out like the 通报: summary, ranking
 * table (composite and first-level scores), each region's biggest gaps to the frontier, and a trend chart image.
 */
export async function exportEvaluationBulletin(db: Kysely<Database>, actor: Actor, systemId: string, period: string, now: Date) {
  assertPeriod(period, 'querystring.period');
  const ev = await getEvaluation(db, actor, { systemId, period });
  const trend = await getTrend(db, actor, { systemId });
  const s = (await db.selectFrom('indicator_systems as s').innerJoin('regions as r', 'r.id', 's.region_id').select(['s.region_id', 'r.name as region_name', 'r.path']).where('s.id', '=', systemId).executeTakeFirstOrThrow());
  const firstLevel = ev.nodes.filter((n) => n.parentKey === null);
  const ranked = [...ev.items].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  const { scores, regions } = await scoreSystemPeriod(db, { id: systemId, region_id: s.region_id }, period);
  await loadTree(db, systemId);
  const title = `关于${period}年度营商环境评价结果的通报`;
  const top = ranked.filter((r) => r.rank === 1).map((r) => r.region.name);
  const summary = `依据《${ev.system.name}》（第${ev.system.version}版，前沿值在本版本内固定），对${ranked.length}个地区${period}年度的${ev.leaves}项末级指标按前沿距离法计分并加权汇总。${top.length ? `综合指数排名第一的是${top.join('、')}（${f2(ranked[0].composite)}分）。` : ''}缺失的指标不计0分，其上级指标按其余下级重新分配权重。`;
  const header = new TableRow({ tableHeader: true, children: [cell('排名', true), cell('地区', true), cell('综合指数', true), ...firstLevel.map((n) => cell(n.name, true))] });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [header, ...ranked.map((r) => new TableRow({ children: [cell(r.rank === null ? '—' : String(r.rank)), cell(r.region.name), cell(f2(r.composite)), ...firstLevel.map((n) => cell(f2(r.scores[n.key] ?? null)))] }))],
  });
  const gapLines = regions
    .filter((r) => canSeeRegion(actor, r.path))
    .map((r) => {
      const g = gapsToFrontier(scores, r.id, 3);
      return g.length ? `${r.name}：${g.map((x) => `${x.name}（得分${f2(x.score)}，补齐可提升综合指数${f2(x.compositeGain)}分）`).join('；')}。` : `${r.name}：各项指标均已达到前沿或缺少数据。`;
    });
  const png = lineChartPng(trend.series.map((x) => ({ points: trend.periods.map((pp) => x.points.find((q) => q.period === pp)?.score ?? null) })));
  const legend = trend.series.map((x, i) => `${x.region.name}（${['蓝', '绿', '黄', '红', '青', '深绿', '橙', '紫'][i % CHART_COLORS.length]}）`).join('、');
  const doc = new Document({
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
        children: [
          p(title, { bold: true, size: 44, center: true }),
          p(`${s.region_name}优化营商环境工作领导小组办公室`, { center: true }),
          p('一、总体情况', { heading: true }),
          p(summary),
          p('二、综合排名', { heading: true }),
          table,
          p('三、与前沿的主要差距', { heading: true }),
          ...gapLines.map((l) => p(l)),
          p('四、综合指数走势', { heading: true }),
          p(`图：${trend.periods.join('、')}各地区综合指数（纵轴0—100分）。${legend}`),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: png, transformation: { width: 560, height: 252 } })] }),
          p(`${officeToday(now).replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}`, { center: true }),
        ],
      },
    ],
  });
  const file = await Packer.toBuffer(doc);
  await db.transaction().execute((trx) => recordAudit(trx, { actor: actorRef(actor), action: 'export', entity: 'indicator_bulletin', entityId: systemId, regionId: s.region_id, after: { period, regions: ranked.length } }));
  return { file, filename: `${title}.docx` };
}
