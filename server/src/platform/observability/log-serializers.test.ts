import { describe, expect, it } from 'vitest';
import { redactUrl, serializeError } from './log-serializers.js';

describe('log serializers (issue 10.2)', () => {
  it("drops a failed query's parameters, the row detail and long digit runs from errors and their causes", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "contacts_phone_key"'), {
      name: 'PostgresError',
      code: '23505',
      severity: 'ERROR',
      detail: 'Key (phone)=(13812345678) already exists.',
      parameters: ['王小明', '13812345678'],
      constraint_name: 'contacts_phone_key',
    });
    const error = Object.assign(
      new Error('Failed query: insert into "contacts" ("name", "phone") values ($1, $2)\nparams: 王小明,13812345678'),
      { query: 'insert …', params: ['王小明', '13812345678'], cause },
    );
    const text = JSON.stringify(serializeError(error));
    expect(text).toContain('Failed query: insert into');
    expect(text).toContain('contacts_phone_key');
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('王小明');
  });

  it('hides the value a Postgres data exception quotes', () => {
    const error = Object.assign(new Error('invalid input syntax for type uuid: "张三 0571-8888"'), {
      name: 'PostgresError',
      code: '22P02',
      severity: 'ERROR',
    });
    expect(JSON.stringify(serializeError(error))).not.toContain('张三');
  });

  it('keeps query parameter names but not their values in URLs', () => {
    expect(redactUrl('/api/tickets?q=13812345678&limit=20')).toBe('/api/tickets?q=[已隐藏]&limit=[已隐藏]');
    expect(redactUrl('/api/tickets/abc')).toBe('/api/tickets/abc');
  });
});
