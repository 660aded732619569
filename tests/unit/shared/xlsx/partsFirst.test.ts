import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  inspectArchive,
  readCentralDirectory,
} from '../../../../functions/shared/xlsx/inspectArchive.js';
import { partsFirst } from '../../../../functions/shared/xlsx/partsFirst.js';
import { FIXTURES_DIR } from '../../../helpers/catalogue.js';
import {
  agencyWorkbookOf,
  withDescriptors,
} from '../../../helpers/workbooks.js';

/** The names of an archive's local records, front to back, as a streaming reader meets them. */
const streamOrder = (bytes: Uint8Array): string[] => {
  const names: string[] = [];
  const unzip = new Unzip((file) => {
    names.push(file.name);
    file.ondata = () => {};
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.push(bytes, true);
  return names;
};

const FIRST = ['xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];

describe('partsFirst', () => {
  it('moves the named parts to the front of an archive written with data descriptors, changing no part', async () => {
    const bytes = withDescriptors(
      await agencyWorkbookOf(
        readFileSync(
          join(FIXTURES_DIR, 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv'),
          'utf8',
        ),
      ),
    );
    const before = streamOrder(bytes);

    const moved = partsFirst(bytes, FIRST);

    expect(readCentralDirectory(bytes).every((e) => e.flags & 0x08)).toBe(true);
    expect(before.indexOf('xl/workbook.xml')).toBe(before.length - 1);
    expect(streamOrder(moved)).toEqual([
      ...FIRST,
      ...before.filter((name) => !FIRST.includes(name)),
    ]);
    expect(unzipSync(moved)).toEqual(unzipSync(bytes));
    expect(inspectArchive(moved).ok).toBe(true);
  });

  it('puts the styles before the sheets of a workbook Excel saved with its sheets first', () => {
    const bytes = readFileSync(join(FIXTURES_DIR, 'workbooks/saved/1904.xlsx'));

    const order = streamOrder(partsFirst(bytes, FIRST));

    expect(streamOrder(bytes).indexOf('xl/styles.xml')).toBeGreaterThan(
      streamOrder(bytes).indexOf('xl/worksheets/sheet1.xml'),
    );
    expect(order.slice(0, 2)).toEqual(['xl/workbook.xml', 'xl/styles.xml']);
    expect(unzipSync(partsFirst(bytes, FIRST))).toEqual(unzipSync(bytes));
  });
});
