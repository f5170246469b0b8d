import { describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { defineJob } from './job-definitions.js';
import { JobRegistry } from './job-registry.js';

const greet = defineJob({ queue: 'maintenance', name: 'test.greet', payload: Type.Object({ name: Type.String() }) });
const other = defineJob({ queue: 'maintenance', name: 'test.other', payload: Type.Object({}) });

describe('JobRegistry', () => {
  it('refuses to start when a defined job has no handler', () => {
    const registry = new JobRegistry().define(greet, other).handle(greet, async () => {});
    expect(() => registry.assertComplete()).toThrow(/no handler for test\.other/);
  });

  it('refuses a second handler for the same job', () => {
    const registry = new JobRegistry().define(greet).handle(greet, async () => {});
    expect(() => registry.handle(greet, async () => {})).toThrow(/two handlers/);
  });

  it('refuses a handler for a job nobody defined', () => {
    const registry = new JobRegistry()
      .define(greet)
      .handle(greet, async () => {})
      .handle(other, async () => {});
    expect(() => registry.assertComplete()).toThrow(/handlers for undefined jobs test\.other/);
  });

  it('validates the payload before the handler sees it', async () => {
    const seen: string[] = [];
    const registry = new JobRegistry().define(greet).handle(greet, async (p) => void seen.push(p.name));
    await registry.run('test.greet', { name: '张三' }, { jobId: 'a', attemptsMade: 0 });
    await expect(registry.run('test.greet', { name: 42 }, { jobId: 'b', attemptsMade: 0 })).rejects.toThrow(
      /Invalid payload/,
    );
    expect(seen).toEqual(['张三']);
  });

  it('refuses job names with a colon (BullMQ uses it as a key separator)', () => {
    expect(() => defineJob({ queue: 'maintenance', name: 'bad:name', payload: Type.Object({}) })).toThrow(
      /may not contain/,
    );
  });
});
