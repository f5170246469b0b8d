import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const elMessage = vi.hoisted(() => vi.fn());
vi.mock('element-plus', () => ({ ElMessage: elMessage }));

const { download, http, HttpError, setUnauthorizedHandler } = await import('./http');

function respondWith(status: number, body: unknown): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status })),
  );
}

describe('http client', () => {
  const onUnauthorized = vi.fn();

  beforeEach(() => {
    elMessage.mockClear();
    onUnauthorized.mockClear();
    setUnauthorizedHandler(onUnauthorized);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends JSON with same-origin credentials and returns the parsed body', async () => {
    respondWith(200, { items: [] });
    await expect(http.post('/api/x', { a: 1 })).resolves.toEqual({ items: [] });
    const [url, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(url).toBe('/api/x');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"a":1}' });
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('turns an error response into an HttpError with the server message, shown to the user', async () => {
    respondWith(423, { error: 'account_locked', message: '账号已锁定，请15分钟后再试' });
    const failure = http.get('/api/y');
    await expect(failure).rejects.toBeInstanceOf(HttpError);
    await expect(failure).rejects.toMatchObject({ status: 423, message: '账号已锁定，请15分钟后再试' });
    expect(elMessage).toHaveBeenCalledWith(expect.objectContaining({ message: '账号已锁定，请15分钟后再试' }));
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('downloads a file with its headers; a failed download ends an expired session like any call', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(new Uint8Array([1, 2, 3]), { status: 200, headers: { 'x-export-count': '3' } })),
    );
    const file = await download('POST', '/api/tickets/export', { body: { q: '漏水' } });
    expect(file.blob.size).toBe(3);
    expect(file.headers.get('x-export-count')).toBe('3');
    expect(vi.mocked(fetch).mock.calls[0]![1]).toMatchObject({ method: 'POST', body: '{"q":"漏水"}' });

    respondWith(401, { error: 'unauthorized', message: '登录已过期，请重新登录' });
    await expect(download('GET', '/api/calls/recordings/x/audio', { silent: true })).rejects.toMatchObject({
      status: 401,
      message: '登录已过期，请重新登录',
    });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(elMessage).not.toHaveBeenCalled();
  });

  it('reports a network failure in Chinese', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(http.get('/api/z')).rejects.toMatchObject({ status: 0, message: '网络连接失败，请检查网络后重试' });
  });

  it('ends the session on 401 unless the caller expects a 401', async () => {
    respondWith(401, { error: 'unauthorized', message: '登录已过期，请重新登录' });
    await expect(http.get('/api/tickets')).rejects.toBeInstanceOf(HttpError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);

    respondWith(401, { error: 'invalid_credentials', message: '用户名或密码错误' });
    await expect(http.post('/api/auth/login', {}, { onUnauthorized: 'report', silent: true })).rejects.toMatchObject({
      message: '用户名或密码错误',
    });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(elMessage).toHaveBeenCalledTimes(1);
  });
});
