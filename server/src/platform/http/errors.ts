/**
 * Errors that reach users. The message is in Chinese and in the domain's terms
 * (「该工单已签收，不能退单」, not "invalid state"); the code is stable for integrators.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, code = 'bad_request') => new AppError(400, code, message);
export const unauthorized = (message = '请先登录', code = 'unauthorized') => new AppError(401, code, message);
export const forbidden = (message = '无权执行此操作', code = 'forbidden') => new AppError(403, code, message);
/** Also used for resources the caller may not see: a 404 does not confirm they exist. */
export const notFound = (message = '资源不存在或无权查看', code = 'not_found') => new AppError(404, code, message);
export const conflict = (message: string, code = 'conflict') => new AppError(409, code, message);
export const locked = (message: string, code = 'locked') => new AppError(423, code, message);
export const unprocessable = (message: string, code = 'unprocessable') => new AppError(422, code, message);
