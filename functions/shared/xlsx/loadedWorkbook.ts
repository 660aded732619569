import type ExcelJS from 'exceljs';
import type {
  WorkbookCell,
  WorkbookRow,
  WorkbookSheet,
  WorkbookSheets,
} from './workbookRecords.js';

/**
 * A workbook's sheets from exceljs's loaded (in-memory) workbook: what the
 * browser has, since exceljs's streaming reader needs Node. `load` runs
 * when the sheets are first asked for, so a broken archive fails the
 * reading, where the reader's findings catch it. A loaded workbook spreads
 * a merged cell's value over the whole range; only the range's first cell
 * is passed on, as the streaming reader does.
 */
const loadedWorkbook = (
  load: () => Promise<ExcelJS.Workbook>,
): WorkbookSheets => {
  let date1904 = false;
  const rowOf = (row: ExcelJS.Row): WorkbookRow => ({
    number: row.number,
    eachCell: (options, each) =>
      row.eachCell(options, (cell, column) => {
        if (cell.master !== cell) return;
        each(
          { value: cell.value, numFmt: cell.numFmt } as WorkbookCell,
          column,
        );
      }),
  });
  const sheetOf = (sheet: ExcelJS.Worksheet): WorkbookSheet => ({
    name: sheet.name,
    state: sheet.state,
    async *[Symbol.asyncIterator]() {
      for (let r = 1; r <= sheet.rowCount; r++) {
        const row = sheet.findRow(r);
        if (row) yield rowOf(row);
      }
    },
  });
  return {
    sheets: (async function* () {
      const workbook = await load();
      date1904 = Boolean(
        (workbook.properties as { date1904?: boolean } | undefined)?.date1904,
      );
      for (const sheet of workbook.worksheets) yield sheetOf(sheet);
    })(),
    date1904: () => date1904,
  };
};

export { loadedWorkbook };
