/** 企业诉求 (appeals) strings, Chinese. Keys under `apl.`. */
const aplZhCN = {
  nav: { list: '诉求列表', stats: '三率统计', clusters: '热点聚类', portal: '我的诉求', portalNew: '我要反映' },
  portalTile: { list: '查看诉求办理进度、答复与评价', new: '反映问题，限时办理' },
  status: { received: '待派单', dispatched: '待签收', disputed: '派单异议', handling: '办理中', waiting: '待企业补充', replied: '已答复', called_back: '已回访', rectifying: '整改中', closed: '已销号', merged: '已合并' },
  channel: { portal: '企业端', hotline: '12345热线', counter: '窗口', import: '批量导入', open311: 'Open311' },
  clock: { sign: '签收', reply: '答复', resolve: '办结', state: { not_started: '未开始', running: '计时中', paused: '已暂停', met: '按时', missed: '超时', overdue: '已逾期' }, left: '剩{{n}}个工作日', over: '逾期{{n}}个工作日', due: '{{date}}到期' },
  field: { number: '编号', title: '标题', enterprise: '企业', category: '类别', unit: '承办单位', status: '状态', received: '受理时间', clocks: '时限', description: '诉求内容', location: '位置（选填）', isPublic: '同意公开', confidential: '保密（隐藏联系方式）', attachments: '附件', contact: '联系方式', hidden: '已隐藏（保密诉求）', reply: '答复', rating: '评价', reason: '理由', days: '延期工作日', note: '说明', solved: '是否解决', satisfied: '是否满意', comment: '评价意见', dueDate: '完成时限', enterpriseName: '企业名称', contactName: '联系人', contactPhone: '联系电话' },
  filter: { all: '全部状态', overdue: '只看逾期', search: '搜索编号、标题或企业' },
  list: { title: '企业诉求', intro: '接诉即办：受理、派单、签收、办理、答复、回访、评价、销号，按工作日计时（调休与地方安排已计入）。', create: '代企业登记', empty: '暂无诉求' },
  detail: { timeline: '办理过程', clocks: '办理时限', escalations: '督办单', proposals: '派单建议（依据权责清单）', legalBasis: '依据', duplicateOf: '疑似重复：与 {{n}} 相似', reopened: '已重新办理 {{n}} 次', excluded: '经审核不纳入考核', rectifyDue: '整改期限：{{date}}' },
  action: { dispatch: '派单', sign: '签收', dispute: '派单异议', decideDispute: '裁定异议', redispatch: '改派', uphold: '维持原派单', pause: '等待企业补充', resume: '恢复办理', extend: '批准延期', reply: '答复', callback: '回访', rate: '评价', close: '销号', reopen: '申请重新办理', merge: '合并', exclude: '不纳入考核', submit: '提交', measure: '转为改革任务', done: '操作成功' },
  exclusion: { unreasonable: '诉求不合理', litigation: '已进入诉讼', arbitration: '已进入仲裁', petition: '属信访事项', police: '属公安事项', out_of_scope: '不属受理范围' },
  yes: '是', no: '否',
  rating: { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意', hint: '依据国办发〔2019〕51号“好差评”五级评价' },
  stats: { title: '诉求三率', intro: '响应率、解决率、满意率与按时率；案件数少于{{min}}件的单位只显示不排名。', volume: '月度诉求量', categories: '诉求类别', hot: '热词', clocks: '按时情况', rank: '排名', name: '单位', total: '诉求数', response: '响应率', resolution: '解决率', satisfaction: '满意率', replyOnTime: '按时答复率', closeOnTime: '按时办结率', small: '件数少，不排名', score: '综合', unit: '按单位', region: '按区域', month: '按月份', closed: '已办结', overdue: '逾期' },
  clusters: { title: '热点诉求', intro: '相似诉求自动聚类（结巴分词 + SimHash）；可一键转为改革举措并纳入督办。', size: '{{n}}件', enterprises: '{{n}}家企业', units: '涉及单位', seasonal: '季节性（{{months}}月）', soon: '未诉先办：高发期将至', measured: '已转为改革任务', taskDone: '改革任务已销号', empty: '暂无聚类' },
  portal: { title: '我的诉求', new: '我要反映', submitTitle: '反映问题', submitted: '已提交，编号 {{n}}', step: '当前环节', who: '承办单位', due: '办结时限', reply: '答复内容', rateNow: '请您评价', rated: '您的评价', reopenOnce: '不满意可申请重新办理一次', photos: '添加图片或文件（最多3个，每个2MB内）', placeholder: '请描述您遇到的问题，如时间、地点、涉及的部门', empty: '您还没有反映过问题', back: '返回' },
};
export default aplZhCN;
