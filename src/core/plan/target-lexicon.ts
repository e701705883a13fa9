/**
 * Word lists of the target extractor: measure units, comparison words and the context words that
 * disqualify a number. Kept apart from the scanning logic so that they can be reviewed and extended
 * without touching it.
 * @internal
 */

/** Units that limit a duration: a bare number with one of these is a "<=" commitment. */
export const TIME_UNITS = [
  '个工作日', '工作日', '个自然日', '自然日', '个小时', '小时', '分钟', '秒钟', '个月', '天', '日', '周', '秒',
];

/** Units as printed after a number, longest first when matched. 年 and bare 月 are not units (dates). */
export const UNITS = [
  ...TIME_UNITS,
  '个百分点', '百分点', '%', '％', '‰',
  '亿美元', '万美元', '亿元', '万元', '美元', '元', '亿',
  '平方公里', '平方千米', '平方米', '立方米', '立方', '公顷', '亩', '公里', '千米', '米',
  '千瓦时', '千瓦', '兆瓦', '千伏安', '吨', '标箱',
  '家次', '人次', '户次', '场次', '件次', '批次', '车次', '架次', '班次',
  '个国别', '个环节', '个', '家', '户', '人', '名', '位', '件', '项', '次', '场', '份', '套', '枚', '所',
  '处', '座', '条', '台', '辆', '张', '批', '类', '种', '块', '篇', '部', '间', '栋', '宗', '笔', '例',
  '支', '分', '倍', '株', '头', '只',
].sort((a, b) => b.length - a.length);

/** Explicit "at least" words; the only ones that make a duration a ">=" target. */
export const STRONG_GE = ['不低于', '不少于', '不小于', '至少', '超过', '多于', '高于', '大于', '最少'];

/** Comparison words, each with the comparison it states. Longest first when matched. */
export const COMPARISON_WORDS: ReadonlyArray<readonly [string, '<=' | '>=' | '=']> = (
  [
    ['不超过', '<='], ['不高于', '<='], ['不多于', '<='], ['不大于', '<='], ['不得超过', '<='],
    ['不得高于', '<='], ['低于', '<='], ['少于', '<='], ['小于', '<='], ['控制在', '<='], ['限定在', '<='],
    ['最多', '<='], ['至多', '<='], ['最长', '<='], ['最高', '<='],
    ['压减至', '<='], ['压减到', '<='], ['压减为', '<='], ['压缩至', '<='], ['压缩到', '<='], ['压缩为', '<='],
    ['缩短至', '<='], ['缩短到', '<='], ['缩短为', '<='], ['减少至', '<='], ['减少到', '<='], ['减少为', '<='],
    ['减至', '<='], ['减为', '<='], ['降至', '<='], ['降为', '<='], ['降到', '<='], ['降低至', '<='],
    ['降低到', '<='], ['降低为', '<='], ['下降至', '<='], ['下降到', '<='], ['精简至', '<='], ['精简为', '<='],
    ['精简到', '<='], ['简化至', '<='], ['简化为', '<='], ['压降至', '<='], ['压降到', '<='],
    ['不低于', '>='], ['不少于', '>='], ['不小于', '>='], ['至少', '>='], ['最少', '>='], ['超过', '>='],
    ['突破', '>='], ['达到', '>='], ['达', '>='], ['提升至', '>='], ['提升到', '>='], ['提高至', '>='],
    ['提高到', '>='], ['增加至', '>='], ['增加到', '>='], ['增长至', '>='], ['增长到', '>='], ['增至', '>='],
    ['扩大至', '>='], ['扩大到', '>='], ['扩展至', '>='], ['扩展到', '>='], ['高于', '>='], ['多于', '>='],
    ['大于', '>='], ['稳定在', '>='], ['保持在', '>='], ['力争', '>='], ['争取', '>='], ['占到', '>='],
    ['合并为', '='], ['合并成', '='], ['整合为', '='], ['整合成', '='], ['归并为', '='], ['精简合并为', '='],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);

/** Verbs that introduce a description rather than a commitment ("分解为25个具体指标"). */
export const DESCRIPTIVE_BEFORE = ['分解为', '细化为', '划分为', '分为', '包括', '包含', '涵盖', '涉及', '共有', '下设', '设有'];

/** After a counted noun, verbs that make the count descriptive ("14个一级指标细化分解为…"). */
export const DESCRIPTIVE_AFTER = ['细化', '分解', '分为', '划分', '包括', '包含', '涵盖'];

/** Change verbs of a baseline clause ("由30日压缩至10日"): the number before them is the baseline. */
export const CHANGE_VERBS = /(?:压缩|压减|缩短|减少|降低|下降|提高|提升|增加|扩大|调整|延长|精简|减|降|增)(?:至|到|为)/;

/**
 * Words that may follow a duration directly ("1日办结", "1天内立案"). Any other word makes the
 * duration part of a name ("15分钟服务圈", "24小时自助服务").
 */
export const DURATION_FOLLOWERS = /^(?:办结|办完|办理|办成|完成|出证|发证|领证|答复|回复|反馈|响应|到场|到达|处理|审结|结案|立案|放款|兑现|拨付|受理|审批|审核|送达|接通|决定|通电|通水|通气|装表|开工|验收|出具|核发|解决|化解)/;

/** Leading words that are not part of a metric name. */
export const METRIC_LEAD =
  /^(?:[，,、；;：:。\s]|将|把|对|力争|争取|确保|实现|推动|推进|要|并|且|同时|其中|全年|年内|使|让|努力|力求|以上|以内|开展|举办|完成|实施|保持|逐步|再|压缩|压减|缩短|降低|提高|提升|减少)+/;

/** Trailing words that are not part of a metric name (comparison words split from their 至/为 too). */
export const METRIC_TRAIL = /(?:[，,、\s]|要|均|分别|的|将|需|必须|累计|总计|共计|力争|争取|为|至|到|在|由)+$/;
