/** Strings of the newcomer fixes (issue 12): evidence, publishing checks, audit labels, filters. Chinese first. */
const ux = {
  mine: { roleFilter: '按承办角色筛选', lead: '牵头（主办）', cooperating: '协办' },
  publish: {
    noLead: '未写明牵头单位',
    pastDueTitle: '时限已过，仍要发布吗？',
    allPastDue: '这份方案的全部 {{total}} 项任务时限都已过去，发布后将立即全部亮红灯、计为逾期。可先在方案审核页调整时限（例如按本年度重新编排）再发布。',
    somePastDue: '共 {{total}} 项任务中有 {{count}} 项时限已过，发布后这些任务将立即亮红灯、计为逾期。',
    publishAnyway: '仍然发布',
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
