import { describe, expect, it } from 'vitest';
import { createKeyIndex } from '../../../../functions/shared/validation/keyIndex.js';

const KEY = ['ma_don_vi', 'ky_bao_cao', 'ma_chi_tieu'];
const row = (unit: string, period: string, indicator: string) => ({
  ma_don_vi: unit,
  ky_bao_cao: period,
  ma_chi_tieu: indicator,
  ghi_chu: 'not part of the key',
});

describe('key index', () => {
  it('gives the first line of a key seen before, and nothing for a new key', () => {
    const index = createKeyIndex(KEY);

    expect(index.firstLine(row('STTTT', '2023-Q3', 'CDS-2023-01'), 2)).toBe(
      undefined,
    );
    expect(index.firstLine(row('STTTT', '2023-Q3', 'CDS-2023-02'), 3)).toBe(
      undefined,
    );
    expect(index.firstLine(row('STTTT', '2023-Q3', 'CDS-2023-01'), 9)).toBe(2);
    expect(
      index.firstLine(
        { ...row('STTTT', '2023-Q3', 'CDS-2023-01'), ghi_chu: 'other' },
        12,
      ),
    ).toBe(2);
    expect(index.size).toBe(2);
  });

  it('keeps every key through growth: 300,000 distinct keys, then each again', () => {
    const index = createKeyIndex(KEY, 16);
    const keyOf = (i: number) =>
      row(String(i), `2024-Q${(i % 4) + 1}`, 'CDS-2024-01');
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

  it('tells keys apart whose fields differ only in where one ends', () => {
    const index = createKeyIndex(KEY);

    index.firstLine(row('38', '2023-Q3', 'CDS-2023-01'), 2);

    expect(index.firstLine(row('382', '023-Q3', 'CDS-2023-01'), 3)).toBe(
      undefined,
    );
    expect(index.firstLine(row('2023-Q3', '38', 'CDS-2023-01'), 4)).toBe(
      undefined,
    );
    expect(index.firstLine(row('38', '2023-Q3', 'CDS-2023-1'), 5)).toBe(
      undefined,
    );
  });
});
