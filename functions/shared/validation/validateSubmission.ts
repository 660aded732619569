import {
  createMeasureAccumulator,
  type SubmissionLineage,
  type SubmissionMeasures,
} from '../aggregate/measures.js';
import type { RowSink } from '../csv/csvSink.js';
import { DecodeError } from '../csv/decodeError.js';
import {
  type CsvBatch,
  type CsvRecord,
  readCsvRecords,
} from '../csv/readCsvRecords.js';
import { type NumberStyle, parsePeriodText } from '../normalize/values.js';
import { formatPeriod, type Period } from '../period.js';
import type { Indicator } from '../reference/indicators.js';
import type { UnitRegistry } from '../reference/units.js';
import type { DatasetSchema, NormalizedRow } from '../schema/types.js';
import { type Finding, finding } from './codes.js';
import {
  createFindingCollector,
  type FindingCollector,
} from './findingCollector.js';
import {
  bindHeader,
  type ColumnBinding,
  HEADER_SCORE,
  headerScore,
  isTotalRow,
  MAX_TITLE_LINES,
  rawCell,
} from './header.js';
import { createKeyIndex, type KeyIndexOptions } from './keyIndex.js';
import { createNumberStyle } from './normalizeCell.js';
import { rulePackFor } from './rulePack.js';
import type { RuleContext } from './types.js';
import { type FileState, validateRow } from './validateRow.js';

/**
 * Everything the validation of one file depends on besides its content.
 * Nothing here is read from a clock, an environment or a server.
 */
export interface SubmissionContext {
  readonly schema: DatasetSchema;
  readonly units: UnitRegistry;
  readonly indicators: ReadonlyMap<string, Indicator>;
  /** Extra rights a steward granted (reporting an indicator or dataset one is not responsible for). */
  readonly grants?: RuleContext['grants'];
  /** The submitting unit and period, from the object key. */
  readonly unitCode: string;
  readonly period: Period;
  /** Data rows read at most; past it the file is refused. */
  readonly maxRows: number;
  /** How primary keys are remembered (a spill to disk for huge files). */
  readonly keys?: KeyIndexOptions;
}

/** A file's content: decoded text (CSV), or records a reader already took apart (a workbook). */
export type SubmissionSource =
  | { readonly text: AsyncIterable<string> }
  | { readonly records: AsyncIterable<CsvBatch> };

/** What the content of one file gave. */
export interface ContentValidation {
  readonly findings: FindingCollector;
  /** Data rows read (a totals row and blank lines are not rows). */
  readonly rows: number;
  readonly acceptedRows: number;
  readonly delimiter?: string;
  /** Physical line (or sheet row) of the header. */
  readonly headerRow?: number;
  readonly numberStyle?: NumberStyle;
  readonly measures: SubmissionMeasures;
  readonly lineage: SubmissionLineage;
}

const batchesOf = (source: SubmissionSource): AsyncIterable<CsvBatch> =>
  'text' in source ? readCsvRecords(source.text) : source.records;

const isBlank = (cells: readonly string[]) =>
  cells.every((cell) => cell.trim() === '');

/** Adds the sheet and cell of a workbook record to the findings made on it. */
const locate = (
  findings: readonly Finding[],
  record: CsvRecord,
  binding: ColumnBinding | undefined,
): readonly Finding[] => {
  const { sheet, cellRefs } = record;
  if (sheet === undefined || findings.length === 0) return findings;
  return findings.map((f) => {
    const column =
      binding && f.fieldName !== undefined
        ? binding.columns.findIndex((c) => c?.field.name === f.fieldName)
        : -1;
    const cellRef = column >= 0 ? cellRefs?.[column] : undefined;
    return { ...f, sheet, ...(cellRef !== undefined && { cellRef }) };
  });
};

/**
 * Finds the header among the first lines: agencies put letterheads above
 * it, so lines are set aside until one names at least two of the schema's
 * fields; after MAX_TITLE_LINES the first line is taken.
 */
const createHeaderLocator = (schema: DatasetSchema) => {
  const titleLines: CsvRecord[] = [];
  return {
    /** The header record, once one is found among the lines seen. */
    see(record: CsvRecord): CsvRecord | undefined {
      if (headerScore(schema, record.cells) >= HEADER_SCORE) return record;
      if (titleLines.push(record) >= MAX_TITLE_LINES) return titleLines[0];
      return undefined;
    },
    /** At the end of a file without a header: its first line, if any. */
    fallback: (): CsvRecord | undefined => titleLines[0],
  };
};

/** The file state for one validation: number style, keys, rules and their context. */
const fileStateOf = (context: SubmissionContext): FileState => ({
  numbers: createNumberStyle(),
  keys: createKeyIndex(context.schema.primaryKey, context.keys),
  rules: rulePackFor(context.schema),
  ruleContext: {
    line: 0,
    schema: context.schema,
    unitCode: context.unitCode,
    period: context.period,
    periodText: formatPeriod(context.period),
    units: context.units,
    indicators: context.indicators,
    ...(context.grants && { grants: context.grants }),
  },
});

/** What is only known once every row is read: repeats among the keys set aside. Frees them. */
const spilledKeyFindings = (file: FileState): Finding[] =>
  file.keys.spilledRepeats().map(({ line, firstLine }) =>
    finding('unique-error', {
      line,
      expected: `dòng ${firstLine} / line ${firstLine}`,
    }),
  );

/**
 * Validates and normalizes one submission's content: locate the header,
 * bind it, validate each row, and gather findings, measures and lineage.
 * Accepted rows stream to `sink` while the file has no error; a file with
 * an error is discarded from the sink, never half-written. Bad content is
 * a finding, never a throw; an error of the source itself (a failed read)
 * is thrown, after the sink is discarded.
 *
 * Pure of I/O: it runs the same in the ingest Lambda, the CLI, the bench,
 * the tests and the submitter's browser.
 */
const validateSubmission = async (
  source: SubmissionSource,
  context: SubmissionContext,
  sink: RowSink,
): Promise<ContentValidation> => {
  const { schema } = context;
  const collector = createFindingCollector();
  const measures = createMeasureAccumulator(schema);
  const file = fileStateOf(context);
  const locator = createHeaderLocator(schema);
  let binding: ColumnBinding | undefined;
  let rows = 0;
  let acceptedRows = 0;
  let delimiter: string | undefined;
  let sinkOpen = true;
  const bind = (record: CsvRecord) => {
    binding = bindHeader(schema, record.cells, record.line);
    collector.add(locate(binding.findings, record, undefined));
  };
  const batches = batchesOf(source);

  try {
    reading: for await (const batch of batches) {
      delimiter ??= batch.delimiter;
      for (const issue of batch.issues) {
        const type =
          issue.kind === 'record-too-long' ? 'record-too-long' : 'source-error';
        collector.add([finding(type, { line: issue.line })]);
      }
      const accepted: NormalizedRow[] = [];
      for (const record of batch.records) {
        const { cells, line } = record;
        if (isBlank(cells)) continue;
        if (binding === undefined) {
          const header = locator.see(record);
          if (header) bind(header);
          continue;
        }
        if (isTotalRow(binding, cells)) {
          const field = schema['x-dataset'].totalRow?.field ?? '';
          collector.add(
            locate(
              [
                finding('total-row-skipped', {
                  line,
                  value: rawCell(binding, cells, field) ?? '',
                }),
              ],
              record,
              binding,
            ),
          );
          continue;
        }
        if (rows >= context.maxRows) {
          collector.add([
            finding('too-many-rows', {
              line,
              expected: String(context.maxRows),
            }),
          ]);
          break reading;
        }
        rows++;
        const outcome = validateRow(binding, cells, line, file);
        collector.add(locate(outcome.findings, record, binding));
        if (!outcome.row) continue;
        acceptedRows++;
        measures.add(outcome.row, line);
        accepted.push(outcome.row);
      }
      if (sinkOpen && collector.errorCount === 0) await sink.write(accepted);
      if (sinkOpen && collector.errorCount > 0) {
        // Once rejected, nothing is written: the normalized output is dropped.
        sinkOpen = false;
        await sink.discard();
      }
    }
    collector.add(spilledKeyFindings(file));
  } catch (error) {
    file.keys.dispose();
    if (!(error instanceof DecodeError)) {
      if (sinkOpen) await sink.discard();
      throw error;
    }
    collector.add([finding('encoding-error', { value: error.message })]);
  }
  if (binding === undefined) {
    const first = locator.fallback();
    if (first) bind(first);
  }
  if (binding === undefined || (rows === 0 && collector.errorCount === 0)) {
    collector.add([finding('blank-file')]);
  }
  if (sinkOpen) {
    if (collector.errorCount > 0) await sink.discard();
    else await sink.commit();
  }
  return {
    findings: collector,
    rows,
    acceptedRows: collector.errorCount > 0 ? 0 : acceptedRows,
    ...(delimiter !== undefined && { delimiter }),
    ...(binding !== undefined && { headerRow: binding.line }),
    ...(file.numbers.style && { numberStyle: file.numbers.style }),
    ...measures.result(),
  };
};

/** What a file says of itself, read before its unit and period are known. */
export interface StatedContext {
  /** The unit and period its first data row states, as written and as `YYYY-Qn`. */
  readonly unit?: string;
  readonly period?: string;
  /** Whether it has a data row at all, or is blank, or is not text. */
  readonly content: 'data' | 'blank' | 'undecodable';
}

/**
 * Reads the unit and period a file's first data row states, finding the
 * header as the validation does: for checking a file before it has a key.
 */
const readStatedContext = async (
  source: SubmissionSource,
  schema: DatasetSchema,
): Promise<StatedContext> => {
  const field = (role: string) =>
    schema.fields.find((f) => f['x-role'] === role)?.name ?? '';
  const locator = createHeaderLocator(schema);
  let binding: ColumnBinding | undefined;
  try {
    for await (const batch of batchesOf(source)) {
      for (const record of batch.records) {
        if (isBlank(record.cells)) continue;
        if (binding === undefined) {
          const header = locator.see(record);
          if (header) binding = bindHeader(schema, header.cells, header.line);
          continue;
        }
        const unit = rawCell(binding, record.cells, field('unit'));
        const period = parsePeriodText(
          rawCell(binding, record.cells, field('period')) ?? '',
        );
        return {
          ...(unit && { unit }),
          ...(period.ok && { period: period.value }),
          content: 'data',
        };
      }
    }
  } catch (error) {
    if (error instanceof DecodeError) return { content: 'undecodable' };
    throw error;
  }
  return { content: 'blank' };
};

export {
  fileStateOf,
  readStatedContext,
  spilledKeyFindings,
  validateSubmission,
};
