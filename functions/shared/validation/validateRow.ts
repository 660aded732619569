import { parseFraction, percentOf } from '../normalize/values.js';
import type { NormalizedRow } from '../schema/types.js';
import { type Finding, finding, NO_FINDINGS } from './codes.js';
import type { ColumnBinding } from './header.js';
import type { KeyIndex } from './keyIndex.js';
import type { NumberStyleTracker } from './normalizeCell.js';
import { applyRules, type NamedRule } from './rulePack.js';
import type { RuleContext } from './types.js';

/**
 * What a file's rows share while it is read: the number style its cells
 * have shown, the keys seen so far, the rules and what they may look at.
 * Made once per file by `validateSubmission`; passed in, never hidden.
 */
export interface FileState {
  readonly numbers: NumberStyleTracker;
  readonly keys: KeyIndex;
  readonly rules: readonly NamedRule[];
  /** Reused for every row: rules read it and keep nothing. */
  readonly ruleContext: { -readonly [K in keyof RuleContext]: RuleContext[K] };
}

/** Outcome of one data row: the normalized row when it has no error, and its findings. */
export interface RowOutcome {
  readonly row?: NormalizedRow;
  readonly findings: readonly Finding[];
}

const REQUIRED = 'một giá trị (bắt buộc) / a value (required)';

const hasError = (findings: readonly Finding[]) =>
  findings.some((f) => f.severity === 'error');

/** A record with more non-empty cells than the header, or fewer cells, is not read. */
const checkShape = (
  binding: ColumnBinding,
  cells: readonly string[],
  line: number,
): readonly Finding[] => {
  const width = binding.columns.length;
  for (let i = width; i < cells.length; i++) {
    // Excel leaves empty trailing columns: only non-empty extras count.
    if ((cells[i] ?? '').trim() !== '') {
      return [finding('extra-cell', { line, count: cells.length })];
    }
  }
  if (cells.length < width) {
    return [finding('missing-cell', { line, count: cells.length })];
  }
  return NO_FINDINGS;
};

/** Reads a row's cells into a normalized row, adding what is wrong to `findings`. */
const readCells = (
  binding: ColumnBinding,
  cells: readonly string[],
  line: number,
  numbers: NumberStyleTracker,
  findings: Finding[],
): Record<string, string> => {
  const values: Record<string, string> = { ...binding.blankRow };
  const { columns } = binding;
  for (let index = 0; index < columns.length; index++) {
    const column = columns[index];
    if (!column) continue;
    const { field } = column;
    const raw = (cells[index] ?? '').trim();
    if (raw === '') {
      if (column.required) {
        findings.push(
          finding('constraint-error', {
            line,
            field: field.name,
            value: raw,
            expected: REQUIRED,
          }),
        );
      }
      continue;
    }
    // Only a cell with a slash can be a fraction such as `08/08`.
    const parts =
      column.fraction && raw.includes('/') ? parseFraction(raw) : undefined;
    if (column.fraction && parts) {
      const { numerator, denominator } = column.fraction;
      values[numerator] ||= parts.numerator;
      values[denominator] ||= parts.denominator;
      if (field.name === numerator) continue;
      if (field.type === 'number' && BigInt(parts.denominator) > 0n) {
        values[field.name] = percentOf(
          BigInt(parts.numerator),
          BigInt(parts.denominator),
        );
      }
      continue;
    }
    const outcome = column.read(raw, numbers);
    if (!outcome.ok) {
      findings.push(
        finding(outcome.type, {
          line,
          field: field.name,
          value: raw,
          expected: outcome.expected,
        }),
      );
      continue;
    }
    values[field.name] = outcome.value;
  }
  return values;
};

/**
 * Validates one data record against a bound header: its shape, each cell,
 * the schema's row rules, then its key. The row comes back only when
 * nothing in it is an error.
 */
const validateRow = (
  binding: ColumnBinding,
  cells: readonly string[],
  line: number,
  file: FileState,
): RowOutcome => {
  const shape = checkShape(binding, cells, line);
  if (shape.length > 0) return { findings: shape };
  const cellFindings: Finding[] = [];
  const values = readCells(binding, cells, line, file.numbers, cellFindings);
  if (hasError(cellFindings)) return { findings: cellFindings };
  file.ruleContext.line = line;
  const ruleFindings = applyRules(file.rules, values, file.ruleContext);
  const all =
    cellFindings.length === 0
      ? ruleFindings
      : [...cellFindings, ...ruleFindings];
  if (hasError(all)) return { findings: all };
  const primaryKey = binding.schema.primaryKey;
  if (primaryKey.length > 0) {
    const first = file.keys.firstLine(values, line);
    if (first !== undefined) {
      const unique = finding('unique-error', {
        line,
        value: primaryKey.map((name) => values[name] ?? '').join(' | '),
        expected: `dòng ${first} / line ${first}`,
      });
      return { findings: [...all, unique] };
    }
  }
  return { row: values, findings: all };
};

export { validateRow };
