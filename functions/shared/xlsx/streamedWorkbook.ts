import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { partsFirst } from './partsFirst.js';
import type { WorkbookSheet, WorkbookSheets } from './workbookRecords.js';

/** What exceljs must have read before any sheet: the workbook, its parts' links, the strings and the styles. */
const READ_FIRST = [
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
];

type SharedString =
  | string
  | { richText: { text?: string | null; [style: string]: unknown }[] };

// `_xHHHH_` stands for the character U+HHHH in a workbook's strings (a CR
// is `_x000D_`, a literal `_x` is `_x005F_x`). exceljs's loaded workbook
// decodes them (its TextXform); its streaming reader leaves its shared
// strings as written, so they are decoded here, the same way.
const ESCAPE = /_x([0-9A-F]{4})_/g;
const decodeEscapes = (text: string) =>
  text.includes('_x')
    ? text.replace(ESCAPE, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      )
    : text;

const unescapedString = (value: SharedString): SharedString =>
  typeof value === 'string'
    ? decodeEscapes(value)
    : {
        richText: value.richText.map((run) => ({
          ...run,
          text: decodeEscapes(run.text ?? ''),
        })),
      };

/**
 * A workbook's sheets read by exceljs's streaming reader (Node only): the
 * archive, its workbook, strings and styles moved first (`partsFirst`), is
 * read as a stream and rows arrive one at a time, so memory stays bounded
 * however long the sheet.
 */
const streamedWorkbook = (bytes: Uint8Array): WorkbookSheets => {
  const archive = partsFirst(bytes, READ_FIRST);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    Readable.from([
      Buffer.from(archive.buffer, archive.byteOffset, archive.length),
    ]),
    {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    },
  );
  const strings = reader as unknown as { sharedStrings?: SharedString[] };
  let decoded = 0;
  return {
    sheets: (async function* () {
      for await (const sheet of reader as unknown as AsyncIterable<WorkbookSheet>) {
        // The shared strings are all read before a sheet that uses them.
        const table = strings.sharedStrings ?? [];
        for (; decoded < table.length; decoded++) {
          table[decoded] = unescapedString(table[decoded] ?? '');
        }
        yield sheet;
      }
    })(),
    date1904: () =>
      Boolean(
        (reader as unknown as { properties?: { date1904?: boolean } })
          .properties?.date1904,
      ),
  };
};

export { streamedWorkbook };
