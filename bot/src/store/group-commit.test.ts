import { describe, expect, it } from '@jest/globals';
import { GroupCommit, retryConflicts } from './group-commit.js';

describe('GroupCommit', () => {
  it('commits what arrives together in one call, each caller getting its own result', async () => {
    const commits: number[][] = [];
    const group = new GroupCommit<number, string>(async (items) => {
      commits.push([...items]);
      return items.map((i) => `stored ${i}`);
    });
    const first = await Promise.all([1, 2, 3].map((i) => group.submit(i)));
    expect(first).toEqual(['stored 1', 'stored 2', 'stored 3']);
    expect(commits).toEqual([[1, 2, 3]]);
  });

  it('gathers what arrives during a commit into the next one', async () => {
    const commits: number[][] = [];
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const group = new GroupCommit<number, number>(async (items) => {
      commits.push([...items]);
      if (commits.length === 1) await slow;
      return [...items];
    });
    const a = group.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((i) => group.submit(i));
    release();
    expect(await Promise.all([a, ...later])).toEqual([1, 2, 3, 4]);
    expect(commits).toEqual([[1], [2, 3, 4]]);
  });

  it('fails only the callers whose commit failed, and goes on with the next', async () => {
    let calls = 0;
    const group = new GroupCommit<number, number>(async (items) => {
      calls += 1;
      if (calls === 1) throw new Error('disk full');
      return [...items];
    });
    const failed = Promise.all([group.submit(1), group.submit(2)]);
    await expect(failed).rejects.toThrow('disk full');
    expect(await group.submit(3)).toBe(3);
  });

  it('keeps batches within the maximum', async () => {
    const sizes: number[] = [];
    const group = new GroupCommit<number, number>(async (items) => {
      sizes.push(items.length);
      return [...items];
    }, 2);
    await Promise.all([1, 2, 3, 4, 5].map((i) => group.submit(i)));
    expect(sizes).toEqual([2, 2, 1]);
  });
});

describe('retryConflicts', () => {
  it('runs again after a deadlock or a unique clash, not after other errors', async () => {
    let attempts = 0;
    const result = await retryConflicts(async () => {
      attempts += 1;
      if (attempts < 3) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return 'done';
    });
    expect([result, attempts]).toEqual(['done', 3]);

    let other = 0;
    await expect(
      retryConflicts(async () => {
        other += 1;
        throw Object.assign(new Error('no such table'), { code: 'SQLITE_ERROR' });
      }),
    ).rejects.toThrow('no such table');
    expect(other).toBe(1);
  });
});
