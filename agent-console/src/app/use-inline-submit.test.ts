import { describe, expect, it, vi } from 'vitest';

vi.mock('element-plus', () => ({ ElMessage: vi.fn() }));

const { HttpError } = await import('./http');
const { useInlineSubmit } = await import('./use-inline-submit');

describe('useInlineSubmit', () => {
  it('shows the spinner while the save runs and no problem after it succeeds', async () => {
    const { problem, saving, run } = useInlineSubmit(() => '保存失败');
    problem.value = '上次的错误';
    let savingDuringAction = false;
    await run(async () => {
      savingDuringAction = saving.value;
    });
    expect(savingDuringAction).toBe(true);
    expect(saving.value).toBe(false);
    expect(problem.value).toBeNull();
  });

  it("shows the server's refusal as is, and the fallback for anything else", async () => {
    const { problem, saving, run } = useInlineSubmit(() => '保存失败');
    await run(async () => {
      throw new HttpError(409, 'conflict', '用户名已存在');
    });
    expect(problem.value).toBe('用户名已存在');
    expect(saving.value).toBe(false);
    await run(async () => {
      throw new TypeError('bug');
    });
    expect(problem.value).toBe('保存失败');
  });
});
