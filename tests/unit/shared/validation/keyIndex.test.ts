import { describe, expect, it } from 'vitest';
import { createKeyIndex } from '../../../../functions/shared/validation/keyIndex.js';

describe('key index', () => {
  it('gives the first line of a key seen before, and nothing for a new key', () => {
    const index = createKeyIndex();

    expect(index.firstLine('STTTT | 2023-Q3 | CDS-2023-01', 2)).toBeUndefined();
    expect(index.firstLine('STTTT | 2023-Q3 | CDS-2023-02', 3)).toBeUndefined();
    expect(index.firstLine('STTTT | 2023-Q3 | CDS-2023-01', 9)).toBe(2);
    expect(index.firstLine('STTTT | 2023-Q3 | CDS-2023-01', 12)).toBe(2);
    expect(index.size).toBe(2);
  });

  it('keeps every key through growth: 300,000 distinct keys, then each again', () => {
    const index = createKeyIndex(16);
    const keyOf = (i: number) => `${i} | 38 | 2024-Q${(i % 4) + 1}`;
    let repeatsFound = 0;
    for (let i = 0; i < 300_000; i++) {
      if (index.firstLine(keyOf(i), i + 2) !== undefined) repeatsFound++;
    }
    const firstLines = [0, 1, 150_000, 299_999].map((i) =>
      index.firstLine(keyOf(i), 999_999),
    );

    expect(repeatsFound).toBe(0);
    expect(index.size).toBe(300_000);
    expect(firstLines).toEqual([2, 3, 150_002, 300_001]);
  });

  it('tells keys apart that differ only in order or by one character', () => {
    const index = createKeyIndex();

    index.firstLine('a | b', 2);

    expect(index.firstLine('b | a', 3)).toBeUndefined();
    expect(index.firstLine('a | c', 4)).toBeUndefined();
    expect(index.firstLine('a |  b', 5)).toBeUndefined();
  });
});
