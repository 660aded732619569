/**
 * A workbook cell as text, the way the same figure arrives in a CSV file,
 * so the one validator and normalizer read both.
 */

/** What exceljs's streaming reader puts in `cell.value`. */
export type WorkbookCellValue =
  | null
  | undefined
  | number
  | string
  | boolean
  | Date
  | {
      readonly formula?: string;
      readonly sharedFormula?: string;
      readonly result?: unknown;
    }
  | { readonly richText: readonly { readonly text?: string | null }[] }
  | { readonly text: string; readonly hyperlink?: string }
  | { readonly error: string };

/** A cell's text, or a formula Excel never computed (the file was written by a program, not saved by Excel). */
export type CellReading =
  | { readonly text: string }
  | { readonly formulaWithoutValue: string };

const DAY_MS = 86_400_000;
// Excel's day 0 is 1899-12-30 in the 1900 date system (its 1900 leap-year bug included).
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** Whether a number format shows a date or time (exceljs's own test: y m d h s outside quotes and brackets). */
const isDateFormat = (numFmt: string | undefined): boolean =>
  numFmt !== undefined &&
  /[ymdhsb]/i.test(numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** Whether a number format shows a percentage (a `%` outside quotes). */
const isPercentFormat = (numFmt: string | undefined): boolean =>
  numFmt?.replace(/"[^"]*"/g, '').includes('%') === true;

/** An ISO date (`2023-04-20`), with the time when there is one. */
const dateText = (date: Date): string => {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
};

/** A date serial number as a date: days since Excel's epoch, to the second. */
const serialDate = (serial: number, date1904: boolean): Date =>
  new Date(
    (date1904 ? EPOCH_1904 : EPOCH_1900) +
      Math.round(serial * 86_400) * (DAY_MS / 86_400),
  );

/**
 * A number as the text a Vietnamese CSV carries, exactly: integers plainly
 * (`2155455`, never `2,155,455`, so no thousands style is implied); other
 * numbers rounded to the 15 significant digits Excel itself keeps (no float
 * noise: 77.13, not 77.13000000000001), with a decimal comma (`77,13`),
 * and a fourth decimal where three would read as thousands (`1,2340`, not
 * `1,234`). The normalizer then reads `2155455` and `77,13` exactly as it
 * reads them in a CSV file, to the same canonical values.
 */
const numberText = (n: number): string => {
  if (!Number.isFinite(n)) return '#ERROR';
  const rounded = Number(n.toPrecision(15));
  if (Number.isInteger(rounded)) {
    return Math.abs(rounded) < 1e21
      ? String(rounded)
      : BigInt(rounded).toString();
  }
  let text = String(rounded);
  if (text.includes('e')) text = rounded.toFixed(20).replace(/0+$/, '');
  const [head = '', tail = ''] = text.split('.');
  const digits = head.replace('-', '');
  return `${head},${tail}${digits.length <= 3 && tail.length === 3 ? '0' : ''}`;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * Reads one workbook cell: numbers through `numberText` (a percentage as
 * the percent figure the cell shows, 0.7713 → `77,13`, which is what a CSV
 * saved from the sheet carries, without its `%`), dates (Date values, or
 * serial numbers in a date format) as ISO dates, formulas by their cached
 * result, rich text and hyperlinks by their text, booleans as TRUE/FALSE.
 */
const cellText = (
  value: WorkbookCellValue,
  numFmt: string | undefined,
  date1904 = false,
): CellReading => {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (typeof value === 'number') {
    if (isDateFormat(numFmt) && !isPercentFormat(numFmt)) {
      return { text: dateText(serialDate(value, date1904)) };
    }
    return {
      text: numberText(isPercentFormat(numFmt) ? value * 100 : value),
    };
  }
  if (value instanceof Date) return { text: dateText(value) };
  if ('richText' in value) {
    return { text: value.richText.map((r) => r.text ?? '').join('') };
  }
  if ('error' in value) return { text: value.error };
  if ('formula' in value || 'sharedFormula' in value) {
    if (!('result' in value) || value.result === undefined) {
      return {
        formulaWithoutValue: `=${value.formula ?? value.sharedFormula ?? ''}`,
      };
    }
    const result = value.result;
    if (isObject(result) && 'error' in result) {
      return { text: String(result.error) };
    }
    return cellText(result as WorkbookCellValue, numFmt, date1904);
  }
  if ('text' in value) return { text: String(value.text) };
  return { text: '' };
};

/** The column letters of a 1-based column number: 1 → A, 27 → AA. */
const columnLetters = (column: number): string => {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
};

export { cellText, columnLetters, isDateFormat, isPercentFormat, numberText };
