import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import {
  MAX_RECORD_CHARS,
  readCsvRecords,
} from '../../../../functions/shared/csv/readCsvRecords.js';

// Every parse papaparse is asked for, by the length of the text it is given.
const parsed = vi.hoisted(() => [] as number[]);

vi.mock('papaparse', async (importOriginal) => {
  const Papa = (
    (await importOriginal()) as { default: typeof import('papaparse') }
  ).default;
  class CountingParser extends Papa.Parser {
    constructor(config: ConstructorParameters<typeof Papa.Parser>[0]) {
      super(config);
      const parse = this.parse.bind(this);
      this.parse = (input, baseIndex, ignoreLastRow) => {
        parsed.push(input.length);
        return parse(input, baseIndex, ignoreLastRow);
      };
    }
  }
  return { default: { ...Papa, Parser: CountingParser } };
});

const readAll = async (chunks: string[]) => {
  const records: { cells: string[]; line: number }[] = [];
  const issues: { kind: string; line: number }[] = [];
  for await (const batch of readCsvRecords(Readable.from(chunks))) {
    records.push(...batch.records);
    issues.push(...batch.issues);
  }
  return { records, issues };
};

const inChunks = (text: string, size: number) =>
  Array.from({ length: Math.ceil(text.length / size) }, (_, i) =>
    text.slice(i * size, (i + 1) * size),
  );

describe('a record just under the record-size limit', () => {
  it('is read whole, and parsed a handful of times rather than once per chunk', async () => {
    parsed.length = 0;
    const cell = `${'x'.repeat(MAX_RECORD_CHARS - 1024)}\n${'y'.repeat(100)}`;
    const text = `a,b\n1,"${cell}"\n2,after\n`;

    const { records, issues } = await readAll(inChunks(text, 1024));

    expect(issues).toEqual([]);
    expect(
      records.map((r) => [r.line, r.cells[0], r.cells[1]?.length]),
    ).toEqual([
      [1, 'a', 1],
      [2, '1', MAX_RECORD_CHARS - 1024 + 101],
      [4, '2', 5],
    ]);
    // A 16 K piece, then pieces twice as long while no record ends (32 K …
    // 1 M), then the rest: 9 parses over about 2 MiB (one parse per 16 K of
    // the carried text would be 64 parses over 32 MiB).
    expect(parsed.length).toBe(9);
    expect(parsed.reduce((a, b) => a + b, 0)).toBeLessThan(
      3 * MAX_RECORD_CHARS,
    );
  });

  it('stops at a quote still open after 1 MiB, on the line it opened', async () => {
    parsed.length = 0;
    const rest = Array.from({ length: 200_000 }, (_, i) => `${i},x\n`);

    const { records, issues } = await readAll([
      'a,b\n1,2\n3,"never closed\n',
      ...rest,
    ]);

    expect(issues).toEqual([{ kind: 'unterminated-quote', line: 3 }]);
    expect(records.map((r) => r.line)).toEqual([1, 2]);
    // 16 K, 32 K … 1 M: the doubling stops at the limit.
    expect(parsed.length).toBeLessThanOrEqual(8);
  });

  it('calls an over-long line without quotes too long, not an open quote', async () => {
    const { issues } = await readAll([
      'a,b\n1,2\n',
      ...inChunks('x'.repeat(2 * MAX_RECORD_CHARS), 4096),
      '\n3,4\n',
    ]);

    expect(issues).toEqual([{ kind: 'record-too-long', line: 3 }]);
  });
});
