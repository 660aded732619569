import ExcelJS from 'exceljs';
import { unzipSync, Zip, ZipDeflate, zipSync } from 'fflate';

/** A cell as a test writes it: a plain value, or an exceljs cell value with a number format. */
export type TestCell =
  | string
  | number
  | null
  | { readonly value: ExcelJS.CellValue; readonly numFmt?: string };

/** One worksheet of a test workbook. */
export interface TestSheet {
  readonly name: string;
  readonly rows: readonly (readonly TestCell[])[];
  readonly state?: 'visible' | 'hidden' | 'veryHidden';
  /** Ranges to merge, e.g. `A1:I1`. */
  readonly merges?: readonly string[];
  /** The sheet row the first row goes to (default 1). */
  readonly firstRow?: number;
}

/** Builds a real .xlsx workbook with exceljs. */
export const buildWorkbook = async (
  sheets: readonly TestSheet[],
): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, {
      state: spec.state ?? 'visible',
    });
    spec.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (cell === null) return;
        const target = sheet.getCell((spec.firstRow ?? 1) + r, c + 1);
        if (typeof cell === 'object') {
          target.value = cell.value;
          if (cell.numFmt) target.numFmt = cell.numFmt;
        } else target.value = cell;
      });
    });
    for (const range of spec.merges ?? []) sheet.mergeCells(range);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

/** Adds (or replaces) parts of a ZIP archive. */
export const withParts = (
  archive: Uint8Array,
  parts: Readonly<Record<string, Uint8Array>>,
): Buffer => Buffer.from(zipSync({ ...unzipSync(archive), ...parts }));

/** The archive written again by a streaming writer, which puts each part's sizes in a data descriptor after its data. */
export const withDescriptors = (bytes: Uint8Array): Buffer => {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    const part = new ZipDeflate(name);
    zip.add(part);
    part.push(data, true);
  }
  zip.end();
  return Buffer.concat(chunks);
};

/**
 * The rows of a CSV file as workbook cells: every cell that reads as a
 * plain number becomes a number, the rest stays text.
 */
export const numericCells = (
  rows: readonly (readonly string[])[],
): TestCell[][] =>
  rows.map((row) =>
    row.map((cell) =>
      /^\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell === '' ? null : cell,
    ),
  );

/** The rows of a CSV fixture: header and data rows as text. */
export const csvRowsOf = (csv: string): string[][] =>
  csv
    .trim()
    .split('\n')
    .map((line) => {
      const cells: string[] = [];
      for (const m of line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)) {
        const cell = m[1] ?? '';
        cells.push(
          cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell,
        );
      }
      return cells;
    });

/**
 * A two-row chi-tieu-cds CSV as an agency's workbook: an instructions sheet
 * first, a hidden old sheet, then the data under a merged title block (the
 * header on row 4), numbers stored as numbers, the first row's value as a
 * formula with its cached result and the second's as a percentage cell.
 */
export const agencyWorkbookOf = (csv: string): Promise<Buffer> => {
  const [header = [], ...dataRows] = csvRowsOf(csv);
  const [first = [], second = []] = numericCells(dataRows);
  first[5] = { value: { formula: 'ROUND(D5/E5*100,2)', result: 77.13 } };
  second[5] = { value: Number(dataRows[1]?.[5]) / 100, numFmt: '0.00%' };
  return buildWorkbook([
    {
      name: 'Hướng dẫn',
      rows: [
        ['HƯỚNG DẪN NHẬP SỐ LIỆU'],
        ['Mã đơn vị: mã cơ quan của đơn vị báo cáo'],
        ['Kỳ báo cáo: quý, ví dụ 2023-Q3'],
      ],
    },
    {
      name: 'Bản cũ',
      state: 'hidden',
      rows: [header, ['VIETTEL', '2023-Q3', 'CDS-2023-01', 'nhiều']],
    },
    {
      name: 'Báo cáo',
      rows: [
        ['BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU CHUYỂN ĐỔI SỐ'],
        ['Quý III/2023'],
        [],
        header,
        first,
        second,
        [],
        [null, null, null],
      ],
      merges: ['A1:I1', 'A2:I2'],
    },
  ]);
};
