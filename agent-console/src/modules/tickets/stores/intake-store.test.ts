import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';

vi.mock('element-plus', () => ({ ElMessage: vi.fn() }));
const { useIntakeStore } = await import('./intake-store');

const PREFIX = '事情经过：';
const TICKET = { id: 't1', number: '20260302-0001', status: 'pending_dispatch' };

type Reply = { status: number; body: unknown };

/** A fake server: records each request and answers from the queue, after the test lets it through. */
function fakeServer(replies: Reply[]) {
  const calls: { url: string; method: string; headers: Record<string, string>; body: unknown }[] = [];
  const release: (() => void)[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({
        url,
        method: init.method ?? 'GET',
        headers: init.headers as Record<string, string>,
        body: init.body ? JSON.parse(String(init.body)) : undefined,
      });
      await new Promise<void>((resolve) => release.push(resolve));
      const reply = replies.shift() ?? { status: 500, body: { error: 'x', message: '服务器错误' } };
      return new Response(JSON.stringify(reply.body), { status: reply.status });
    }),
  );
  const flush = async () => {
    for (let i = 0; i < 20; i += 1) {
      release.splice(0).forEach((go) => go());
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { calls, flush };
}

function fillForm(store: ReturnType<typeof useIntakeStore>, leadDepartmentId = ''): void {
  Object.assign(store.form, {
    callerName: '张先生',
    callerPhone: '13800001234',
    address: '示范市西湖区文三路100号',
    content: '超市出售过期食品',
    type: 'complaint',
    leadDepartmentId,
  });
}

describe('intake store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.unstubAllGlobals());

  it('sends one intake for a double click, with an Idempotency-Key, and clears the form after success', async () => {
    const server = fakeServer([{ status: 201, body: TICKET }]);
    const store = useIntakeStore();
    fillForm(store);
    const first = store.submit(PREFIX, () => '');
    const second = store.submit(PREFIX, () => '');
    await server.flush();
    await expect(second).resolves.toBeNull();
    await expect(first).resolves.toMatchObject({ ticket: TICKET, dispatchedTo: null, dispatchFailed: false });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]).toMatchObject({ url: '/api/tickets', method: 'POST' });
    expect(server.calls[0]!.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(store.form.callerName).toBe('');
  });

  it('retries a failed intake with the same key, and uses a new key for the next ticket', async () => {
    const server = fakeServer([
      { status: 503, body: { error: 'unavailable', message: '服务暂不可用' } },
      { status: 200, body: TICKET },
      { status: 201, body: { ...TICKET, id: 't2' } },
    ]);
    const store = useIntakeStore();
    fillForm(store);
    const failed = store.submit(PREFIX, () => '').catch((error: unknown) => error);
    await server.flush();
    await expect(failed).resolves.toMatchObject({ status: 503 });
    expect(store.form.callerName).toBe('张先生');
    const retried = store.submit(PREFIX, () => '');
    await server.flush();
    await expect(retried).resolves.toMatchObject({ ticket: TICKET });
    fillForm(store);
    const next = store.submit(PREFIX, () => '');
    await server.flush();
    await next;
    const keys = server.calls.map((call) => call.headers['Idempotency-Key']);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('dispatches right after intake when a lead unit was chosen, and reports a failed dispatch', async () => {
    const server = fakeServer([
      { status: 201, body: TICKET },
      { status: 200, body: { ...TICKET, status: 'awaiting_sign' } },
      { status: 201, body: { ...TICKET, id: 't2' } },
      { status: 409, body: { error: 'conflict', message: '该工单不能派单' } },
    ]);
    const store = useIntakeStore();
    fillForm(store, 'dept-scjg');
    const dispatched = store.submit(PREFIX, () => '市市场监督管理局');
    await server.flush();
    await expect(dispatched).resolves.toMatchObject({
      ticket: { status: 'awaiting_sign' },
      dispatchedTo: '市市场监督管理局',
      dispatchFailed: false,
    });
    expect(server.calls[1]).toMatchObject({ url: '/api/tickets/t1/dispatch', body: { leadDepartmentId: 'dept-scjg' } });

    fillForm(store, 'dept-scjg');
    const failed = store.submit(PREFIX, () => '市市场监督管理局');
    await server.flush();
    await expect(failed).resolves.toMatchObject({ dispatchFailed: true, dispatchedTo: null });
  });

  it('uploads the scans of a letter after intake; a failed scan is reported and a retry never makes a second ticket', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const server = fakeServer([
      { status: 503, body: { error: 'unavailable', message: '服务暂不可用' } },
      { status: 200, body: TICKET },
      { status: 201, body: { id: 'a1', fileName: 'scan.png', mimeType: 'image/png', size: 8 } },
      { status: 400, body: { error: 'attachment_type', message: '附件只能是 JPEG、PNG 图片或 PDF 文件' } },
    ]);
    const store = useIntakeStore();
    fillForm(store);
    Object.assign(store.form, { channel: 'letter', letterDate: '2026-11-20' });
    store.letterFiles = [
      { uid: 1, name: 'scan.png', raw: Object.assign(new File([png], 'scan.png'), { uid: 1 }) },
      { uid: 2, name: 'bad.pdf', raw: Object.assign(new File(['not a pdf'], 'bad.pdf'), { uid: 2 }) },
    ];

    const failed = store.submit(PREFIX, () => '').catch((error: unknown) => error);
    await server.flush();
    await expect(failed).resolves.toMatchObject({ status: 503 });
    // Intake failed: nothing was uploaded and the scans wait for the retry.
    expect(server.calls).toHaveLength(1);
    expect(store.letterFiles).toHaveLength(2);

    const retried = store.submit(PREFIX, () => '');
    await server.flush();
    await expect(retried).resolves.toMatchObject({
      ticket: TICKET,
      attachmentFailures: [{ fileName: 'bad.pdf', message: '附件只能是 JPEG、PNG 图片或 PDF 文件' }],
    });
    const intakes = server.calls.filter((call) => call.url === '/api/tickets');
    expect(intakes).toHaveLength(2);
    expect(intakes[0]!.headers['Idempotency-Key']).toBe(intakes[1]!.headers['Idempotency-Key']);
    expect(intakes[1]!.body).toMatchObject({ channel: 'letter', letterDate: '2026-11-20' });
    expect(server.calls[2]).toMatchObject({
      url: '/api/tickets/t1/attachments',
      method: 'POST',
      body: { fileName: 'scan.png', contentBase64: 'iVBORw0KGgo=' },
    });
    expect(server.calls[3]).toMatchObject({ url: '/api/tickets/t1/attachments', body: { fileName: 'bad.pdf' } });
    // The ticket exists: the form starts afresh (the failed scan is uploaded again from the ticket's page).
    expect(store.letterFiles).toEqual([]);
    expect(store.uploadProgress).toBeNull();
    expect(store.lastOutcome?.attachmentFailures).toHaveLength(1);
  });
});
