import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PublishBudgetError } from '../../../../functions/shared/errors.js';
import { createInputBudget } from '../../../../functions/shared/publish/publishBudget.js';
import { readNormalizedRows } from '../../../../functions/shared/publish/readNormalized.js';

describe('readNormalizedRows', () => {
  it('reads rows by header across chunks, a character split between two', async () => {
    const bytes = Buffer.from('a,b\n1,"Hà\nNội"\n\n2,x\n');
    const seen: number[] = [];

    const rows = await readNormalizedRows(
      Readable.from([bytes.subarray(0, 12), bytes.subarray(12)]),
      (n) => seen.push(n),
    );

    expect(rows).toEqual([
      { a: '1', b: 'Hà\nNội' },
      { a: '2', b: 'x' },
    ]);
    expect(seen).toEqual([12, bytes.length - 12]);
  });

  it('stops pulling chunks once a charge throws', async () => {
    const budget = createInputBudget(10);
    let pulled = 0;
    async function* body() {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield Buffer.from(i === 0 ? 'a,b\n' : `${i},xxxxxxxx\n`);
      }
    }

    const read = readNormalizedRows(body(), (n) =>
      budget.charge('chi-tieu-cds', n),
    );

    await expect(read).rejects.toThrow(PublishBudgetError);
    expect(pulled).toBe(2);
    expect(budget.usage()).toEqual({
      bytes: 15,
      budget: 10,
      datasets: { 'chi-tieu-cds': 15 },
    });
  });
});
