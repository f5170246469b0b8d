import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ORIGIN } from '../support/env.js';
import { asUser, startTestApp, type TestApp } from '../support/test-app.js';
import { createUnit, hotlineUser } from '../support/ticket-factories.js';
import { createUser } from '../support/factories.js';
import { signIn } from '../support/test-app.js';

/**
 * Issue 10.7 — NUL bytes, lone surrogates, huge and nested values on every write route of the OpenAPI document,
 * signed in as every role and as nobody: never a 5xx. Text with a NUL byte or a lone surrogate is refused at the edge
 * with a 400 in Chinese.
 */
let t: TestApp;
const cookies: Record<string, string | null> = { anonymous: null };
const lines: string[] = [];

beforeAll(async () => {
  t = await startTestApp({ logLevel: 'warn' }, { logStream: { write: (line) => void lines.push(line) } });
  const db = t.deps.database.db;
  cookies.agent = (await hotlineUser(t.app, db, 'agent')).cookie;
  cookies.lead = (await hotlineUser(t.app, db, 'lead')).cookie;
  cookies.admin = (await hotlineUser(t.app, db, 'admin')).cookie;
  const unit = await createUnit(t.app, db);
  cookies.handler = unit.handler.cookie;
  cookies.dept_head = unit.head.cookie;
  const kb = await createUser(db, 'kb_editor');
  cookies.kb_editor = await signIn(t.app, kb.username, kb.password);
}, 60_000);
afterAll(async () => t.close());

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  $ref?: string;
};

/** A body shaped like the route's schema, with `evil` in every string (enums too) and every free-form value. */
function shapedLike(schema: Schema | undefined, evil: unknown, depth = 0): unknown {
  if (!schema || depth > 6) return evil;
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (variant) return shapedLike(variant, evil, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema.properties ?? {})) out[key] = shapedLike(value, evil, depth + 1);
    return out;
  }
  if (type === 'array') return [shapedLike(schema.items, evil, depth + 1)];
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return true;
  return evil;
}

function nested(levels: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = i % 2 ? { a: value } : [value];
  return value;
}

const EVIL_STRINGS = ['a\u0000b', 'lone \uD800 high', 'lone \uDC00 low', '\uDFFF\uD800'];

describe('issue 10.7: bad characters and shapes on every write route never make a 5xx', () => {
  it('POST /api/auth/login with a NUL byte or a lone surrogate in the username is a 400 in Chinese', async () => {
    for (const username of ['a\u0000b', 'a\uD800b']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: TEST_ORIGIN },
        payload: { username, password: 'whatever-Password1' },
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // The same characters in a query string or a path segment.
    const query = await t.app.inject({ method: 'GET', url: '/api/tickets?q=a%00b', headers: asUser(cookies.agent!) });
    expect(query.statusCode).toBe(400);
    const path = await t.app.inject({ method: 'GET', url: '/api/public/enquiries/a%00b?code=1' });
    expect(path.statusCode).toBeLessThan(500);
  });

  it('fuzzes every write route from the OpenAPI document as every role', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
    };
    const failures: string[] = [];
    let requests = 0;
    const started = Date.now();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        const payloads: unknown[] = [
          ...EVIL_STRINGS.map((evil) => shapedLike(schema, evil)),
          shapedLike(schema, 'x'.repeat(900_000)),
          shapedLike(schema, nested(60)),
          nested(2_000),
          { ['k\u0000']: 1, ...(shapedLike(schema, 'ok') as object) },
        ];
        for (const [role, cookie] of Object.entries(cookies)) {
          for (const [index, payload] of payloads.entries()) {
            // A path segment with a lone surrogate for the first payload, an unknown id otherwise.
            const id = index === 1 ? '%ED%A0%80' : crypto.randomUUID();
            const url = path.replace(/\{[^}]+\}/g, id);
            const response = await t.app.inject({
              method: method.toUpperCase() as 'POST',
              url,
              headers: cookie ? asUser(cookie) : { origin: TEST_ORIGIN },
              payload: payload as object,
            });
            requests += 1;
            if (response.statusCode >= 500) failures.push(`${role} ${method} ${url} #${index}: ${response.body}`);
            else if (response.statusCode === 400) {
              expect(response.json().message, `${method} ${path}`).toMatch(/[\u4e00-\u9fa5]/);
            }
          }
        }
        expect(Date.now() - started, 'fuzz run time').toBeLessThan(240_000);
      }
    }
    expect(requests).toBeGreaterThan(200);
    expect(failures).toEqual([]);
    expect(lines.filter((line) => line.includes('"level":50'))).toEqual([]);
  }, 300_000);
});
