import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/**
 * Serves the built agent console at / (with the SPA's index.html for its client-side routes).
 * Unknown /api paths stay JSON 404s.
 */
export async function registerConsole(app: FastifyInstance, consoleDist: string | null): Promise<void> {
  const root = consoleDist ? path.resolve(consoleDist) : null;
  const hasConsole = root !== null && existsSync(path.join(root, 'index.html'));
  if (hasConsole) {
    await app.register(fastifyStatic, { root, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url.startsWith('/socket.io');
    if (hasConsole && request.method === 'GET' && !isApi) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send({ error: 'not_found', message: isApi ? '接口不存在' : '页面不存在' });
  });
}
