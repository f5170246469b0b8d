import { describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { IntakeBody } from './tickets.js';
import { MatterContent } from './knowledge.js';
import { requiredPaths } from './problems.js';

describe('requiredPaths', () => {
  it('reads the required fields of the intake contract, nested ones under a required parent', () => {
    const paths = requiredPaths(IntakeBody);
    expect(paths).toEqual(expect.arrayContaining(['caller', 'caller.name', 'caller.phone', 'address', 'content']));
    expect(paths).not.toContain('title');
    expect(paths).not.toContain('caller.greenChannel');
  });

  it('follows the schema, not a list typed elsewhere', () => {
    const schema = Type.Object({
      a: Type.String(),
      b: Type.Optional(Type.String()),
      c: Type.Object({ d: Type.String({ minLength: 1 }), e: Type.Optional(Type.String()) }),
      f: Type.Union([Type.Integer(), Type.Null()]),
      g: Type.Array(Type.String()),
    });
    // a and g may be sent empty, f may be null: present in the body, but nothing the user must fill in.
    expect(requiredPaths(schema)).toEqual(['c', 'c.d']);
    const matter = requiredPaths(MatterContent);
    expect(matter).toEqual(expect.arrayContaining(['name', 'category', 'visitClass']));
    expect(matter).not.toContain('fees');
    expect(matter).not.toContain('legalTimeLimitDays');
  });
});
