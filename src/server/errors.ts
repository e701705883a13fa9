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
