import {
  foldText,
  type ParsedValue,
  parseDecimal,
  parseInteger,
  parsePeriodText,
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

/** Builds the reader of one field: raw cell → canonical string or the expectation it failed. */
const cellReaderFor = (field: FieldSchema): ((raw: string) => ParsedValue) => {
  const lookup = enumLookup(field);
  const allowed = field.constraints?.enum?.join(' | ');
  if (field.type === 'integer') return parseInteger;
  if (field.type === 'number') return parseDecimal;
  if (field['x-role'] === 'period') return parsePeriodText;
  if (lookup.size > 0) {
    return (raw) => {
      const value = lookup.get(foldText(raw));
      return value === undefined
        ? { ok: false, expected: `một trong: ${allowed} / one of: ${allowed}` }
        : { ok: true, value };
    };
  }
  return (raw) => ({ ok: true, value: raw.normalize('NFC') });
};

/** The constraint a canonical value breaks, described for the report, if any. */
const brokenConstraint = (
  field: FieldSchema,
  value: string,
): string | undefined => {
  const c = field.constraints;
  if (!c) return undefined;
  if (c.pattern !== undefined && !new RegExp(c.pattern).test(value)) {
    return `dạng ${c.pattern} / format ${c.pattern}`;
  }
  const numeric = field.type === 'integer' || field.type === 'number';
  if (numeric && c.minimum !== undefined && Number(value) < c.minimum) {
    return `≥ ${c.minimum}`;
  }
  if (numeric && c.maximum !== undefined && Number(value) > c.maximum) {
    return `≤ ${c.maximum}`;
  }
  return undefined;
};

export { brokenConstraint, cellReaderFor };
