import { describe, expect, it } from 'vitest';
import { describeValidationError } from './validation-messages.js';

describe('describeValidationError', () => {
  it('names the missing field', () => {
    expect(
      describeValidationError(
        [{ keyword: 'required', instancePath: '', params: { missingProperty: 'content' } }],
        'body',
      ),
    ).toBe('缺少必填字段「content」');
  });
  it('names nested fields and the limit', () => {
    expect(
      describeValidationError([{ keyword: 'maxLength', instancePath: '/caller/name', params: { limit: 50 } }]),
    ).toBe('字段「caller.name」过长，最多 50 个字符');
  });
  it('explains enum mistakes', () => {
    expect(describeValidationError([{ keyword: 'anyOf', instancePath: '/type', params: {} }])).toBe(
      '字段「type」取值无效',
    );
  });
  it('rejects unknown fields by name', () => {
    expect(
      describeValidationError(
        [{ keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: 'x' } }],
        'body',
      ),
    ).toBe('请求体包含不支持的字段「x」');
  });
});
