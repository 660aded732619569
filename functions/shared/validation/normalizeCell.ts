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
    return () => undefined;
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

const CACHE_LIMIT = 4096;

/**
 * Remembers a normalizer's answers: coded columns (units, periods,
 * indicators, statuses) repeat the same few spellings on every row, so each
 * is read and checked once. Numbers are never remembered: an ambiguous one
 * reads differently once the file's style is known.
 */
const memoize = (normalize: (raw: string) => CellOutcome) => {
  const cache = new Map<string, CellOutcome>();
  // Units and periods are the same on every row: a string compare, no hashing.
  let lastRaw: string | undefined;
  let last: CellOutcome | undefined;
  return (raw: string): CellOutcome => {
    if (raw === lastRaw && last) return last;
    let outcome = cache.get(raw);
    if (outcome === undefined) {
      outcome = normalize(raw);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(raw, outcome);
    }
    lastRaw = raw;
    last = outcome;
    return outcome;
  };
};

/** Builds the normalizer of one column: trimmed raw cell → canonical value, or why not. */
const cellNormalizerFor = (
  field: FieldSchema,
  numbers: NumberStyleTracker,
): ((raw: string) => CellOutcome) => {
  const read = cellReaderFor(field, numbers);
  const check = constraintCheckFor(field);
  const readType = field.constraints?.enum ? 'constraint-error' : 'type-error';
  const normalize = (raw: string): CellOutcome => {
    const parsed = read(raw);
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
  return coded ? memoize(normalize) : normalize;
};

export { cellNormalizerFor, createNumberStyle };
