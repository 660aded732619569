/**
 * The CSV bytes of normalized rows, written on the ingest's hot path.
 *
 * Hand-written rather than csv-stringify, for speed alone: on the bench's
 * 1,000,000-row file csv-stringify took about 3 s of the ingest's 10 s
 * (options normalised and a cast looked up per cell), this writer about
 * 0.3 s. It writes exactly what csv-stringify writes with `csvOptions`
 * (functions/shared/publish/csvFormat.ts): `,` between cells, `\n` after
 * every record, a cell quoted only when it holds `,`, `"` or `\n` (with a
 * record delimiter set, csv-stringify leaves a lone `\r` unquoted: so does this),
 * and `"` doubled inside. tests/unit/shared/csv/csvWriter.test.ts proves
 * the two give the same bytes on generated rows. csv-stringify stays the
 * writer of the published datasets.
 */

const NEEDS_QUOTES = /[",\n]/;
const QUOTE = /"/g;

/** One cell as csv-stringify writes it with `csvOptions`. */
const csvCell = (value: string): string =>
  NEEDS_QUOTES.test(value) ? `"${value.replace(QUOTE, '""')}"` : value;

/** One record, with its `\n`. */
const csvLine = (values: readonly string[]): string => {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    line += csvCell(values[i] ?? '');
  }
  return `${line}\n`;
};

/** The text of a batch of rows, their fields taken in `columns` order ('' when absent). */
const csvRows = (
  rows: readonly Readonly<Record<string, string>>[],
  columns: readonly string[],
): string => {
  let text = '';
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) text += ',';
      text += csvCell(row[columns[i] as string] ?? '');
    }
    text += '\n';
  }
  return text;
};

export { csvCell, csvLine, csvRows };
