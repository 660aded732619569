/**
 * What a submission's content is and how the validation core reads it,
 * the same on the server and in the submission page: a workbook's
 * refusals and records, the findings of the reading joined to the core's.
 * Only the bytes' transport differs (a stream on the server, a dropped
 * file in the browser), and where a workbook's sheets come from.
 */
import type { RowSink } from '../csv/csvSink.js';
import type { RemovedControls } from '../csv/textDecoding.js';
import type { DatasetSchema } from '../schema/types.js';
import { type Finding, finding } from '../validation/codes.js';
import {
  createFindingCollector,
  type FindingCollector,
} from '../validation/findingCollector.js';
import { HEADER_SCORE, headerScore } from '../validation/header.js';
import {
  type ContentValidation,
  type SubmissionContext,
  type SubmissionSource,
  validateSubmission,
} from '../validation/validateSubmission.js';
import { type ArchiveLimits, inspectArchive } from './inspectArchive.js';
import { type ContentKind, oleKindOf } from './sniffContent.js';
import { type WorkbookSheets, workbookRecords } from './workbookRecords.js';

/** What a submission's content turned out to be. */
export type SubmissionFormat = 'csv' | 'xlsx';

/**
 * A submission's content, opened: the source for the validation core
 * (none when the content is refused before any record is read), and the
 * findings of the reading itself, which grow while the source is read (a
 * formula without a value) and belong in the same report.
 */
export interface OpenedContent {
  readonly format: SubmissionFormat;
  readonly source?: SubmissionSource;
  readonly findings: Finding[];
}

/** How a workbook is opened: its dataset, the archive's limits, and where its sheets come from. */
export interface WorkbookOpening {
  readonly schema: DatasetSchema;
  readonly archiveLimits?: ArchiveLimits;
  readonly sheetsOf: (bytes: Uint8Array) => WorkbookSheets;
}

/**
 * Opens a workbook's bytes (a ZIP or OLE container, as `sniffContent`
 * told): an OLE container is refused (password-protected, or a legacy
 * .xls); an archive is inspected (corrupt, too large, macros, not a
 * workbook) and, if sound, its records are read from the first sheet with
 * the dataset's header. Refusals are findings, never throws.
 */
const openWorkbookContent = (
  bytes: Uint8Array,
  kind: Exclude<ContentKind, 'text'>,
  opening: WorkbookOpening,
): OpenedContent => {
  const findings: Finding[] = [];
  if (kind === 'ole') {
    findings.push(
      oleKindOf(bytes) === 'encrypted'
        ? finding('workbook-encrypted')
        : finding('workbook-unsupported', { value: 'Excel 97–2003 (.xls)' }),
    );
    return { format: 'xlsx', findings };
  }
  const inspection = inspectArchive(bytes, opening.archiveLimits);
  if (!inspection.ok) {
    findings.push(inspection.finding);
    return { format: 'xlsx', findings };
  }
  const records = workbookRecords(opening.sheetsOf(bytes), {
    isHeader: (cells) => headerScore(opening.schema, cells) >= HEADER_SCORE,
    onFinding: (f) => findings.push(f),
  });
  return { format: 'xlsx', source: { records }, findings };
};

const WORKBOOK_NAME = /\.xls[xmb]?$/i;

/**
 * CSV content: its decoded text, and a warning when it carries a
 * workbook's name (the content decides; the name is only told).
 */
const csvContent = (
  text: AsyncIterable<string>,
  name: string,
): OpenedContent => ({
  format: 'csv',
  source: { text },
  findings: WORKBOOK_NAME.test(name)
    ? [finding('csv-named-workbook', { value: name.split('/').at(-1) ?? name })]
    : [],
});

/**
 * A sink that keeps nothing once the reading itself has found an error
 * (the core only knows its own findings): a workbook with a formula
 * without a value is rejected, so its normalized rows are dropped.
 */
const guardSink = (sink: RowSink, opened: OpenedContent): RowSink => {
  const failed = () => opened.findings.some((f) => f.severity === 'error');
  return {
    write: async (rows) => {
      if (!failed()) await sink.write(rows);
    },
    commit: () => (failed() ? sink.discard() : sink.commit()),
    discard: () => sink.discard(),
  };
};

/** What the text decoder found, for CSV content (the ingest's stream and the page's decoding both are one). */
export interface DecodedText {
  readonly encoding: string | undefined;
  /** Control characters removed: how many, and the line of the first. */
  readonly removedControls: RemovedControls | undefined;
}

/** What reading one upload's content gave: every finding, the encoding, and what the core made of it. */
export interface ContentCheck {
  readonly findings: FindingCollector;
  readonly encoding?: string;
  readonly content?: ContentValidation;
}

/**
 * Runs the validation core on opened content, writing accepted rows to
 * `sink`, and joins the reading's findings (a refused archive, a formula
 * without a value) and the decoder's (control characters removed) to the
 * core's. `decoded` (the decoder) is read after the core has read all the text.
 */
const checkOpenedContent = async (
  opened: OpenedContent,
  context: SubmissionContext,
  sink: (columns: readonly string[]) => RowSink,
  decoded: DecodedText,
): Promise<ContentCheck> => {
  const content =
    opened.source &&
    (await validateSubmission(
      opened.source,
      context,
      guardSink(sink(context.schema.fields.map((f) => f.name)), opened),
    ));
  const findings = content?.findings ?? createFindingCollector();
  findings.add(opened.findings);
  const { encoding, removedControls } = decoded;
  if (removedControls) {
    findings.add([
      finding('control-characters-removed', {
        line: removedControls.firstLine,
        count: removedControls.count,
      }),
    ]);
  }
  const named = opened.format === 'xlsx' ? 'xlsx' : encoding;
  return {
    findings,
    ...(named && { encoding: named }),
    ...(content && { content }),
  };
};

export { checkOpenedContent, csvContent, guardSink, openWorkbookContent };
