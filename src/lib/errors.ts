/** One error model: services throw AppError; the errors plugin maps it to {code, message, requestId}. */
export interface Bilingual {
  en: string;
  zh: string;
}

export interface FieldError {
  /** Path of the offending field, e.g. "body.employer.creditCode" or "row 17: wageMin". */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    public readonly statusCode: number,
    public readonly code: string,
    public readonly text: Bilingual,
    public readonly details?: FieldError[] | Record<string, unknown>,
  ) {
    super(text.en);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, whatZh: string) =>
  new AppError(404, 'NOT_FOUND', { en: `${what} not found`, zh: `未找到${whatZh}` });

export const forbidden = (en = 'You may not do this', zh = '无权执行此操作') =>
  new AppError(403, 'FORBIDDEN', { en, zh });

export const conflict = (code: string, text: Bilingual, details?: AppError['details']) =>
  new AppError(409, code, text, details);

export const invalid = (field: string, en: string, zh: string) =>
  new AppError(422, 'INVALID_FIELD', { en: `${field}: ${en}`, zh: `${field}：${zh}` }, [{ field, message: en }]);
