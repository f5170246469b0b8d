import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from './password-policy.js';

describe('checkPasswordPolicy', () => {
  it('refuses short passwords', () => expect(checkPasswordPolicy('Ab1!x')).toBe('密码至少 10 位'));
  it('refuses passwords with fewer than three classes', () =>
    expect(checkPasswordPolicy('abcdefghij12')).toBe('密码须包含大写字母、小写字母、数字、符号中的至少三类'));
  it('refuses passwords containing the username', () =>
    expect(checkPasswordPolicy('Zhangsan2026!', 'zhangsan')).toBe('密码不能包含用户名'));
  it('accepts a strong password', () => expect(checkPasswordPolicy('Hotline@12345')).toBeNull());
});
