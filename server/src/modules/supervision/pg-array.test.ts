import { describe, expect, it } from 'vitest';
import { PgDialect } from 'drizzle-orm/pg-core';
import { pgArray } from './pg-array.js';

const literal = (values: (string | number | null)[], type = 'text') => {
  const query = new PgDialect().sqlToQuery(pgArray(values, type));
  expect(query.sql).toBe(`$1::${type}[]`);
  return query.params[0];
};

describe('pgArray: one bound array parameter', () => {
  it('quotes every element, writes nulls as NULL and escapes only quotes and backslashes', () => {
    expect(literal(['a', 'b c', 'x,y', '{z}', 'NULL', ''])).toBe('{"a","b c","x,y","{z}","NULL",""}');
    expect(literal([null, 3, -1], 'bigint')).toBe('{NULL,"3","-1"}');
    expect(literal(['say "hi"', 'C:\\dir\\"q"'])).toBe('{"say \\"hi\\"","C:\\\\dir\\\\\\"q\\""}');
    expect(literal([])).toBe('{}');
  });
});
