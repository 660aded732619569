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
    // 64 K, then twice the carried text each time (128 K, 256 K, 512 K,
    // 1 M + 64 K), and the last record: 6 parses over about 2 MiB (one parse
    // per 64 K would be 17 parses over 9 MiB).
    expect(parsed.length).toBe(6);
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
    expect(parsed.length).toBeLessThanOrEqual(6);
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
