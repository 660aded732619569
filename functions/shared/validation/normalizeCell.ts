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

const CACHE_LIMIT = 4096;

/**
 * Remembers a reader's answers: coded columns (periods, statuses, codes)
 * repeat the same few spellings on every row, so each is parsed once.
 */
const memoize = (read: (raw: string) => ParsedValue) => {
  const cache = new Map<string, ParsedValue>();
  return (raw: string): ParsedValue => {
    let result = cache.get(raw);
    if (result === undefined) {
      result = read(raw);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(raw, result);
    }
    return result;
  };
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

/** Builds the reader of one field: raw cell → canonical string or the expectation it failed. Text is already NFC (the decoder's job). */
const cellReaderFor = (
  field: FieldSchema,
  numbers: NumberStyleTracker,
): ((raw: string) => ParsedValue) => {
  if (field.type === 'integer') {
    return (raw) => {
      const result = parseInteger(raw);
      // The first proof decides: once the style is known, no need to look.
      if (result.ok && numbers.style === undefined) {
        numbers.see(styleOfInteger(raw.trim()));
      }
      return result;
    };
  }
  if (field.type === 'number') {
    return (raw) => {
      const result = parseDecimal(raw, numbers.style);
      numbers.see(result.evidence);
      return result;
    };
  }
  if (field.type === 'date') return parseDate;
  if (field['x-role'] === 'period') return memoize(parsePeriodText);
  const lookup = enumLookup(field);
  if (lookup.size > 0) {
    const allowed = field.constraints?.enum?.join(' | ');
    return memoize((raw) => {
      const value = lookup.get(foldText(raw));
      return value === undefined
        ? { ok: false, expected: `một trong: ${allowed} / one of: ${allowed}` }
        : { ok: true, value };
    });
  }
  return (raw) => ({ ok: true, value: raw });
};

/** Builds the check of a field's constraints on a canonical value: the broken one, described, or undefined. */
const constraintCheckFor = (
  field: FieldSchema,
): ((value: string) => string | undefined) => {
  const c = field.constraints;
  const pattern = c?.pattern === undefined ? undefined : new RegExp(c.pattern);
  const numeric = field.type === 'integer' || field.type === 'number';
  const min = numeric ? c?.minimum : undefined;
  const max = numeric ? c?.maximum : undefined;
  if (!pattern && min === undefined && max === undefined)
    return () => undefined;
  return (value) => {
    if (pattern && !pattern.test(value)) {
      return `dạng ${c?.pattern} / format ${c?.pattern}`;
    }
    if (min !== undefined && Number(value) < min) return `≥ ${min}`;
    if (max !== undefined && Number(value) > max) return `≤ ${max}`;
    return undefined;
  };
};

export { cellReaderFor, constraintCheckFor, createNumberStyle };
