import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyIndex } from '../../../../functions/shared/validation/keyIndex.js';
import { createFileSpill } from '../../../../functions/shared/validation/keySpillFiles.js';

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
    const index = createKeyIndex(KEY);
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

  describe('past the keys it holds in memory', () => {
    const spillDir = mkdtempSync(join(tmpdir(), 'opendata-keyindex-'));
    afterAll(() => rmSync(spillDir, { recursive: true, force: true }));

    it('still knows a repeat of a key held in memory at once', () => {
      const index = createKeyIndex(KEY, {
        maxInMemory: 100,
        spill: createFileSpill(spillDir),
      });
      for (let i = 0; i < 100; i++) {
        index.firstLine(row(String(i), '2024-Q1', 'CDS-2024-01'), i + 2);
      }

      expect(
        index.firstLine(row('150', '2024-Q1', 'CDS-2024-01'), 500),
      ).toBeUndefined();
      expect(index.firstLine(row('7', '2024-Q1', 'CDS-2024-01'), 501)).toBe(9);
      expect(index.spilledRepeats()).toEqual([]);
    });

    it('finds repeats among the keys set aside, with both lines, and removes its files', () => {
      const index = createKeyIndex(KEY, {
        maxInMemory: 100,
        spill: createFileSpill(spillDir),
      });
      const keyOf = (i: number) => row(String(i), '2024-Q2', 'CDS-2024-03');
      // Lines 2..300,001 hold keys 0..299,999 (enough to fill the files'
      // buffers); then keys 12,345, 5,000 and 299,999 again.
      let repeatsFound = 0;
      for (let i = 0; i < 300_000; i++) {
        if (index.firstLine(keyOf(i), i + 2) !== undefined) repeatsFound++;
      }
      expect(repeatsFound).toBe(0);
      expect(readdirSync(spillDir)).toHaveLength(1);
      for (const [i, line] of [
        [12_345, 300_002],
        [5_000, 300_003],
        [299_999, 300_004],
      ] as const) {
        expect(index.firstLine(keyOf(i), line)).toBeUndefined();
      }

      expect(index.spilledRepeats()).toEqual([
        { line: 300_002, firstLine: 12_347 },
        { line: 300_003, firstLine: 5_002 },
        { line: 300_004, firstLine: 300_001 },
      ]);
      expect(index.size).toBe(300_000);
      expect(readdirSync(spillDir)).toEqual([]);
    });

    it('leaves nothing behind when disposed of before the end', () => {
      const index = createKeyIndex(KEY, {
        maxInMemory: 10,
        spill: createFileSpill(spillDir),
      });
      for (let i = 0; i < 300_000; i++) {
        index.firstLine(row(String(i), '2024-Q3', 'CDS-2024-04'), i + 2);
      }
      expect(readdirSync(spillDir)).toHaveLength(1);

      index.dispose();

      expect(readdirSync(spillDir)).toEqual([]);
    });
  });
});
