import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

/** Every "METHOD /path" Fastify knows under /api (from its own route table), docs routes excepted. */
function registeredApiRoutes(app: TestApp['app']): string[] {
  const table = app.printRoutes({ commonPrefix: false });
  const routes: string[] = [];
  for (const match of table.matchAll(/(\/api\/\S*) \(([^)]+)\)/g)) {
    const [, path, methods] = match;
    if (path!.startsWith('/api/docs')) continue;
    for (const method of methods!.split(',').map((m) => m.trim())) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      routes.push(`${method} ${path}`);
    }
  }
  return routes;
}

describe('OpenAPI', () => {
  it('documents every /api route with its method, and serves the docs UI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const documented = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const m of Object.keys(methods)) documented.add(`${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    }
    const routes = registeredApiRoutes(t.app);
    expect(routes.length).toBeGreaterThan(5);
    expect(routes).toContain('POST /api/auth/login');
    const undocumented = routes.filter((r) => !documented.has(r));
    expect(undocumented).toEqual([]);
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });
});
