import type { Options } from 'csv-stringify';

/**
 * csv-stringify options for every CSV the pipeline writes: header row, fixed
 * column order, `\n` line endings and quoting only where RFC 4180 needs it,
 * so the same rows always give the same bytes.
 */
const csvOptions = (columns: readonly string[]): Options => ({
  header: true,
  columns: [...columns],
  record_delimiter: '\n',
  eof: true,
});

export { csvOptions };
