import { percentOf } from '../aggregate/consolidateIndicators.js';
import {
  foldText,
  type NumberStyle,
  parseFraction,
} from '../normalize/values.js';
import type { FieldSchema } from '../schema/types.js';
import { type Finding, finding, NO_FINDINGS } from './codes.js';
import { createKeyIndex, type KeyIndexOptions } from './keyIndex.js';
import { cellNormalizerFor, createNumberStyle } from './normalizeCell.js';
import { applyRules, rulePackFor } from './rulePack.js';
import type { NormalizedRow, RuleContext } from './types.js';

/** Outcome of one data row: the normalized row when it has no error, and its findings. */
export interface RowOutcome {
  readonly row?: NormalizedRow;
  readonly findings: readonly Finding[];
}

/** Validates a file record by record: first its header, then each data row. */
export interface RecordValidator {
  /** The file's number style, once a cell has shown it. */
  numberStyle(): NumberStyle | undefined;
  /** Whether a data row is the totals row the schema declares (it is skipped). */
  isTotalRow(cells: readonly string[]): boolean;
  /** How many cells name a schema field: a header names several, a letterhead none. */
  headerScore(cells: readonly string[]): number;
  header(cells: readonly string[], line: number): Finding[];
  /** The raw cell of a field in a data row, once the header is known. */
  rawCell(cells: readonly string[], field: string): string | undefined;
  row(cells: readonly string[], line: number): RowOutcome;
  /**
   * What is only known once every row is read: repeats among the keys the
   * key index set aside on disk. Frees what the validator held.
   */
  finish(): Finding[];
  /** Frees what the validator held without a verdict (the file was not read to its end). */
  dispose(): void;
}

interface Column {
  readonly field: FieldSchema;
  readonly required: boolean;
  readonly normalize: ReturnType<typeof cellNormalizerFor>;
}

const labelsOf = (field: FieldSchema): string[] => [
  field.name,
  field.title,
  ...(field['x-synonyms'] ?? []),
];

const hasError = (findings: readonly Finding[]) =>
  findings.some((f) => f.severity === 'error');

/**
 * Creates the validator of one submission. Headers match schema fields
 * case-, diacritics- and spacing-insensitively, through the schema's synonyms.
 */
const createRecordValidator = (
  context: Omit<RuleContext, 'line'>,
  options: { readonly keys?: KeyIndexOptions } = {},
): RecordValidator => {
  const { schema } = context;
  const labels = new Map<string, FieldSchema>();
  for (const field of schema.fields) {
    for (const label of labelsOf(field)) labels.set(foldText(label), field);
  }
  const rules = rulePackFor(schema);
  const numbers = createNumberStyle();
  const primaryKey = schema.primaryKey;
  const seenKeys = createKeyIndex(primaryKey, options.keys);
  // Every row starts as a copy of this: all fields, in schema order, empty.
  const blankRow: Record<string, string> = {};
  for (const field of schema.fields) blankRow[field.name] = '';
  let columns: (Column | undefined)[] = [];

  const header = (cells: readonly string[], line: number): Finding[] => {
    const findings: Finding[] = [];
    const found = new Map<string, string>();
    columns = cells.map((cell) => {
      if (cell.trim() === '') return undefined;
      const field = labels.get(foldText(cell));
      if (!field) {
        findings.push(finding('extra-label', { line, value: cell }));
        return undefined;
      }
      if (found.has(field.name)) {
        findings.push(
          finding('duplicate-label', { line, field: field.name, value: cell }),
        );
        return undefined;
      }
      found.set(field.name, cell);
      return {
        field,
        required: field.constraints?.required === true,
        normalize: cellNormalizerFor(field, numbers),
      };
    });
    for (const field of schema.fields) {
      if (field.constraints?.required && !found.has(field.name)) {
        findings.push(finding('missing-label', { line, field: field.name }));
      }
    }
    return findings;
  };

  /** Reads a row's cells into a normalized row, adding what is wrong to `findings`. */
  const readCells = (
    cells: readonly string[],
    line: number,
    findings: Finding[],
  ): Record<string, string> => {
    const values: Record<string, string> = { ...blankRow };
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
              expected: 'một giá trị (bắt buộc) / a value (required)',
            }),
          );
        }
        continue;
      }
      // Only a cell with a slash can be a fraction such as `08/08`.
      const fraction =
        field['x-fraction'] && raw.includes('/') && parseFraction(raw);
      if (field['x-fraction'] && fraction) {
        const { numerator, denominator } = field['x-fraction'];
        values[numerator] ||= fraction.numerator;
        values[denominator] ||= fraction.denominator;
        if (field.name === numerator) continue;
        if (field.type === 'number' && BigInt(fraction.denominator) > 0n) {
          values[field.name] = percentOf(
            BigInt(fraction.numerator),
            BigInt(fraction.denominator),
          );
        }
        continue;
      }
      const outcome = column.normalize(raw);
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

  const checkShape = (
    cells: readonly string[],
    line: number,
  ): readonly Finding[] => {
    const width = columns.length;
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

  const checkUnique = (
    row: NormalizedRow,
    line: number,
  ): readonly Finding[] => {
    if (primaryKey.length === 0) return NO_FINDINGS;
    const first = seenKeys.firstLine(row, line);
    if (first === undefined) return NO_FINDINGS;
    return [
      finding('unique-error', {
        line,
        value: primaryKey.map((name) => row[name] ?? '').join(' | '),
        expected: `dòng ${first} / line ${first}`,
      }),
    ];
  };

  // One context object for every row: rules read it and keep nothing.
  const ruleContext: { -readonly [K in keyof RuleContext]: RuleContext[K] } = {
    ...context,
    line: 0,
  };

  const row = (cells: readonly string[], line: number): RowOutcome => {
    const shape = checkShape(cells, line);
    if (shape.length > 0) return { findings: shape };
    const cellFindings: Finding[] = [];
    const values = readCells(cells, line, cellFindings);
    if (hasError(cellFindings)) return { findings: cellFindings };
    ruleContext.line = line;
    const ruleFindings = applyRules(rules, values, ruleContext);
    const all =
      cellFindings.length === 0
        ? ruleFindings
        : [...cellFindings, ...ruleFindings];
    if (hasError(all)) return { findings: all };
    const unique = checkUnique(values, line);
    if (unique.length > 0) return { findings: [...all, ...unique] };
    return { row: values, findings: all };
  };

  const headerScore = (cells: readonly string[]) =>
    new Set(cells.map((cell) => labels.get(foldText(cell))).filter(Boolean))
      .size;

  const rawCell = (cells: readonly string[], field: string) => {
    const index = columns.findIndex((c) => c?.field.name === field);
    return index === -1 ? undefined : cells[index]?.trim();
  };

  const total = schema['x-dataset'].totalRow;
  const totalLabels = new Set(total?.labels.map(foldText));
  // The column is known once the header is: look it up once, not per row.
  let totalColumn: number | undefined;
  const isTotalRow = (cells: readonly string[]) => {
    if (!total) return false;
    totalColumn ??= columns.findIndex((c) => c?.field.name === total.field);
    const cell = cells[totalColumn]?.trim();
    return cell !== undefined && cell !== '' && totalLabels.has(foldText(cell));
  };

  return {
    numberStyle: () => numbers.style,
    isTotalRow,
    headerScore,
    header,
    rawCell,
    row,
    finish: () =>
      seenKeys.spilledRepeats().map(({ line, firstLine }) =>
        finding('unique-error', {
          line,
          expected: `dòng ${firstLine} / line ${firstLine}`,
        }),
      ),
    dispose: () => seenKeys.dispose(),
  };
};

export { createRecordValidator };
