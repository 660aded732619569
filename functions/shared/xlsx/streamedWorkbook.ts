import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { WorkbookSheet, WorkbookSheets } from './workbookRecords.js';

/**
 * A workbook's sheets read by exceljs's streaming reader (Node only): the
 * archive is read as a stream, sheets stored before the shared strings go
 * to a temporary file, and rows arrive one at a time, so memory stays
 * bounded however long the sheet.
 */
const streamedWorkbook = (bytes: Uint8Array): WorkbookSheets => {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)]),
    {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    },
  );
  return {
    sheets: reader as unknown as AsyncIterable<WorkbookSheet>,
    date1904: () =>
      Boolean(
        (reader as unknown as { properties?: { date1904?: boolean } })
          .properties?.date1904,
      ),
  };
};

export { streamedWorkbook };
