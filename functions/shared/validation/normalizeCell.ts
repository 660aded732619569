import {
  foldText,
  type NumberStyle,
  type ParsedValue,
  parseDate,
  parseDecimal,
  parseInteger,
  parsePeriodText,
  styleOfInteger,
} from '../normalize/values.js';
import type { FieldSchema } from '../schema/types.js';

const enumLookup = (field: FieldSchema): Map<string, string> => {
  const lookup = new Map<string, string>();
  for (const value of field.constraints?.enum ?? []) {
    lookup.set(foldText(value), value);
    for (const synonym of field['x-enumSynonyms']?.[value] ?? []) {
      lookup.set(foldText(synonym), value);
    }
  }
  return lookup;
};

/** The number style of one file, learnt from the cells that prove it; the first proof decides. */
const createNumberStyle = () => {
  let style: NumberStyle | undefined;
  return {
    get style() {
      return style;
    },
    see(evidence: NumberStyle | undefined) {
      style ??= evidence;
    },
  };
};

/** A file's number style tracker. */
export type NumberStyleTracker = ReturnType<typeof createNumberStyle>;

/** Whether a trimmed cell is only ASCII digits: most numeric cells, read without a pattern. */
const isPlainDigits = (raw: string): boolean => {
  if (raw.length === 0) return false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};

const ZERO = 48;

/** Plain digits without their leading zeros (`007` → `7`, `0` stays). */
const plainInteger = (raw: string): string =>
  raw.length > 1 && raw.charCodeAt(0) === ZERO
    ? raw.replace(/^0+(?=\d)/, '')
    : raw;

/**
 * The common decimal `61.50` or `61,5` read without patterns: digits, one
 * separator, digits, where the part after it is not exactly three digits
 * long (`1.234` is ambiguous and left to parseDecimal) or the part before
 * it is longer than three. Then the separator is the decimal one and proves
 * the file's style, exactly as parseDecimal reads it.
 */
const simpleDecimal = (
  raw: string,
): { ok: true; value: string; evidence: NumberStyle } | undefined => {
  let sep = -1;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if ((c !== 46 && c !== 44) || sep !== -1) return undefined;
    sep = i;
  }
  const tail = raw.length - sep - 1;
  if (sep < 1 || tail < 1 || (sep <= 3 && tail === 3)) return undefined;
  let end = raw.length;
  while (end > sep + 1 && raw.charCodeAt(end - 1) === ZERO) end--;
  const head = plainInteger(raw.slice(0, sep));
  return {
    ok: true,
    value: end === sep + 1 ? head : `${head}.${raw.slice(sep + 1, end)}`,
    evidence: raw.charCodeAt(sep) === 44 ? 'vi' : 'en',
  };
};

type ValueReader = (raw: string, numbers: NumberStyleTracker) => ParsedValue;

/** Builds the reader of one field: trimmed raw cell → canonical string or the expectation it failed. Text is already NFC (the decoder's job). */
const valueReaderFor = (field: FieldSchema): ValueReader => {
  if (field.type === 'integer') {
    return (raw, numbers) => {
      if (isPlainDigits(raw)) return { ok: true, value: plainInteger(raw) };
      const result = parseInteger(raw);
      // The first proof decides: once the style is known, no need to look.
      if (result.ok && numbers.style === undefined) {
        numbers.see(styleOfInteger(raw));
      }
      return result;
    };
  }
  if (field.type === 'number') {
    return (raw, numbers) => {
      // Plain digits prove no style: the common case, read without patterns.
      if (isPlainDigits(raw)) return { ok: true, value: plainInteger(raw) };
      const simple = simpleDecimal(raw);
      if (simple) {
        numbers.see(simple.evidence);
        return simple;
      }
      const result = parseDecimal(raw, numbers.style);
      numbers.see(result.evidence);
      return result;
    };
  }
  if (field.type === 'date') return parseDate;
  if (field['x-role'] === 'period') return parsePeriodText;
  const lookup = enumLookup(field);
  if (lookup.size > 0) {
    const allowed = field.constraints?.enum?.join(' | ');
    return (raw) => {
      const value = lookup.get(foldText(raw));
      return value === undefined
        ? { ok: false, expected: `một trong: ${allowed} / one of: ${allowed}` }
        : { ok: true, value };
    };
  }
  return (raw) => ({ ok: true, value: raw });
};

const noCheck = (): undefined => undefined;

/** Builds the check of a field's constraints on a canonical value: the broken one, described, or undefined. */
const constraintCheckFor = (
  field: FieldSchema,
): ((value: string) => string | undefined) => {
  const c = field.constraints;
  const pattern = c?.pattern === undefined ? undefined : new RegExp(c.pattern);
  const numeric = field.type === 'integer' || field.type === 'number';
  const min = numeric ? c?.minimum : undefined;
  const max = numeric ? c?.maximum : undefined;
  const maxLength = c?.maxLength;
  if (!pattern && min === undefined && max === undefined && !maxLength)
    return noCheck;
  return (value) => {
    // First, so a 4 MB cell is refused before a pattern or a rule reads it.
    if (maxLength !== undefined && value.length > maxLength) {
      return `tối đa ${maxLength} ký tự (có ${value.length}) / at most ${maxLength} characters (found ${value.length})`;
    }
    if (pattern && !pattern.test(value)) {
      return `dạng ${c?.pattern} / format ${c?.pattern}`;
    }
    if (min !== undefined && Number(value) < min) return `≥ ${min}`;
    if (max !== undefined && Number(value) > max) return `≤ ${max}`;
    return undefined;
  };
};

/** A cell read and checked: its canonical value, or the finding type and what was expected. */
export type CellOutcome =
  | { readonly ok: true; readonly value: string }
  | {
      readonly ok: false;
      readonly type: 'type-error' | 'constraint-error';
      readonly expected: string;
    };

/** Reads and checks one trimmed, non-empty cell of a column, in the file's number style. */
export type CellReader = (
  raw: string,
  numbers: NumberStyleTracker,
) => CellOutcome;

const CACHE_LIMIT = 4096;

/**
 * Remembers a reader's answers: coded columns (units, periods, indicators,
 * statuses) repeat the same few spellings on every row, so each is read and
 * checked once. Their answers do not depend on the number style. Numbers
 * are never remembered: an ambiguous one reads differently once the file's
 * style is known.
 */
const memoize = (read: CellReader): CellReader => {
  const cache = new Map<string, CellOutcome>();
  // Units and periods are the same on every row: a string compare, no hashing.
  let lastRaw: string | undefined;
  let last: CellOutcome | undefined;
  return (raw, numbers) => {
    if (raw === lastRaw && last) return last;
    let outcome = cache.get(raw);
    if (outcome === undefined) {
      outcome = read(raw, numbers);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(raw, outcome);
    }
    lastRaw = raw;
    last = outcome;
    return outcome;
  };
};

/** Compiles the reader of one column, once per file when its header is bound. */
const cellReaderFor = (field: FieldSchema): CellReader => {
  const readValue = valueReaderFor(field);
  const check = constraintCheckFor(field);
  const readType = field.constraints?.enum ? 'constraint-error' : 'type-error';
  const read: CellReader = (raw, numbers) => {
    const parsed = readValue(raw, numbers);
    if (!parsed.ok) {
      return { ok: false, type: readType, expected: parsed.expected };
    }
    const broken = check(parsed.value);
    return broken === undefined
      ? parsed
      : { ok: false, type: 'constraint-error', expected: broken };
  };
  const coded =
    field.type === 'string' &&
    (field['x-role'] !== undefined ||
      field.constraints?.enum !== undefined ||
      field.constraints?.pattern !== undefined);
  return coded ? memoize(read) : read;
};

export { cellReaderFor, createNumberStyle, simpleDecimal };
