/** Errors of the document readers; the codes follow the PLAN_READ_* group of the error catalog. */

export type DocumentFormat = 'txt' | 'html' | 'docx' | 'doc' | 'pdf' | 'rtf';

export const READ_ERRORS = {
  PLAN_READ_UNSUPPORTED: '不支持的文件格式：请上传 .docx、.doc、.pdf、.html 或 .txt 文件。',
  PLAN_READ_ENCRYPTED: '文件已加密或受密码保护，无法读取，请上传未加密的版本。',
  PLAN_READ_NO_TEXT: '文件中没有可识别的文字（可能是扫描件或图片），请上传带文字层的文件。',
  PLAN_READ_CORRUPT: '文件已损坏或与其扩展名不符，无法读取。',
  PLAN_READ_TOO_LARGE: '文件过大，无法读取。',
} as const;

export type ReadErrorCode = keyof typeof READ_ERRORS;

export class DocumentReadError extends Error {
  constructor(
    readonly code: ReadErrorCode,
    readonly details: { filename?: string; format?: DocumentFormat; cause?: string } = {},
  ) {
    super(READ_ERRORS[code]);
    this.name = 'DocumentReadError';
  }
}
