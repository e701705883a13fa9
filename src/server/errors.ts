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
  UNIT_NAME_TAKEN: { status: 409, message: '该区域内已有同名单位', reportable: false },
  UNIT_NOT_EMPTY: { status: 409, message: '单位下仍有用户', reportable: false },
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
