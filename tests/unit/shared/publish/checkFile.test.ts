import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSubmitPageAssets } from '../../../../functions/publish-datasets/submitPageAssets.js';
import { checkFile } from '../../../../functions/shared/publish/page/checkFile.js';
import {
  catalogue,
  FIXTURES_DIR,
  SCHEMAS_DIR,
} from '../../../helpers/catalogue.js';
import { toTcvn3 } from '../../../helpers/encodeVietnamese.js';
import {
  buildWorkbook,
  csvRowsOf,
  numericCells,
} from '../../../helpers/workbooks.js';

/** The catalogue the page is published with. */
const pageCatalogue = async () => {
  const assets = await loadSubmitPageAssets(catalogue, SCHEMAS_DIR);
  if (!assets) throw new Error('no page assets');
  return assets.catalogue;
};

const GOOD = readFileSync(
  join(FIXTURES_DIR, 'submissions/STTTT/2023-Q3/chi-tieu-cds.csv'),
  'utf8',
);

const request = async (name: string, bytes: Uint8Array) => ({
  name,
  bytes,
  datasetId: 'chi-tieu-cds',
  period: '2023-Q3',
  unitCode: 'STTTT',
  catalogue: await pageCatalogue(),
});

describe("the page's check of a dropped file", () => {
  it('reads a TCVN3 file as the ingest does, telling its progress by the megabyte', async () => {
    // The fixture's rows repeated past two megabytes, as one quarter's file.
    const [header, ...rows] = GOOD.trim().split('\n');
    const big = [header, ...Array.from({ length: 1000 }, () => rows).flat()];
    const bytes = toTcvn3(`${big.join('\n')}\n`);
    const shares: number[] = [];

    const { report, preview } = await checkFile(
      await request('bao-cao.csv', bytes),
      (share) => shares.push(share),
    );

    expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(shares).toEqual([
      (1024 * 1024) / bytes.length,
      (2 * 1024 * 1024) / bytes.length,
      1,
    ]);
    expect(report.encoding).toBe('tcvn3');
    // The same 25 indicator rows 1,000 times: each repeat is a duplicate key.
    expect(report.stats.rows).toBe(25_000);
    expect(report.groups.map((g) => g.type)).toContain('unique-error');
    expect(preview).toEqual([]);
  });

  it('checks a workbook through the loaded workbook: a text in tu_so on sheet row 6 is a type-error on D6', async () => {
    const [header = [], ...rows] = csvRowsOf(GOOD);
    const bad = rows.map((row, i) =>
      i === 2 ? row.map((cell, c) => (c === 3 ? 'nhiều' : cell)) : row,
    );
    const bytes = await buildWorkbook([
      {
        name: 'Báo cáo',
        rows: [['BÁO CÁO'], [], header, ...numericCells(bad)],
      },
    ]);

    const { report } = await checkFile(await request('bao-cao.xlsx', bytes));

    expect(report.encoding).toBe('xlsx');
    expect(
      report.errors.map((f) => [
        f.type,
        f.rowNumber,
        f.sheet,
        f.cellRef,
        f.cell,
      ]),
    ).toEqual([['type-error', 6, 'Báo cáo', 'D6', 'nhiều']]);
  });

  it('previews the first 20 normalized rows of an accepted file', async () => {
    const { report, preview } = await checkFile(
      await request('bao-cao.csv', Buffer.from(GOOD)),
    );

    expect(report.status).toBe('accepted');
    expect(preview).toHaveLength(20);
    expect(preview[0]).toMatchObject({
      ma_don_vi: 'STTTT',
      ma_chi_tieu: 'CDS-2023-03',
      trang_thai: 'Đã hoàn thành',
    });
  });
});
