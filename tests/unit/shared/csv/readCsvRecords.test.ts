import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../../../functions/shared/csv/readCsvRecords.js';

const readAll = async (chunks: string[]) => {
  const records: { cells: string[]; line: number }[] = [];
  const issues: { kind: string; line: number }[] = [];
  let delimiter = '';
  for await (const batch of readCsvRecords(Readable.from(chunks))) {
    records.push(...batch.records);
    issues.push(...batch.issues);
    delimiter = batch.delimiter;
  }
  return { records, issues, delimiter };
};

describe('readCsvRecords', () => {
  it('numbers records by the physical line they start on', async () => {
    const text = 'a,b\n1,"two\nlines"\n\n3,4\n';

    const { records } = await readAll([text]);

    expect(records.map((r) => [r.line, r.cells])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', 'two\nlines']],
      [4, ['']],
      [5, ['3', '4']],
    ]);
  });

  it('keeps line numbers right across chunk boundaries and CRLF', async () => {
    const text = 'a;b\r\n"x\r\ny";1\r\n2;3\r\n';

    const { records, delimiter } = await readAll([
      text.slice(0, 7),
      text.slice(7, 12),
      text.slice(12),
    ]);

    expect(delimiter).toBe(';');
    expect(
      records.filter((r) => r.cells.length > 1).map((r) => r.line),
    ).toEqual([1, 2, 4]);
  });

  it('reports an unterminated quote on the line where it opens', async () => {
    const text = 'a,b\n1,2\n"3,4\n5,6\n';

    const { issues } = await readAll([text]);

    expect(issues).toEqual([{ kind: 'unterminated-quote', line: 3 }]);
  });

  it('streams many records with bounded batches', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `${i},v${i}\n`);

    const { records } = await readAll(['h1,h2\n', ...rows]);

    expect(records.filter((r) => r.cells.length === 2)).toHaveLength(50_001);
    expect(records.at(-1)?.line).toBe(50_001);
  });

  it('stops at a quote still open 4 MB later, on the line it opened', async () => {
    const rest = Array.from({ length: 600_000 }, (_, i) => `${i},x\n`);

    const { records, issues } = await readAll([
      'a,b\n1,2\n3,"never closed\n',
      ...rest,
    ]);

    expect(issues).toEqual([{ kind: 'unterminated-quote', line: 3 }]);
    expect(records.map((r) => r.line)).toEqual([1, 2]);
  });

  it('numbers lines right when a quoted line break falls on a batch boundary', async () => {
    // 8,000 rows of ~10 characters: past the first 64 K-character batch.
    const filler = Array.from({ length: 8_000 }, (_, i) => `${i},filler\n`);
    const text = `a,b\n${filler.join('')}x,"one\ntwo\nthree"\ny,after\n`;
    const chunks = text.match(/[\s\S]{1,997}/g) ?? [];

    const { records } = await readAll(chunks);

    expect(records.slice(-2).map((r) => [r.line, r.cells])).toEqual([
      [8_002, ['x', 'one\ntwo\nthree']],
      [8_005, ['y', 'after']],
    ]);
  });

  it('reports a misplaced quote in a later batch on its own line', async () => {
    const filler = Array.from({ length: 8_000 }, (_, i) => `${i},filler\n`);
    const text = `a,b\n${filler.join('')}x,"a"b",c\ny,ok\n`;

    const { issues } = await readAll(text.match(/[\s\S]{1,997}/g) ?? []);

    expect(issues).toEqual([{ kind: 'malformed-quote', line: 8_002 }]);
  });
});
