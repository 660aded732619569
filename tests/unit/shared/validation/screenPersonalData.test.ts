import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTextDecoder } from '../../../../functions/shared/csv/decode.js';
import { readCsvRecords } from '../../../../functions/shared/csv/readCsvRecords.js';
import {
  maskHits,
  screenPersonalData,
} from '../../../../functions/shared/validation/screenPersonalData.js';
import { FIXTURES_DIR, SCHEMAS_DIR } from '../../../helpers/catalogue.js';

const kindsIn = (text: string) =>
  screenPersonalData(text).map((h) => `${h.kind}${h.certain ? '' : '?'}`);

describe('the personal-data screen', () => {
  it.each([
    ['CCCD 038190012345 của người nhận', 'citizen-id'],
    ['CCCD 038 095 012 345', 'citizen-id'],
    ['số 0380.9501.2345', 'citizen-id'],
    ['CMND số 172345678', 'citizen-id'],
    ['Số định danh: 172.345.678.901', 'citizen-id'],
    ['ĐT (0237) 3852 123', 'phone'],
    ['gọi (0237) 3852 123', 'phone'],
    ['gọi 0912 - 345 - 678', 'phone'],
    ['gọi +84 (0) 912 345 678', 'phone'],
    ['gọi +84 912 345 678', 'phone'],
    ['gọi 0084 912 345 678', 'phone'],
    ['gọi 0912 34 56 78', 'phone'],
    ['gọi ０９１２３４５６７８', 'phone'],
    ['gọi ０９１２　３４５　６７８', 'phone'],
    ['gọi 0912\u200b345\u200b678', 'phone'],
    ['gọi 0912\u00ad345\u2060678', 'phone'],
    ['gọi 0912\u00a0345\u00a0678', 'phone'],
    ['SĐT: 912 345 678', 'phone'],
    ['thư cho an.nguyen@thanhhoa.gov.vn', 'email'],
    ['a(at)gmail.com', 'email'],
    ['nam [at] viettel.com.vn', 'email'],
    ['nam at viettel dot com dot vn', 'email'],
    ['nam @ viettel.com.vn', 'email'],
    ['x＠gmail.com', 'email'],
  ])('finds %j as %s', (text, kind) => {
    expect(kindsIn(text)).toEqual([kind]);
  });

  it.each([
    ['Liên hệ anh Nam', 'name?'],
    ['báo cáo của chị Hoa', 'name?'],
    ['Ông Lê Văn An nhận', 'name?'],
    ['gửi Bà Nguyễn Thị Lan', 'name?'],
    ['số nhà 12 đường Lê Lợi', 'address?'],
    ['ở thôn Yên Thái', 'address?'],
    ['ở xóm 3', 'address?'],
  ])('flags %j as possibly personal (%s)', (text, kind) => {
    expect(kindsIn(text)).toEqual([kind]);
  });

  it.each([
    'Theo báo cáo số 394/HCC-HCQT ngày 14/9/2023 (dòng 1234)',
    '2.155.455 thuê bao trên 2.794.448 dân',
    '84.912.345.678 đồng',
    'mã 12345678901 có 11 chữ số',
    '94,99 %',
    'ngày 20/4/2023',
    'Quý 3: 01.07 - 30.09.2023',
    'giai đoạn 2021-2025, 2026-2030',
    'CDS-2023-01',
    'Sở GD&ĐT 0912345',
    'huyện Bá Thước',
    'Xã Anh Sơn',
    'phố Bà Triệu',
    'học tiếng Anh',
    'hỗ trợ bà con nông thôn 450 học viên',
    'ABC0912345678',
    'hộp thư @ không có tên miền',
  ])('lets %j through', (text) => {
    expect(screenPersonalData(text)).toEqual([]);
  });

  it('masks what it found, keeping the first and last two characters', () => {
    const text = 'Liên hệ anh Nam 0912 345 678 hoặc nam@viettel.com.vn';

    const masked = maskHits(text, screenPersonalData(text));

    expect(masked).toBe('Liên hệ an***am 09********78 hoặc na**************vn');
  });

  it('reads a 200,000-character a…@ in one pass and finds no e-mail', () => {
    expect(screenPersonalData(`${'a'.repeat(200_000)}@`)).toEqual([]);
    expect(screenPersonalData(`${'a'.repeat(200_000)}@b.vn`)).toEqual([
      { kind: 'email', start: 200_000 - 64, end: 200_005, certain: true },
    ]);
  });
});

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

const cellsOf = async (path: string): Promise<string[]> => {
  const text = Readable.from([readFileSync(path)]).pipe(createTextDecoder());
  const cells: string[] = [];
  for await (const batch of readCsvRecords(text)) {
    for (const record of batch.records) cells.push(...record.cells);
  }
  return cells;
};

// The false-positive count the README reports: real figures, dates, codes,
// unit names and notes from every fixture submission and reference table.
describe('the screen over the fixtures and reference tables', () => {
  it('raises nothing on any of their cells (32,589 and more)', async () => {
    const files = [
      ...filesUnder(join(FIXTURES_DIR, 'submissions')),
      ...readdirSync(join(SCHEMAS_DIR, 'reference'))
        .filter((name) => name.endsWith('.csv'))
        .map((name) => join(SCHEMAS_DIR, 'reference', name)),
    ];
    let cells = 0;
    const flagged: string[] = [];

    for (const file of files) {
      for (const cell of await cellsOf(file)) {
        cells++;
        if (screenPersonalData(cell).length > 0) flagged.push(cell);
      }
    }

    // Fixtures and reference tables only grow: what was screened stays screened.
    expect(files.length).toBeGreaterThanOrEqual(69);
    expect(cells).toBeGreaterThanOrEqual(32_589);
    expect(flagged).toEqual([]);
  });
});
