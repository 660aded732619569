/** Result of reading one cell: a canonical string, or why it could not be read. */
export type ParsedValue =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly expected: string };

const ok = (value: string): ParsedValue => ({ ok: true, value });
const fail = (expected: string): ParsedValue => ({ ok: false, expected });

/** Folds text for matching: no diacritics, đ → d, lower case, single spaces. */
const foldText = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim();

// Thousands groups with one consistent separator: 2.155.455, 2 155 455, 2,155,455.
const GROUPED_INT = /^\d{1,3}(?:([.,\s\u00a0])\d{3})(?:\1\d{3})*$/;
const PLAIN_INT = /^\d+$/;
const SIMPLE_DECIMAL = /^(\d+)([.,])(\d+)$/;

const ZERO = 48;

const stripLeadingZeros = (digits: string): string =>
  digits.length > 1 && digits.charCodeAt(0) === ZERO
    ? digits.replace(/^0+(?=\d)/, '')
    : digits;

/** Reads a non-negative integer written the Vietnamese way (`2.155.455`) or plainly. */
const parseInteger = (text: string): ParsedValue => {
  const t = text.trim();
  if (PLAIN_INT.test(t)) return ok(stripLeadingZeros(t));
  if (GROUPED_INT.test(t)) return ok(stripLeadingZeros(t.replace(/\D/g, '')));
  return fail('một số nguyên / an integer');
};

/**
 * How a file writes numbers: `vi` uses `.` for thousands and `,` for
 * decimals (`2.155.455`, `61,7`), `en` the other way round.
 */
export type NumberStyle = 'vi' | 'en';

/** A reading of a decimal, and the style the cell proves, if it proves one. */
export type DecimalReading = ParsedValue & { readonly evidence?: NumberStyle };

const decimalExpected = 'một số thập phân, ví dụ 61,7 / a decimal such as 61,7';

/**
 * Reads a decimal written the Vietnamese way (`61,7`, `1.234,5`, `61,7 %`) or
 * with a decimal point (`77.13`). `1.234` and `1,234` are ambiguous
 * (thousands or decimals): they are read in the file's style when other
 * cells have shown it, and refused rather than guessed when not.
 */
const parseDecimal = (text: string, style?: NumberStyle): DecimalReading => {
  let t = text.trim();
  if (t.endsWith('%')) t = t.slice(0, -1).trimEnd();
  // Plain digits prove no style: the common case, read without the patterns below.
  if (PLAIN_INT.test(t)) return ok(stripLeadingZeros(t));
  const simple = SIMPLE_DECIMAL.exec(t);
  if (simple) {
    const [, head = '', sep, tail = ''] = simple;
    // At most three digits, one separator, exactly three digits (`1.234`) is
    // ambiguous, below; otherwise the separator is the decimal one and proves
    // the style (`61,7`, `1234.567`).
    if (head.length > 3 || tail.length !== 3) {
      return {
        ok: true,
        value: canonical(head, tail),
        evidence: sep === ',' ? 'vi' : 'en',
      };
    }
  }
  // One separator followed by exactly three digits: either reading works.
  const ambiguous = /^(\d{1,3})([.,])(\d{3})$/.exec(t);
  if (ambiguous) {
    const [, head = '', sep, tail = ''] = ambiguous;
    if (!style) {
      return fail(
        `một số thập phân; "${t}" không rõ là hàng nghìn hay phần thập phân / a decimal; "${t}" is ambiguous (thousands or decimals)`,
      );
    }
    const decimalSep = style === 'vi' ? ',' : '.';
    return ok(
      sep === decimalSep ? canonical(head, tail) : canonical(head + tail, ''),
    );
  }
  // Thousands groups and decimals (`1.234,5`, `1,234.5`); one separator was read above.
  let match = /^(\d{1,3}(?:\.\d{3})+),(\d+)$/.exec(t);
  if (match) {
    return {
      ...ok(canonical(match[1]?.replace(/\./g, '') ?? '', match[2] ?? '')),
      evidence: 'vi',
    };
  }
  match = /^(\d{1,3}(?:,\d{3})+)\.(\d+)$/.exec(t);
  if (match) {
    return {
      ...ok(canonical(match[1]?.replace(/,/g, '') ?? '', match[2] ?? '')),
      evidence: 'en',
    };
  }
  const integer = parseInteger(t);
  if (!integer.ok) return fail(decimalExpected);
  const evidence = styleOfInteger(t);
  return evidence ? { ...integer, evidence } : integer;
};

/** The style an integer proves: two or more `.` groups are Vietnamese, two or more `,` groups English. */
const styleOfInteger = (text: string): NumberStyle | undefined =>
  PLAIN_INT.test(text)
    ? undefined
    : /^\d{1,3}(?:\.\d{3}){2,}$/.test(text)
      ? 'vi'
      : /^\d{1,3}(?:,\d{3}){2,}$/.test(text)
        ? 'en'
        : undefined;

/** Reads a date written `20/4/2023`, `20-04-2023`, `20.04.2023` or ISO `2023-04-20` into ISO form. */
const parseDate = (text: string): ParsedValue => {
  const t = text.trim();
  const expected = 'một ngày, ví dụ 20/4/2023 / a date such as 20/4/2023';
  let year: number;
  let month: number;
  let day: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (match) {
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(t);
    if (!match) return fail(expected);
    [day, month, year] = [Number(match[1]), Number(match[3]), Number(match[4])];
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return fail(expected);
  }
  return ok(date.toISOString().slice(0, 10));
};

/** Reads a fraction `08/08`, `856/856` or `27/27 đơn vị` into numerator and denominator. */
const parseFraction = (
  text: string,
): { numerator: string; denominator: string } | undefined => {
  const match = /^(\d[\d.]*)\s*\/\s*(\d[\d.]*)(?:\s+\D.*)?$/.exec(text.trim());
  if (!match) return undefined;
  const n = parseInteger(match[1] ?? '');
  const d = parseInteger(match[2] ?? '');
  return n.ok && d.ok
    ? { numerator: n.value, denominator: d.value }
    : undefined;
};

const canonical = (intPart: string, fraction: string): string => {
  const f = fraction.endsWith('0') ? fraction.replace(/0+$/, '') : fraction;
  const i = stripLeadingZeros(intPart || '0');
  return f ? `${i}.${f}` : i;
};

const ROMAN: Record<string, string> = { i: '1', ii: '2', iii: '3', iv: '4' };

/**
 * Reads a quarter written as `2023-Q3`, `Q3/2023`, `Quý III/2023` or
 * `quý 3 năm 2023` into `YYYY-Qn`.
 */
const parsePeriodText = (text: string): ParsedValue => {
  const t = foldText(text);
  const expected = 'một quý, ví dụ 2023-Q3 hoặc Quý III/2023 / a quarter';
  let match = /^(\d{4})[- ]?q([1-4])$/.exec(t);
  if (match) return ok(`${match[1]}-Q${match[2]}`);
  match = /^(?:q|quy)\s*([1-4]|iv|i{1,3})\s*(?:\/|-|nam)\s*(\d{4})$/.exec(t);
  if (match) {
    const quarter = ROMAN[match[1] ?? ''] ?? match[1];
    return ok(`${match[2]}-Q${quarter}`);
  }
  return fail(expected);
};

/**
 * `numerator / denominator × 100` rounded half-up to 2 decimals, computed on
 * integers so no float drift enters the published figure.
 */
const percentOf = (numerator: bigint, denominator: bigint): string => {
  const hundredths = (numerator * 20000n + denominator) / (2n * denominator);
  const whole = hundredths / 100n;
  const fraction = (hundredths % 100n).toString().padStart(2, '0');
  return `${whole}.${fraction}`.replace(/\.?0+$/, '');
};

export {
  foldText,
  parseDate,
  parseDecimal,
  parseFraction,
  parseInteger,
  parsePeriodText,
  percentOf,
  styleOfInteger,
};
