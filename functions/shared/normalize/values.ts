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

const stripLeadingZeros = (digits: string): string =>
  digits.replace(/^0+(?=\d)/, '');

/** Reads a non-negative integer written the Vietnamese way (`2.155.455`) or plainly. */
const parseInteger = (text: string): ParsedValue => {
  const t = text.trim();
  if (PLAIN_INT.test(t)) return ok(stripLeadingZeros(t));
  if (GROUPED_INT.test(t)) return ok(stripLeadingZeros(t.replace(/\D/g, '')));
  return fail('một số nguyên / an integer');
};

/**
 * Reads a decimal written the Vietnamese way (`61,7`, `1.234,5`, `61,7 %`) or
 * with a decimal point (`77.13`). `1.234` is ambiguous (thousands or decimal)
 * and is refused rather than guessed.
 */
const parseDecimal = (text: string): ParsedValue => {
  const t = text.trim().replace(/\s*%$/, '');
  const expected = 'một số thập phân, ví dụ 61,7 / a decimal such as 61,7';
  let match = /^(\d{1,3}(?:\.\d{3})+|\d+),(\d+)$/.exec(t);
  if (match) {
    return ok(canonical(match[1]?.replace(/\./g, '') ?? '', match[2] ?? ''));
  }
  match = /^(\d{1,3}(?:,\d{3})+|\d+)\.(\d+)$/.exec(t);
  if (match) {
    const [, intPart = '', fraction = ''] = match;
    // 1.234 alone could be one thousand two hundred thirty-four.
    if (!intPart.includes(',') && fraction.length === 3) {
      return fail(
        `một số thập phân; "${t}" không rõ là hàng nghìn hay phần thập phân / a decimal; "${t}" is ambiguous (thousands or decimals)`,
      );
    }
    return ok(canonical(intPart.replace(/,/g, ''), fraction));
  }
  const integer = parseInteger(t);
  return integer.ok ? integer : fail(expected);
};

const canonical = (intPart: string, fraction: string): string => {
  const f = fraction.replace(/0+$/, '');
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

export { foldText, parseDecimal, parseInteger, parsePeriodText };
