/** Strings of the newcomer fixes (issue 12): evidence, publishing checks, audit labels, filters. Chinese first. */
const ux = {
  audit: {
    actions: {
      alert: '预警', open_task: '转督办', callback: '回访', dispatch: '派单', dispute: '派单异议', exclude: '不计入考核', extend: '延期', measure: '转为改革举措', merge: '合并', pause: '暂停计时', rate: '评价', read_contact: '查看联系方式', reopen: '重新办理', reply: '答复', resume: '恢复计时', reveal: '查看未脱敏信息',
      create: '新建', update: '修改', delete: '删除', login: '登录', logout: '退出', login_failed: '登录失败', password_change: '修改密码', setup: '首次设置',
      import: '导入', export: '导出', upload: '上传', submit: '提交', sign: '签收', seed: '生成演示数据', respond: '回复', request: '提出申请', remind: '催办',
      publish: '发布', instruct: '批示', escalate: '督办', close: '销号', accept: '审核通过', return: '退回', approve: '批准', refuse: '不批准',
    },
    entities: {
      appeal: '企业诉求', appeal_cluster: '诉求热点', enterprise: '企业', enterprise_correction: '企业信息更正申请', enterprise_signup: '企业注册申请', grant: '兑现决定', grant_batch: '免申即享批次', indicator_alert: '指标预警', indicator_alert_rule: '指标预警规则', indicator_bulletin: '评价报告', indicator_round: '指标填报轮次', indicator_round_entries: '指标填报数据', indicator_round_unit: '填报单位', indicator_system: '指标体系', indicator_target_link: '指标与目标关联', indicator_value: '指标值', policy: '政策', policy_item: '兑现事项',
      region: '行政区划', unit: '责任单位', user: '用户', session: '登录会话', system: '系统', bulletin: '通报', calendar_override: '工作日历调整', escalation: '督办单',
      instruction: '领导批示', ledger: '台账', metric_synonym: '指标同义词', plan: '方案', ranking_weights: '排名权重', reminder: '催办提醒', report: '进展报告',
      report_evidence: '佐证材料', supervision_settings: '督办设置', task: '任务', task_request: '延期/转办申请', unit_webhook: '单位消息推送',
    },
    actors: { system: '系统', 'supervision-scan': '督办巡检（定时任务）', 'demo-seeder': '演示数据生成', 'task-assigner': '任务下达', console: '命令行' },
  },
  mine: { roleFilter: '按承办角色筛选', lead: '牵头（主办）', cooperating: '协办' },
  publish: {
    noLead: '未写明牵头单位',
    pastDueTitle: '时限已过，仍要发布吗？',
    allPastDue: '这份方案的全部 {{total}} 项任务时限都已过去，发布后将立即全部亮红灯、计为逾期。可先在方案审核页调整时限（例如按本年度重新编排）再发布。',
    somePastDue: '共 {{total}} 项任务中有 {{count}} 项时限已过，发布后这些任务将立即亮红灯、计为逾期。',
    publishAnyway: '仍然发布',
  },
  clockReason: {
    sign: '派单后{{n}}个工作日内签收',
    reply: '派单后{{n}}个工作日内答复',
    resolve: '受理后{{n}}个工作日内办结',
    extended: '经批准延期{{n}}个工作日',
    paused: '等待企业补充暂停{{n}}个工作日',
  },
  exports: {
    bulletinTitle: '下载通报',
    ledgerTitle: '下载台账',
    plan: '方案',
    planRequired: '请选择方案',
    period: '通报期次（月份）',
    periodRequired: '请选择月份',
    bulletinIntro: '按所选月份生成《关于〈方案名〉某年某月落实情况的通报》（Word），含总体进展、单位排名、逾期清单和亮点。',
    ledgerIntro: '导出方案全部任务的台账（Excel），含配合单位、最新进展、审核意见和佐证材料；黄色列可填写本期进展后导入。',
    download: '下载',
  },
  evidence: {
    tooLarge: '文件“{{names}}”超过 {{mb}} MB，无法上传；请压缩或拆分后再选择。报告尚未保存。',
    tooMany: '每份报告最多 {{max}} 个佐证材料。',
    keptAsDraft: '。报告已保存为草稿，尚未提交；请重新选择失败的文件后再提交。',
    draftWithoutFiles: '。草稿已保存，但以上文件未上传。',
    stored: '已上传的佐证材料',
    none: '未附佐证材料',
    download: '下载',
    preview: '预览',
    count: '佐证材料（{{count}}）',
  },
};

export type UxStrings = typeof ux;
export default ux;
