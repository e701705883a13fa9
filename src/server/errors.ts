/**
 * The error catalog. Every error the API returns has a code listed here and in docs/errors.md
 * (test/server/errors.test.ts checks both ways). Codes are never reused after removal.
 */
export const ERRORS = {
  VALIDATION: { status: 400, message: '请求参数不正确', reportable: false },
  INVALID_JSON: { status: 400, message: '请求体不是有效的 JSON', reportable: false },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求体过大', reportable: false },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型', reportable: false },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在', reportable: false },
  NOT_FOUND: { status: 404, message: '记录不存在或无权访问', reportable: false },
  FORBIDDEN: { status: 403, message: '无权执行此操作', reportable: false },
  RATE_LIMITED: { status: 429, message: '请求过于频繁，请稍后再试', reportable: false },
  AUTH_REQUIRED: { status: 401, message: '请先登录', reportable: false },
  AUTH_INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误', reportable: false },
  AUTH_LOCKED: { status: 429, message: '登录失败次数过多，账号已临时锁定，请稍后再试', reportable: false },
  AUTH_CSRF: { status: 403, message: '缺少或无效的 CSRF 令牌', reportable: false },
  AUTH_CURRENT_PASSWORD_WRONG: { status: 400, message: '当前密码不正确', reportable: false },
  PASSWORD_POLICY: { status: 400, message: '密码不符合要求', reportable: false },
  SETUP_ALREADY_DONE: { status: 409, message: '系统已初始化', reportable: false },
  USERNAME_TAKEN: { status: 409, message: '用户名已存在', reportable: false },
  USER_SCOPE_INVALID: { status: 400, message: '角色与所属单位或区域不匹配', reportable: false },
  REGION_CODE_TAKEN: { status: 409, message: '区划代码已存在', reportable: false },
  REGION_CYCLE: { status: 400, message: '不能把区域移动到其自身或下级之下', reportable: false },
  REGION_NOT_EMPTY: { status: 409, message: '区域下仍有下级区域、单位或用户', reportable: false },
  REGION_HAS_PLANS: { status: 409, message: '区域下仍有方案或督办任务，不能删除', reportable: false },
  UNIT_NAME_TAKEN: { status: 409, message: '该区域内已有同名单位', reportable: false },
  UNIT_NOT_EMPTY: { status: 409, message: '单位下仍有用户', reportable: false },
  PLAN_READ_UNSUPPORTED: { status: 415, message: '不支持的文件格式：请上传 .docx、.doc、.pdf、.html 或 .txt 文件。', reportable: false },
  PLAN_READ_ENCRYPTED: { status: 422, message: '文件已加密或受密码保护，无法读取，请上传未加密的版本。', reportable: false },
  PLAN_READ_NO_TEXT: { status: 422, message: '文件中没有可识别的文字（可能是扫描件或图片），请上传带文字层的文件。', reportable: false },
  PLAN_READ_CORRUPT: { status: 422, message: '文件已损坏或与其扩展名不符，无法读取。', reportable: false },
  PLAN_READ_TOO_LARGE: { status: 413, message: '文件过大，无法读取。', reportable: false },
  PLAN_SOURCE_MISSING: { status: 400, message: '请上传方案文件或粘贴方案文本', reportable: false },
  PLAN_REGION_REQUIRED: { status: 400, message: '请指定方案所属区域', reportable: false },
  PLAN_UNIT_UNKNOWN: { status: 400, message: '单位不存在或不在方案所属区域内', reportable: false },
  PLAN_NOT_DRAFT: { status: 409, message: '只有草稿状态的方案可以修改或删除', reportable: false },
  PLAN_VERSION_CONFLICT: { status: 409, message: '方案已被他人修改，请刷新后再保存', reportable: false },
  METRIC_SYNONYM_TAKEN: { status: 409, message: '该区域已有同名的指标别名', reportable: false },
  SUP_PLAN_NOT_DRAFT: { status: 409, message: '方案已发布或已归档，不能再次发布', reportable: false },
  SUP_UNRESOLVED_UNITS: { status: 400, message: '部分举措的牵头单位尚未匹配到单位库，不能发布', reportable: false },
  SUP_TASK_CLOSED: { status: 409, message: '任务已销号', reportable: false },
  SUP_TASK_NOT_SIGNED: { status: 409, message: '请先签收任务', reportable: false },
  SUP_TASK_ALREADY_SIGNED: { status: 409, message: '任务已签收', reportable: false },
  SUP_PERIOD_UNKNOWN: { status: 400, message: '填报期次不在任务的填报周期内', reportable: false },
  SUP_PERIOD_OPEN: { status: 409, message: '该期已有草稿或待审核的报告', reportable: false },
  SUP_KPI_UNKNOWN: { status: 400, message: '指标不属于该任务', reportable: false },
  SUP_REPORT_NOT_DRAFT: { status: 409, message: '只能修改草稿或待审核前的报告', reportable: false },
  SUP_REPORT_NOT_SUBMITTED: { status: 409, message: '只能审核待审核的报告', reportable: false },
  SUP_COMMENT_REQUIRED: { status: 400, message: '退回或不同意时须填写意见', reportable: false },
  SUP_NO_ACCEPTED_FINAL_REPORT: { status: 409, message: '销号须有审核通过的办结报告', reportable: false },
  SUP_REQUEST_PENDING: { status: 409, message: '已有待处理的同类申请', reportable: false },
  SUP_REQUEST_DECIDED: { status: 409, message: '申请已处理', reportable: false },
  SUP_REQUEST_INVALID: { status: 400, message: '申请内容不正确', reportable: false },
  SUP_TRANSFER_DUPLICATE: { status: 409, message: '接收单位已承担该举措', reportable: false },
  SUP_EVIDENCE_TOO_LARGE: { status: 413, message: '佐证材料过大', reportable: false },
  SUP_EVIDENCE_LIMIT: { status: 409, message: '佐证材料数量已达上限', reportable: false },
  SUP_CALENDAR_OVERRIDE_EXISTS: { status: 409, message: '该日期已有调整', reportable: false },
  SUP_ESCALATION_ANSWERED: { status: 409, message: '督办单已回复', reportable: false },
  SUP_WEBHOOK_PRIVATE_ADDRESS: { status: 400, message: 'Webhook 地址不能指向本机、内网、链路本地或云元数据地址', reportable: false },
  LEDGER_IMPORT_INVALID: { status: 400, message: '台账中有错误，未导入任何数据', reportable: false },
  RECORD_IN_USE: { status: 409, message: '该记录仍被其他数据引用，不能删除', reportable: false },
  DB_VALUE_REFUSED: { status: 400, message: '请求中的值无法保存（格式、长度或范围不正确）', reportable: false },
  UPLOAD_ARCHIVE_TOO_LARGE: { status: 413, message: '文件解压后过大或包含的条目过多，已拒绝读取。请拆分文件或删除其中的图片后再上传。', reportable: false },
  UPLOAD_TOO_MANY_ROWS: { status: 413, message: '表格行数或单元格数超过上限，已拒绝读取。请拆分为多个文件后再上传。', reportable: false },
  UPLOAD_ARCHIVE_INVALID: { status: 422, message: '文件不是有效的 Office 文档（压缩结构损坏），无法读取。', reportable: false },
  DOCUMENT_WORKER_TIMEOUT: { status: 422, message: '文件读取或方案解析超时，已停止处理。请拆分文件后再上传。', reportable: false },
  DOCUMENT_WORKER_FAILED: { status: 422, message: '文件读取或方案解析占用资源过多，已停止处理。请拆分文件后再上传。', reportable: false },
  DOCUMENT_WORKERS_BUSY: { status: 503, message: '正在读取的文件过多，请稍后再上传。', reportable: true },
  APL_ILLEGAL_TRANSITION: { status: 409, message: '诉求当前状态不允许此操作', reportable: false },
  APL_SAME_UNIT: { status: 400, message: '改派须选择其他单位', reportable: false },
  APL_DISPUTE_UPHELD: { status: 409, message: '办公室已维持原派单，不能再次提出异议', reportable: false },
  APL_EXTENSION_USED: { status: 409, message: '诉求只能延期一次', reportable: false },
  APL_EXTENSION_TOO_LONG: { status: 400, message: '延期须为1至30个工作日', reportable: false },
  APL_RATING_INVALID: { status: 400, message: '评价须为1至5星', reportable: false },
  APL_CLOSE_NEEDS_CALLBACK: { status: 409, message: '须回访或企业评价后方可销号', reportable: false },
  APL_REOPEN_USED: { status: 409, message: '诉求只能重新办理一次', reportable: false },
  APL_REOPEN_NOT_UNSATISFIED: { status: 409, message: '只有不满意的诉求可以申请重新办理', reportable: false },
  APL_REASON_REQUIRED: { status: 400, message: '请填写理由或内容', reportable: false },
  APL_ALREADY_EXCLUDED: { status: 409, message: '该诉求已标记为不纳入考核', reportable: false },
  APL_CATEGORY_UNKNOWN: { status: 400, message: '诉求类别不存在', reportable: false },
  APL_UNIT_UNKNOWN: { status: 400, message: '承办单位不存在或不在诉求所属区域内', reportable: false },
  APL_ENTERPRISE_REQUIRED: { status: 400, message: '请指定企业或填写企业名称', reportable: false },
  APL_IMPORT_INVALID: { status: 400, message: '导入文件中有错误，未导入任何诉求', reportable: false },
  APL_IMPORT_UNREADABLE: { status: 400, message: '无法读取导入文件', reportable: false },
  APL_CLUSTER_MEASURED: { status: 409, message: '该热点已转为改革任务', reportable: false },
  APL_MERGE_TARGET: { status: 400, message: '不能合并到该诉求', reportable: false },
  OPEN311_KEY_INVALID: { status: 403, message: 'API key 无效', reportable: false },
  ENT_IMPORT_UNREADABLE: { status: 400, message: '企业名录文件无法读取，请上传 .xlsx 或 .csv 文件', reportable: false },
  ENT_IMPORT_HEADER: { status: 400, message: '表头缺少必需的列：统一社会信用代码、企业名称', reportable: false },
  ENT_IMPORT_INVALID: { status: 400, message: '名录中有被拒绝的行，未导入任何数据', reportable: false },
  ENT_CREDIT_CODE_INVALID: { status: 400, message: '统一社会信用代码不正确', reportable: false },
  ENT_CREDIT_CODE_TAKEN: { status: 409, message: '该统一社会信用代码已登记', reportable: false },
  ENT_INDUSTRY_INVALID: { status: 400, message: '行业代码不在 GB/T 4754-2017《国民经济行业分类》中', reportable: false },
  ENT_VERSION_CONFLICT: { status: 409, message: '企业信息已被他人修改，请刷新后再保存', reportable: false },
  ENT_REQUEST_DECIDED: { status: 409, message: '该申请已处理', reportable: false },
  ENT_SIGNUP_MISMATCH: { status: 400, message: '统一社会信用代码与企业名称不匹配', reportable: false },
  ENT_OIDC_DISABLED: { status: 404, message: '未配置统一身份认证登录', reportable: false },
  ENT_OIDC_FAILED: { status: 401, message: '统一身份认证登录失败，请重试', reportable: false },
  POL_RULE_INVALID: { status: 400, message: '政策条件或奖补公式不符合规则语言', reportable: false },
  POL_AUTO_NEEDS_MACHINE_RULE: { status: 400, message: '免申即享事项的全部条件须可由系统核验', reportable: false },
  POL_SITUATION_TESTS_FAILED: { status: 422, message: '情形测试未全部通过，规则版本未发布', reportable: false },
  POL_VERSION_CONFLICT: { status: 409, message: '政策已被他人修改，请刷新后再保存', reportable: false },
  POL_NO_RULE_VERSION: { status: 409, message: '该事项在所选日期没有生效的规则版本', reportable: false },
  POL_ITEM_NOT_AUTO: { status: 409, message: '只有免申即享事项可以批量兑现', reportable: false },
  POL_FOUR_EYES: { status: 403, message: '批次须由另一名工作人员审核（双人复核）', reportable: false },
  POL_BATCH_NOT_PENDING: { status: 409, message: '批次已审核', reportable: false },
  POL_GRANT_NOT_AWAITING: { status: 409, message: '该兑现决定不在待确认状态', reportable: false },
  POL_NO_PAYEE_ACCOUNT: { status: 409, message: '企业尚未登记收款账户', reportable: false },
  POL_GRANT_NOT_CONFIRMED: { status: 409, message: '企业确认后才能登记拨付', reportable: false },
  POL_REVIEW_PENDING: { status: 409, message: '已有待处理的复核申请', reportable: false },
  POL_REVIEW_NOT_REQUESTED: { status: 409, message: '该决定没有待处理的复核申请', reportable: false },
  IND_TREE_INVALID: { status: 400, message: '指标体系结构有误', reportable: false },
  IND_VALUES_INVALID: { status: 400, message: '指标数值中有错误，未导入任何数据', reportable: false },
  IND_PERIOD_INVALID: { status: 400, message: '期次格式不正确', reportable: false },
  IND_ROUND_CLOSED: { status: 409, message: '填报轮次已关闭', reportable: false },
  IND_ROUND_NOT_SUBMITTED: { status: 409, message: '该单位尚未提交或已审核', reportable: false },
  IND_ROUND_SUBMITTED: { status: 409, message: '已提交，待审核期间不能修改', reportable: false },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂不可用', reportable: true },
  INTERNAL: { status: 500, message: '服务器内部错误', reportable: true },
} as const satisfies Record<string, { status: number; message: string; reportable: boolean }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;
  readonly reportable: boolean;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details: unknown = null,
  ) {
    super(message ?? ERRORS[code].message);
    this.name = 'AppError';
    this.status = ERRORS[code].status;
    this.reportable = ERRORS[code].reportable;
  }
}

export function notFound(): AppError {
  return new AppError('NOT_FOUND');
}

export function errorBody(code: ErrorCode, message?: string, details: unknown = null) {
  return { error: { code, message: message ?? ERRORS[code].message, details } };
}
