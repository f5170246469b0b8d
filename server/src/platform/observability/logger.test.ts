import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from './logger.js';

describe('log redaction', () => {
  it('never writes passwords, cookies or phone numbers', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const options = loggerOptions('info') as Record<string, unknown>;
    const app = Fastify({ logger: { ...options, stream } });
    app.post('/x', async (request) => {
      request.log.info({ body: request.body, caller: { name: '张三', phone: '13812345678' } }, 'intake');
      return { ok: true };
    });
    await app.inject({
      method: 'POST',
      url: '/x',
      headers: { cookie: 'hotline_sid=secret-token' },
      payload: { password: 'Hunter2-Secret!', phone: '13987654321' },
    });
    await app.close();
    const output = lines.join('\n');
    expect(output).toContain('intake');
    expect(output).not.toContain('Hunter2-Secret!');
    expect(output).not.toContain('13812345678');
    expect(output).not.toContain('13987654321');
    expect(output).not.toContain('secret-token');
  });
});
