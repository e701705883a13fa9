/**
 * The default indicator system shipped as data: the 18 NDRC first-level indicators (anchors-cn.md §1.1) with
 * DB-style components (环节、时间、成本、质量) as leaves. It is a TEMPLATE: the 87 official second-level indicators
 * are not public, so the leaves, units and fixed frontiers below are plausible starting points for an office to
 * edit, not the NDRC's. Frontiers are fixed for the methodology version (the DB rule that makes years comparable);
 * 总税费率 uses the DB nonlinear transform with the DB threshold 26.1 % as best.
 */

type Dir = 'lower' | 'higher';
/** [key suffix, name, component, unit, direction, best, worst, options] */
type LeafRow = [string, string, string, string, Dir, number, number, { nonlinear?: true; provider?: string }?];
interface FirstLevel {
  name: string;
  /** Words matched against unit names and aliases to suggest the responsible unit. */
  unitHint: string;
  leaves: LeafRow[];
}

const FIRST_LEVEL: FirstLevel[] = [
  { name: '开办企业', unitHint: '市场监管', leaves: [
    ['1', '开办环节', '环节', '个', 'lower', 1, 6], ['2', '开办时间', '时间', '工作日', 'lower', 0.5, 5], ['3', '开办成本', '成本', '元', 'lower', 0, 500], ['4', '全程网办率', '质量', '%', 'higher', 100, 60]] },
  { name: '劳动力市场监管', unitHint: '人社', leaves: [
    ['1', '劳动争议仲裁结案时间', '时间', '日', 'lower', 15, 60], ['2', '就业服务质量指数', '质量', '分(0-10)', 'higher', 10, 0]] },
  { name: '办理建筑许可', unitHint: '住建', leaves: [
    ['1', '审批环节', '环节', '个', 'lower', 4, 15], ['2', '审批时间', '时间', '工作日', 'lower', 20, 120], ['3', '审批成本', '成本', '占工程造价%', 'lower', 0.5, 5], ['4', '建筑质量控制指数', '质量', '分(0-15)', 'higher', 15, 0]] },
  { name: '政府采购', unitHint: '财政', leaves: [
    ['1', '电子化采购率', '质量', '%', 'higher', 100, 50], ['2', '采购合同支付时间', '时间', '日', 'lower', 5, 60]] },
  { name: '招标投标', unitHint: '发改', leaves: [
    ['1', '全流程电子化率', '质量', '%', 'higher', 100, 50], ['2', '投诉处理时间', '时间', '工作日', 'lower', 10, 60]] },
  { name: '获得电力', unitHint: '发改', leaves: [
    ['1', '办电环节', '环节', '个', 'lower', 2, 6], ['2', '办电时间', '时间', '工作日', 'lower', 1, 30], ['3', '办电成本', '成本', '元', 'lower', 0, 50000], ['4', '供电可靠率', '质量', '%', 'higher', 99.99, 99.5]] },
  { name: '获得用水用气', unitHint: '住建', leaves: [
    ['1', '报装环节', '环节', '个', 'lower', 2, 6], ['2', '报装时间', '时间', '工作日', 'lower', 3, 30], ['3', '报装成本', '成本', '元', 'lower', 0, 10000]] },
  { name: '登记财产', unitHint: '自然资源', leaves: [
    ['1', '登记环节', '环节', '个', 'lower', 1, 6], ['2', '登记时间', '时间', '工作日', 'lower', 0.5, 10], ['3', '登记成本', '成本', '占财产价值%', 'lower', 0.1, 5], ['4', '土地管理质量指数', '质量', '分(0-30)', 'higher', 30, 0]] },
  { name: '获得信贷', unitHint: '发改', leaves: [
    ['1', '普惠小微贷款增速', '质量', '%', 'higher', 30, 0], ['2', '融资担保费率', '成本', '%', 'lower', 0.5, 3]] },
  { name: '保护中小投资者', unitHint: '市场监管', leaves: [
    ['1', '投资者保护指数', '质量', '分(0-10)', 'higher', 10, 0]] },
  { name: '知识产权创造保护和运用', unitHint: '市场监管', leaves: [
    ['1', '每万人发明专利拥有量', '质量', '件', 'higher', 50, 2], ['2', '知识产权侵权案件办结时间', '时间', '日', 'lower', 30, 180]] },
  { name: '跨境贸易', unitHint: '商务', leaves: [
    ['1', '进口通关时间', '时间', '小时', 'lower', 5, 72], ['2', '出口通关时间', '时间', '小时', 'lower', 1, 48], ['3', '进出口合规成本', '成本', '元/标箱', 'lower', 200, 2000]] },
  { name: '纳税', unitHint: '税务', leaves: [
    ['1', '纳税次数', '环节', '次/年', 'lower', 3, 12], ['2', '纳税时间', '时间', '小时/年', 'lower', 60, 300], ['3', '总税费率', '成本', '%', 'lower', 26.1, 84, { nonlinear: true }], ['4', '税后流程指数', '质量', '分(0-100)', 'higher', 100, 0]] },
  { name: '执行合同', unitHint: '法院', leaves: [
    ['1', '解决商业纠纷时间', '时间', '日', 'lower', 120, 600], ['2', '解决商业纠纷成本', '成本', '占标的额%', 'lower', 10, 50], ['3', '司法程序质量指数', '质量', '分(0-18)', 'higher', 18, 0]] },
  { name: '办理破产', unitHint: '法院', leaves: [
    ['1', '破产回收率', '质量', '%', 'higher', 90, 0], ['2', '破产办理时间', '时间', '年', 'lower', 0.5, 5]] },
  { name: '市场监管', unitHint: '市场监管', leaves: [
    ['1', '双随机抽查覆盖率', '质量', '%', 'higher', 100, 50], ['2', '信用修复办理时间', '时间', '工作日', 'lower', 1, 15]] },
  { name: '政务服务', unitHint: '政务服务', leaves: [
    ['1', '一网通办率', '质量', '%', 'higher', 100, 50], ['2', '政务服务好评率', '质量', '%', 'higher', 100, 80], ['3', '办件平均时长', '时间', '工作日', 'lower', 1, 20],
    ['4', '督办任务按时完成率', '质量', '%', 'higher', 100, 40, { provider: 'supervision.task-on-time-rate' }],
    ['5', '量化目标平均达成度', '质量', '%', 'higher', 100, 40, { provider: 'supervision.kpi-attainment' }],
    ['6', '企业诉求响应率', '质量', '%', 'higher', 100, 60, { provider: 'appeals.response-rate' }],
    ['7', '企业诉求满意率', '质量', '%', 'higher', 100, 60, { provider: 'appeals.satisfaction-rate' }]] },
  { name: '包容普惠创新', unitHint: '发改', leaves: [
    ['1', '每千人新登记经营主体', '质量', '户', 'higher', 20, 2], ['2', '高新技术企业增速', '质量', '%', 'higher', 30, 0]] },
];

export interface TemplateNode {
  key: string;
  parentKey: string | null;
  name: string;
  weight: number;
  aggregation: 'weighted_mean' | 'mean';
  isLeaf: boolean;
  component: string | null;
  unitLabel: string;
  direction: Dir | null;
  frontierMode: 'fixed' | 'sample' | null;
  best: number | null;
  worst: number | null;
  transform: 'linear' | 'nonlinear';
  dataSource: 'manual' | 'computed' | 'import';
  provider: string | null;
  cycle: 'year';
  unitHint: string | null;
}

export const DEFAULT_TREE_NAME = '营商环境评价指标体系（国家发展改革委18项一级指标模板）';
export const DEFAULT_TREE_DESCRIPTION =
  '模板：一级指标取自《中国营商环境报告2020》的18项一级指标；二级指标按世界银行营商环境（DB）的环节、时间、成本、质量构成，前沿值为本版本固定值。请按本地实施方案编辑后使用。';

/** The template as flat nodes (first level simple-weighted 1 each, leaves equally weighted, as DB averages). */
export function defaultTreeNodes(): TemplateNode[] {
  const out: TemplateNode[] = [];
  FIRST_LEVEL.forEach((f, i) => {
    const key = `L${String(i + 1).padStart(2, '0')}`;
    out.push({ key, parentKey: null, name: f.name, weight: 1, aggregation: 'weighted_mean', isLeaf: false, component: null, unitLabel: '', direction: null, frontierMode: null, best: null, worst: null, transform: 'linear', dataSource: 'manual', provider: null, cycle: 'year', unitHint: f.unitHint });
    for (const [suffix, name, component, unitLabel, direction, best, worst, opt] of f.leaves) {
      out.push({
        key: `${key}.${suffix}`,
        parentKey: key,
        name,
        weight: 1,
        aggregation: 'weighted_mean',
        isLeaf: true,
        component,
        unitLabel,
        direction,
        frontierMode: 'fixed',
        best,
        worst,
        transform: opt?.nonlinear ? 'nonlinear' : 'linear',
        dataSource: opt?.provider ? 'computed' : 'manual',
        provider: opt?.provider ?? null,
        cycle: 'year',
        unitHint: opt?.provider ? null : f.unitHint,
      });
    }
  });
  return out;
}
