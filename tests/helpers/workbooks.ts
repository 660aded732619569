import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';

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
