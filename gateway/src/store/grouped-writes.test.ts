import { describe, expect, it } from 'vitest';
import { GroupedWrites } from './grouped-writes.js';

interface Item {
  id: string;
  name?: string;
  /** A statement holding it fails as a whole. */
  bad?: boolean;
}

/** A statement per call that waits until the test releases it; `statements` are the batches in call order. */
function writes(lanes: number, most = 10) {
  const statements: string[][] = [];
  const release: (() => void)[] = [];
  const group = new GroupedWrites<Item, string>({
    lanes,
    most,
    names: (item) => (item.name ? [item.name] : []),
    write: async (batch) => {
      statements.push(batch.map((i) => i.id));
      await new Promise<void>((resolve) => release.push(resolve));
      if (batch.some((i) => i.bad)) throw new Error(`bad ${batch.find((i) => i.bad)?.id}`);
      return batch.map((i) => `wrote ${i.id}`);
    },
  });
  /** Releases every statement in flight until none is left. */
  const drain = async () => {
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setImmediate(r));
      for (const r of release.splice(0)) r();
    }
  };
  return { group, statements, drain };
}

describe('grouped writes', () => {
  it('writes a lone item at once, alone', async () => {
    const { group, statements, drain } = writes(2);
    const result = group.add({ id: 'a' });
    expect(statements).toEqual([['a']]);
    await drain();
    expect(await result).toBe('wrote a');
  });

  it('groups what arrives while every lane is busy, in arrival order, up to the most a statement takes', async () => {
    const { group, statements, drain } = writes(2, 3);
    const results = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => group.add({ id }));
    expect(statements).toEqual([['a'], ['b']]);
    await drain();
    expect(statements).toEqual([['a'], ['b'], ['c', 'd', 'e'], ['f', 'g']]);
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => `wrote ${id}`));
  });

  it('never puts two items of one name in a statement, and keeps the order of a name', async () => {
    const { group, statements, drain } = writes(1);
    const results = [
      { id: 'busy' },
      { id: 'x1', name: 'x' },
      { id: 'y1', name: 'y' },
      { id: 'x2', name: 'x' },
      { id: 'z' },
      { id: 'x3', name: 'x' },
    ].map((item) => group.add(item));
    await drain();
    expect(statements).toEqual([['busy'], ['x1', 'y1', 'z'], ['x2'], ['x3']]);
    await Promise.all(results);
  });

  it('writes a failed statement again item by item, so only the item at fault fails', async () => {
    const { group, statements, drain } = writes(1);
    const busy = group.add({ id: 'busy' });
    const results = [{ id: 'a' }, { id: 'b', bad: true }, { id: 'c' }].map((item) =>
      group.add(item).then(
        (r) => r,
        (err: Error) => err.message,
      ),
    );
    await drain();
    await busy;
    expect(statements).toEqual([['busy'], ['a', 'b', 'c'], ['a'], ['b'], ['c']]);
    expect(await Promise.all(results)).toEqual(['wrote a', 'bad b', 'wrote c']);
  });
});
