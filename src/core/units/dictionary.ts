/**
 * The maintained dictionary of Chinese government department names.
 *
 * Each entry names one department *function* by its canonical core name (the name without the
 * region prefix, e.g. "发展和改革委员会" rather than "定西市发展和改革委员会") and lists the other
 * names plans print for it: official short forms (发展改革委), colloquial short forms (发改委), the
 * names the same function carries in other provinces (经信局 in Zhejiang for 工信局) and names from
 * before the 2018 institutional reform (工商局, 国土局) that still appear in older plans.
 *
 * How to extend: add an entry or an alias below, keep `canonical` unique, and run
 * `TZ=UTC npx vitest run src/core/units` (a test checks that no alias points to two entries).
 * Entries are data only; matching rules live in `normalize.ts` and `resolve.ts`.
 *
 * Aliases are compared after `foldUnitText` (whitespace removed, full-width letters and brackets
 * folded), so write them in their ordinary printed form.
 *
 * `patterns` recognise names in which the place sits inside the name rather than in front of it
 * ("人民银行定西市中心支行", "国网衢州供电公司"); the named group `place` captures the place and, for
 * level-only forms such as "团市委", the group `level` captures 市/州/县/区.
 *
 * `related` lists entries that are distinct departments but often confused with this one (the
 * resolver ranks them as suggestions, never as automatic matches): in one city the 政务服务管理局
 * runs the 政务服务中心, in another both exist side by side (the 巴州 plan prints 州政务服务办,
 * 州行政服务中心 and 州政务服务和公共资源交易中心 as three units).
 */
export interface DepartmentEntry {
  /** Canonical core name, without region prefix. Unique across the dictionary. */
  canonical: string;
  /** Other printed core names of the same function (without region prefix). */
  aliases: string[];
  /** Names where the place is embedded in the name. */
  patterns?: RegExp[];
  /** Canonical names of distinct but easily confused departments. */
  related?: string[];
  /** Where naming differs by city or era; shown to maintainers, not used in matching. */
  note?: string;
}

/** @internal Helper keeping the table below compact. */
function d(canonical: string, aliases: string[], extra: Omit<DepartmentEntry, 'canonical' | 'aliases'> = {}): DepartmentEntry {
  return { canonical, aliases, ...extra };
}

/**
 * The built-in department dictionary (see the module comment for how to extend it).
 *
 * @example
 * DEPARTMENTS.find((e) => e.aliases.includes('发改委'))?.canonical // '发展和改革委员会'
 */
export const DEPARTMENTS: readonly DepartmentEntry[] = [
  // ---- government departments (政府工作部门) ----
  d('发展和改革委员会', ['发展改革委', '发改委', '发展改革委员会', '发展和改革局', '发展改革局', '发改局'], {
    note: 'counties and districts usually have a 发展和改革局, cities a 发展和改革委员会',
  }),
  d('市场监督管理局', ['市场监管局', '市监局', '市场监督管理委员会', '工商行政管理局', '工商局', '质量技术监督局', '质监局', '食品药品监督管理局', '食药监局'], {
    note: '工商/质监/食药监 were merged into 市场监管 in the 2018 reform; old names still appear',
  }),
  d('人力资源和社会保障局', ['人社局', '人力社保局', '人力资源社会保障局', '人力资源和社会保障委员会']),
  d('住房和城乡建设局', ['住建局', '住房城乡建设局', '住房和城乡建设委员会', '住建委', '住房城乡建设委', '建设局'], {
    note: 'some cities (e.g. Beijing, Tianjin) keep a 住房和城乡建设委员会',
  }),
  d('自然资源局', ['自然资源和规划局', '自然资源规划局', '资源规划局', '规划和自然资源局', '规划资源局', '自然资源和规划委员会', '国土资源局', '国土局'], {
    note: 'Zhejiang and Jiangsu cities use 自然资源和规划局 (衢州 prints 资源规划局), Shanghai 规划和自然资源局, most others 自然资源局; 国土资源局 before 2018',
  }),
  d('税务局', ['税务部门', '地税局', '国税局'], {
    patterns: [/^国家税务总局(?<place>.+?)税务局$/u],
    note: 'vertical (国家税务总局) but printed with the local prefix: 州税务局',
  }),
  d('公安局', ['公安分局', '公安部门']),
  d('司法局', ['司法行政局']),
  d('财政局', ['财政部门']),
  d('商务局', ['商务委', '商务委员会', '商务和投资促进局', '商务粮食局'], {
    related: ['投资促进中心'],
  }),
  d('工业和信息化局', ['工信局', '工业和信息化委员会', '工信委', '经济和信息化局', '经信局', '经济和信息化委员会', '经信委', '工业信息化局'], {
    note: 'Zhejiang cities (衢州) use 经济和信息化局 (经信局) for the same function',
  }),
  d('交通运输局', ['交通局', '交通运输委员会', '交通委']),
  d('生态环境局', ['环保局', '环境保护局', '生态环境分局'], {
    note: 'county offices are often 生态环境局X分局 of the city bureau; 环保局 before 2018',
  }),
  d('卫生健康委员会', ['卫健委', '卫生健康委', '卫生健康局', '卫健局', '卫生和计划生育委员会', '卫计委', '卫生局']),
  d('教育局', ['教育体育局', '教体局', '教育和体育局', '教育委员会', '教委'], {
    note: 'many counties merge education and sport into 教育和体育局',
  }),
  d('农业农村局', ['农业农村委员会', '农业农村委', '农业局', '农牧局', '农业农村和水利局'], {
    note: 'Inner Mongolia and Xinjiang pastoral areas use 农牧局; some counties merge with 水利',
  }),
  d('文化和旅游局', ['文旅局', '文化旅游局', '文化广电和旅游局', '文化广电旅游局', '文广旅局', '文广旅游局', '文体旅游局', '文化体育和旅游局', '文化广电旅游体育局', '文广旅体局', '文化体育广播电视和旅游局', '文体广旅局', '文化和旅游委员会', '文旅委'], {
    note: 'names vary with what is merged in: 广电 (radio/TV), 体育 (sport); 定西 prints 文体旅游局',
  }),
  d('应急管理局', ['应急局', '安全生产监督管理局', '安监局']),
  d('水利局', ['水务局', '水利水电局', '水利水务局', '水资源局'], {
    note: '水务局 in some cities (定西), 水利局 in others (衢州, 巴州); one function',
  }),
  d('政务服务管理局', ['政管局', '政务服务局', '政务服务办', '政务服务办公室', '政务办', '政务服务管理办公室', '政务服务数据管理局', '政务服务和数据管理局'], {
    related: ['政务服务中心', '政务服务和公共资源交易中心', '行政审批服务局', '大数据管理局'],
    note: 'the office that runs 政务服务; in some places merged with 大数据 (政务服务和数据管理局)',
  }),
  d('政务服务中心', ['行政服务中心', '政务大厅', '政务服务大厅', '行政审批服务中心', '市民服务中心', '便民服务中心'], {
    related: ['政务服务管理局', '政务服务和公共资源交易中心'],
  }),
  d('政务服务和公共资源交易中心', ['政务服务与公共资源交易中心', '政务服务和公共资源交易服务中心'], {
    related: ['政务服务中心', '公共资源交易中心', '政务服务管理局'],
  }),
  d('公共资源交易中心', ['公共资源交易服务中心', '公共资源交易管理局', '公共资源交易局'], {
    related: ['政务服务和公共资源交易中心'],
  }),
  d('行政审批服务局', ['行政审批局', '审批服务局', '行政审批和政务服务局'], {
    related: ['政务服务管理局'],
    note: 'places with 相对集中行政许可 have a separate 行政审批局',
  }),
  d('大数据管理局', ['大数据局', '数据局', '数据资源管理局', '大数据发展管理局', '数据管理局', '大数据发展局', '大数据管理中心'], {
    related: ['大数据中心', '政务服务管理局'],
    note: 'the 2023 national 数据局 reform renamed many of these to 数据局',
  }),
  d('大数据中心', ['大数据发展中心', '大数据服务中心', '大数据发展服务中心', '电子政务和大数据发展服务中心', '电子政务中心', '信息中心'], {
    related: ['大数据管理局'],
  }),
  d('人民银行', ['人行', '中国人民银行', '人民银行中心支行', '人民银行支行', '人民银行分行'], {
    patterns: [/^(?:中国)?人民银行(?<place>.+?)(?:中心支行|支行|分行|营业管理部)$/u],
    note: 'since the 2023 reform the 中心支行 of prefecture cities became 人民银行X市分行',
  }),
  d('地方金融监督管理局', ['金融办', '政府金融办', '金融工作办公室', '政府金融工作办公室', '地方金融监管局', '金融监管局', '金融服务中心', '金融发展服务中心', '地方金融管理局', '金融工作局'], {
    note: 'the local finance office: 金融办 before 2018, 地方金融监督管理局 after, 金融服务中心 in some Xinjiang prefectures',
  }),
  d('金融监管分局', ['银保监分局', '银保监局', '银保监会分局', '银保监监管分局', '国家金融监督管理总局分局', '金融监管总局分局'], {
    patterns: [
      /^(?<place>.+?)银保监(?:分局|局)$/u,
      /^银保监(?:局|会)?(?<place>.+?)监管分局$/u,
      /^国家金融监督管理总局(?<place>.+?)监管分局$/u,
    ],
    note: '银保监分局 became 国家金融监督管理总局 X 监管分局 in 2023',
  }),
  d('国有资产监督管理委员会', ['国资委', '国资局', '国有资产监督管理局', '国资办']),
  d('科学技术局', ['科技局', '科学技术委员会', '科委', '科技委', '科学技术和工业信息化局']),
  d('民政局', []),
  d('医疗保障局', ['医保局', '医疗保障中心']),
  d('统计局', []),
  d('城市管理局', ['城管局', '城市管理行政执法局', '城管执法局', '城市管理综合行政执法局', '综合行政执法局', '综合执法局', '城市管理委员会', '城管委'], {
    note: 'Zhejiang merged 城管 into 综合行政执法局 (衢州 prints 综合执法局)',
  }),
  d('住房公积金管理中心', ['公积金中心', '住房公积金中心', '公积金管理中心']),
  d('供电公司', ['电力公司', '供电局', '国网供电公司'], {
    patterns: [
      /^(?:国网|国家电网).+?电力有限公司(?<place>.+?)供电(?:公司|局)$/u,
      /^(?:国网|国家电网)(?<place>.+?)(?:供电公司|电力公司|供电局)$/u, /^(?<place>.+?)供电(?:公司|局)$/u],
    note: 'State Grid (国网) companies; 供电局 in the China Southern Grid area',
  }),
  d('人民法院', ['法院', '中级人民法院', '中院', '中级法院'], {
    note: 'the court of a prefecture-level city is its 中级人民法院; plans print 市法院',
  }),
  d('人民检察院', ['检察院', '检察分院']),
  d('工商业联合会', ['工商联', '总商会']),
  d('政府办公室', ['政府办', '人民政府办公室', '府办', '政府办公厅', '人民政府办公厅']),
  d('人民政府', ['政府']),
  d('党委办公室', ['委办', '党委办', '委办公室']),
  d('党委组织部', ['委组织部', '组织部']),
  d('党委宣传部', ['委宣传部', '宣传部']),
  d('党委统战部', ['委统战部', '统战部', '党委统一战线工作部', '委统一战线工作部']),
  d('党委政法委', ['委政法委', '政法委']),
  d('党委网信办', ['委网信办', '网信办', '党委网络安全和信息化委员会办公室', '委网络安全和信息化委员会办公室']),
  d('党委编办', ['委编办', '编办', '机构编制委员会办公室', '党委机构编制委员会办公室', '委机构编制委员会办公室']),
  d('纪委监委', ['纪委', '监委', '纪委市监委', '纪委州监委', '纪委县监委', '纪委区监委', '纪律检查委员会', '监察委员会']),
  d('共青团委员会', ['团委', '共青团'], {
    patterns: [/^(?:共青)?团(?<level>[市州县区])委$/u],
  }),
  d('总工会', ['工会']),
  d('妇女联合会', ['妇联']),
  d('残疾人联合会', ['残联']),
  d('科学技术协会', ['科协']),
  d('人大常委会', ['人大', '人民代表大会常务委员会']),
  d('人大常委会法制工作委员会', ['人大法工委', '人大常委会法工委']),
  d('人大常委会财政经济工作委员会', ['人大财经工委', '人大财经委', '人大常委会财经工委']),
  d('政协', ['政治协商会议']),
  d('政协社会和法制委员会', ['政协社法委']),
  d('营商环境建设局', ['营商办', '优化营商环境办公室', '营商环境办公室', '营商环境建设办公室', '营商局', '营商环境发展局', '营商环境局'], {
    note: 'in many cities the 营商办 sits inside the 发改委 or the 政府办; the registry decides',
  }),
  d('投资促进中心', ['招商中心', '投资促进局', '招商局', '招商服务中心', '投资促进服务中心', '招商和投资促进中心'], {
    related: ['商务局'],
  }),
  d('贸促会', ['国际贸易促进委员会', '贸易促进委员会']),
  d('海关', ['隶属海关', '海关分关']),
  d('邮政管理局', ['邮管局']),
  d('通信管理办公室', ['通管办', '通信管理局', '通管局']),
  d('气象局', []),
  d('林业和草原局', ['林草局', '林业局', '林业和草原管理局']),
  d('乡村振兴局', ['扶贫办', '扶贫开发办公室', '乡村振兴办']),
  d('供销合作社联合社', ['供销联社', '供销社', '供销合作社']),
  d('退役军人事务局', ['退役军人局']),
  d('审计局', []),
  d('信访局', ['信访办']),
  d('体育局', ['体育发展中心']),
  d('粮食和物资储备局', ['粮食局', '粮食和储备局']),
  d('机关事务管理局', ['机关事务局', '机关事务服务中心']),
  d('消防救援支队', ['消防支队', '消防救援大队', '消防大队']),
  d('不动产登记中心', ['不动产登记局', '不动产登记服务中心']),
  d('民族宗教事务委员会', ['民宗委', '民族宗教事务局', '民宗局']),
  d('外事办公室', ['外办', '外事办']),
  d('人民防空办公室', ['人防办']),
  d('知识产权局', ['知识产权保护中心']),
  d('烟草专卖局', ['烟草局']),
  d('地震局', []),
  d('管理委员会', ['管委会', '管委']),
];
