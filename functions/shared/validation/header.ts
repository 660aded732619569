import { foldText } from '../normalize/values.js';
import type { DatasetSchema, FieldSchema } from '../schema/types.js';
import { type Finding, finding } from './codes.js';
import { type CellReader, cellReaderFor } from './normalizeCell.js';

/** A schema field bound to a column of the file, with its checks compiled once. */
export interface BoundColumn {
  readonly field: FieldSchema;
  readonly required: boolean;
  readonly read: CellReader;
  /** For a field that may hold a fraction (`08/08`): where its two parts go. */
  readonly fraction?: {
    readonly numerator: string;
    readonly denominator: string;
  };
}

/**
 * What a file's header says: which field each column holds (`undefined`
 * for a column that is ignored), found once and never changed.
 */
export interface ColumnBinding {
  readonly schema: DatasetSchema;
  readonly line: number;
  readonly columns: readonly (BoundColumn | undefined)[];
  /** Column of the field a totals row is recognised by, or -1. */
  readonly totalColumn: number;
  /** A row with every field, in schema order, empty: each row starts as a copy. */
  readonly blankRow: Readonly<Record<string, string>>;
  readonly findings: readonly Finding[];
}

/** The spellings a header may use for each field: its name, title and synonyms, folded. */
export type HeaderLabels = ReadonlyMap<string, FieldSchema>;

const labelsCache = new WeakMap<DatasetSchema, HeaderLabels>();

/** Header spellings of a schema (computed once per schema). */
const headerLabels = (schema: DatasetSchema): HeaderLabels => {
  let labels = labelsCache.get(schema);
  if (!labels) {
    const map = new Map<string, FieldSchema>();
    for (const field of schema.fields) {
      for (const label of [
        field.name,
        field.title,
        ...(field['x-synonyms'] ?? []),
      ]) {
        map.set(foldText(label), field);
      }
    }
    labels = map;
    labelsCache.set(schema, labels);
  }
  return labels;
};

/** How many distinct fields a line names: a header names several, a letterhead none. */
const headerScore = (
  schema: DatasetSchema,
  cells: readonly string[],
): number => {
  const labels = headerLabels(schema);
  const named = new Set<FieldSchema>();
  for (const cell of cells) {
    const field = labels.get(foldText(cell));
    if (field) named.add(field);
  }
  return named.size;
};

/** Letterhead lines tolerated above the header before the first line is taken as the header. */
const MAX_TITLE_LINES = 20;

/** A line names at least this many fields to be taken as the header. */
const HEADER_SCORE = 2;

/**
 * Binds a header line to the schema: headers match fields case-,
 * diacritics- and spacing-insensitively, through the schema's synonyms; an
 * unknown or repeated label is a finding and its column is ignored.
 */
const bindHeader = (
  schema: DatasetSchema,
  cells: readonly string[],
  line: number,
): ColumnBinding => {
  const labels = headerLabels(schema);
  const findings: Finding[] = [];
  const found = new Set<string>();
  const columns = cells.map((cell): BoundColumn | undefined => {
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
    found.add(field.name);
    return {
      field,
      required: field.constraints?.required === true,
      read: cellReaderFor(field),
      ...(field['x-fraction'] && { fraction: field['x-fraction'] }),
    };
  });
  for (const field of schema.fields) {
    if (field.constraints?.required && !found.has(field.name)) {
      findings.push(finding('missing-label', { line, field: field.name }));
    }
  }
  const blankRow: Record<string, string> = {};
  for (const field of schema.fields) blankRow[field.name] = '';
  const total = schema['x-dataset'].totalRow;
  return Object.freeze({
    schema,
    line,
    columns,
    totalColumn: total
      ? columns.findIndex((c) => c?.field.name === total.field)
      : -1,
    blankRow: Object.freeze(blankRow),
    findings,
  });
};

/** The raw, trimmed cell of a field in a data row, once the header is bound. */
const rawCell = (
  binding: ColumnBinding,
  cells: readonly string[],
  field: string,
): string | undefined => {
  const index = binding.columns.findIndex((c) => c?.field.name === field);
  return index === -1 ? undefined : cells[index]?.trim();
};

const totalLabelsCache = new WeakMap<DatasetSchema, ReadonlySet<string>>();

/** Whether a data row is the totals row the schema declares (it is skipped, not read). */
const isTotalRow = (
  binding: ColumnBinding,
  cells: readonly string[],
): boolean => {
  if (binding.totalColumn === -1) return false;
  const cell = cells[binding.totalColumn]?.trim();
  if (!cell) return false;
  let labels = totalLabelsCache.get(binding.schema);
  if (!labels) {
    labels = new Set(
      binding.schema['x-dataset'].totalRow?.labels.map(foldText),
    );
    totalLabelsCache.set(binding.schema, labels);
  }
  return labels.has(foldText(cell));
};

export {
  bindHeader,
  HEADER_SCORE,
  headerLabels,
  headerScore,
  isTotalRow,
  MAX_TITLE_LINES,
  rawCell,
};
