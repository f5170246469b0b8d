import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from './logger.js';
import { AccessLog } from './request-log.js';

describe('access log (issue 12)', () => {
  it('writes one line per request with method, path, status and time — never the query string or cookies', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = Fastify({
      logger: { ...(loggerOptions('info') as object), stream },
      logController: new AccessLog(),
    });
    app.get('/api/public/enquiries/:number', async () => ({ ok: true }));
    await app.inject({
      method: 'GET',
      url: '/api/public/enquiries/20260101000001?code=SECRET-CODE',
      headers: { cookie: 'hotline_sid=secret-token' },
    });
    await app.close();
    const requestLines = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({
      method: 'GET',
      url: '/api/public/enquiries/20260101000001',
      status: 200,
      user: null,
    });
    expect(typeof requestLines[0]!.ms).toBe('number');
    const output = lines.join('\n');
    expect(output).not.toContain('SECRET-CODE');
    expect(output).not.toContain('secret-token');
    expect(output).not.toContain('incoming request');
  });
});
