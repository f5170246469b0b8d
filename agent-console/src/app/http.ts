import { ElMessage } from 'element-plus';
import type { ErrorResponse } from '@hotline/shared/contracts/common';
import type { ValidationProblem } from '@hotline/shared/contracts/problems';
import { translate } from './i18n';

/** An API call that failed: `message` is already in the user's language (Chinese from the server). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** With `validation_failed`: one problem per field (path, code, Chinese message), for forms to place. */
    readonly problems: ValidationProblem[] = [],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface RequestOptions {
  body?: unknown;
  /** Do not show the error with ElMessage (the caller shows it itself, or the failure is expected). */
  silent?: boolean;
  /**
   * What a 401 means for this call. `expire-session` (default): the session ended, so sign out and go to /login.
   * `report`: the 401 is an answer to this request (e.g. wrong password on sign-in) and is only reported.
   */
  onUnauthorized?: 'expire-session' | 'report';
  signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key` on ticket intake. */
  headers?: Record<string, string>;
  /**
   * The caller shows validation problems on its form fields: a 400 `validation_failed` with problems is not toasted
   * (every other failure still is, unless `silent`).
   */
  fieldProblems?: boolean;
}

type UnauthorizedHandler = () => void;
let unauthorizedHandler: UnauthorizedHandler | null = null;

/** Registered once at start-up; kept as a hook so the client depends on neither the router nor the stores. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  unauthorizedHandler = handler;
}

function isErrorResponse(value: unknown): value is ErrorResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorResponse).message === 'string' &&
    typeof (value as ErrorResponse).error === 'string'
  );
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function showError(error: HttpError, options: RequestOptions): void {
  if (options.fieldProblems && error.problems.length > 0) return;
  // Grouping folds the same message from parallel requests into one toast.
  if (!options.silent) ElMessage({ type: 'error', message: error.message, grouping: true });
}

/** Sends the request; a failure (network, or a non-2xx answer) is shown and thrown as an HttpError. */
async function send(method: string, url: string, options: RequestOptions, accept: string): Promise<Response> {
  const hasBody = options.body !== undefined;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      // No Content-Type without a body: Fastify rejects an empty JSON body.
      headers: {
        ...options.headers,
        ...(hasBody ? { Accept: accept, 'Content-Type': 'application/json' } : { Accept: accept }),
      },
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    const error = new HttpError(0, 'network_error', translate('errors.network'));
    showError(error, options);
    throw error;
  }
  if (response.ok) return response;

  const payload = await readJson(response);
  const error = isErrorResponse(payload)
    ? new HttpError(response.status, payload.error, payload.message, payload.problems ?? [])
    : new HttpError(response.status, 'http_error', translate('errors.unexpected', { status: response.status }));
  showError(error, options);
  if (response.status === 401 && (options.onUnauthorized ?? 'expire-session') === 'expire-session') {
    unauthorizedHandler?.();
  }
  throw error;
}

export async function request<T>(method: string, url: string, options: RequestOptions = {}): Promise<T> {
  return (await readJson(await send(method, url, options, 'application/json'))) as T;
}

/**
 * A file from the API (an export, a recording): the body as a Blob with the answer's headers; failures are handled
 * as for `request` (the server's Chinese message, a 401 ends the session).
 */
export async function download(
  method: 'GET' | 'POST',
  url: string,
  options: RequestOptions = {},
): Promise<{ blob: Blob; headers: Headers }> {
  const response = await send(method, url, options, '*/*');
  return { blob: await response.blob(), headers: response.headers };
}

export const http = {
  get: <T>(url: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', url, options),
  post: <T>(url: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', url, { ...options, body }),
  put: <T>(url: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PUT', url, { ...options, body }),
  patch: <T>(url: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', url, { ...options, body }),
  delete: <T>(url: string, options?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', url, options),
};
