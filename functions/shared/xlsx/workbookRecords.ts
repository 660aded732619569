import type { CsvBatch, CsvRecord } from '../csv/readCsvRecords.js';
import { type Finding, finding } from '../validation/codes.js';
import {
  type CellReading,
  cellText,
  columnLetters,
  type WorkbookCellValue,
} from './cellText.js';
import { isContextLabel } from './contextColumns.js';

/** How the workbook reader finds the data and reports what it cannot read. */
export interface WorkbookReadOptions {
  /** Whether a row is the dataset's header (it names enough of the schema's fields). */
  isHeader(cells: readonly string[]): boolean;
  /** Told of each problem the reader finds (a formula without a computed value, an unreadable sheet). */
  onFinding(finding: Finding): void;
}

/** Non-blank rows looked at for a header before a sheet is taken for instructions. */
const HEADER_SCAN_ROWS = 30;
const BATCH_ROWS = 1000;

interface SheetRow {
  readonly line: number;
  readonly cells: string[];
  readonly cellRefs: string[];
  /** Findings of cells, by index: reported only if the row and cell are passed on. */
  readonly findings?: Map<number, Finding>;
}

/** A cell as exceljs gives it, from its streaming reader or its loaded workbook alike. */
export interface WorkbookCell {
  readonly value: WorkbookCellValue;
  readonly numFmt?: string;
}

/** A sheet row: its number, and its non-empty cells with their 1-based column. */
export interface WorkbookRow {
  readonly number: number;
  eachCell(
    options: { includeEmpty: boolean },
    each: (cell: WorkbookCell, column: number) => void,
  ): void;
}

/** A sheet: its name, whether it is hidden, and its rows in order. */
export interface WorkbookSheet extends AsyncIterable<WorkbookRow> {
  readonly name?: string;
  readonly state?: string;
}

/**
 * A workbook as its sheets in the workbook's order. Where the sheets come
 * from is the one thing each platform supplies: exceljs's streaming reader
 * on the server (`streamedWorkbook`), its loaded workbook in the browser
 * (`loadedWorkbook`). Reading them errors (a broken archive) from the
 * iteration.
 */
export interface WorkbookSheets {
  readonly sheets: AsyncIterable<WorkbookSheet>;
  /** Whether dates count from 1904 (known once the first sheet is reached). */
  date1904(): boolean;
}

const isBlank = (cells: readonly string[]) =>
  cells.every((cell) => cell.trim() === '');

/**
 * The records of a workbook as CSV batches: the first visible sheet
 * (in archive order, which is the workbook's) with a row the caller takes
 * for the dataset's header within its first 30 non-blank rows; sheets before
 * it (instructions) and hidden sheets are skipped, and the title rows and
 * merged cells above its header are not passed on. Each record carries its
 * sheet, its sheet row number as `line` and each cell's reference. Blank
 * rows are dropped; data rows are padded or cut to the header's width
 * (trailing empty columns), keeping non-empty cells beyond it for the
 * validator to report. Columns whose header is a context label (a
 * template's read-only reference columns) are dropped. If no sheet has a
 * header, the first visible sheet's first rows are passed on, so the
 * validator reports what the header lacks. Only one batch of rows is held
 * at a time. The server and the submission page both read through this
 * function; only `workbook` differs.
 */
async function* workbookRecords(
  workbook: WorkbookSheets,
  options: WorkbookReadOptions,
): AsyncGenerator<CsvBatch> {
  const { date1904 } = workbook;
  let fallback: SheetRow[] | undefined;
  let fallbackSheet = '';
  let found = false;

  const rowOf = (row: WorkbookRow, sheet: string): SheetRow => {
    const cells: string[] = [];
    const cellRefs: string[] = [];
    let findings: Map<number, Finding> | undefined;
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const reading: CellReading = cellText(
        cell.value,
        cell.numFmt,
        date1904(),
      );
      const ref = `${columnLetters(column)}${row.number}`;
      for (let c = cells.length + 1; c < column; c++) {
        cells.push('');
        cellRefs.push(`${columnLetters(c)}${row.number}`);
      }
      if ('formulaWithoutValue' in reading) {
        findings ??= new Map();
        findings.set(
          cells.length,
          finding('formula-without-value', {
            line: row.number,
            sheet,
            cellRef: ref,
            value: reading.formulaWithoutValue,
          }),
        );
        cells.push('');
      } else cells.push(reading.text);
      cellRefs.push(ref);
    });
    return { line: row.number, cells, cellRefs, ...(findings && { findings }) };
  };

  try {
    for await (const worksheet of workbook.sheets) {
      const sheet = worksheet.name ?? '';
      const visible =
        worksheet.state === undefined || worksheet.state === 'visible';
      if (found || !visible) {
        // The rest of the archive must still be read through, row by row.
        for await (const _ of worksheet) void _;
        continue;
      }
      const scanned: SheetRow[] = [];
      let header: { keep: number[]; width: number } | undefined;
      let batch: CsvRecord[] = [];
      for await (const streamRow of worksheet) {
        // An instruction sheet past its scan: read through, not converted.
        if (!header && scanned.length >= HEADER_SCAN_ROWS) continue;
        const row = rowOf(streamRow, sheet);
        if (isBlank(row.cells)) continue;
        if (!header) {
          if (options.isHeader(row.cells)) {
            header = headerShape(row.cells);
            found = true;
          } else {
            scanned.push(row);
            continue;
          }
        }
        batch.push(shaped(row, header, sheet, options.onFinding));
        if (batch.length >= BATCH_ROWS) {
          yield batchOf(batch);
          batch = [];
        }
      }
      if (batch.length > 0) yield batchOf(batch);
      if (!header && fallback === undefined) {
        fallback = scanned;
        fallbackSheet = sheet;
      }
    }
  } catch (error) {
    // An archive the inspection let through that exceljs still cannot read.
    options.onFinding(
      finding('workbook-corrupt', {
        value: error instanceof Error ? error.message : String(error),
      }),
    );
    return;
  }
  if (!found && fallback && fallback.length > 0) {
    yield batchOf(
      fallback.map((row) => {
        for (const f of row.findings?.values() ?? []) options.onFinding(f);
        return {
          cells: row.cells,
          line: row.line,
          sheet: fallbackSheet,
          cellRefs: row.cellRefs,
        };
      }),
    );
  }
}

/** The header's width and the columns kept: all but context columns. */
const headerShape = (cells: readonly string[]) => {
  let width = cells.length;
  while (width > 0 && (cells[width - 1] ?? '').trim() === '') width--;
  const keep: number[] = [];
  for (let i = 0; i < width; i++) {
    if (!isContextLabel(cells[i] ?? '')) keep.push(i);
  }
  return { keep, width };
};

/** A row cut to the header's columns, padded to its width; non-empty cells beyond it kept. */
const shaped = (
  row: SheetRow,
  header: { keep: readonly number[]; width: number },
  sheet: string,
  onFinding: (f: Finding) => void,
): CsvRecord => {
  const cells: string[] = [];
  const cellRefs: string[] = [];
  const take = (i: number) => {
    cells.push(row.cells[i] ?? '');
    cellRefs.push(row.cellRefs[i] ?? `${columnLetters(i + 1)}${row.line}`);
    const f = row.findings?.get(i);
    if (f) onFinding(f);
  };
  for (const i of header.keep) take(i);
  let last = row.cells.length;
  while (last > header.width && (row.cells[last - 1] ?? '').trim() === '') {
    last--;
  }
  for (let i = header.width; i < last; i++) take(i);
  return { cells, line: row.line, sheet, cellRefs };
};

// A workbook has no delimiter or line breaks: the report shows none.
const batchOf = (records: CsvRecord[]): CsvBatch => ({
  records,
  issues: [],
  delimiter: '',
  linebreak: '',
});

export { workbookRecords };
