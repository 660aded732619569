/**
 * The submission page's check of one dropped file, without the page: the
 * ingest's own reading (`csvContent` over the ingest's decoding, or
 * `openWorkbookContent`), core and report. The page's worker runs it, so
 * a large file neither freezes the page nor hides its progress; the page
 * runs it itself where module workers are missing.
 */
import type { RowSink } from '../../csv/csvSink.js';
import { createTextDecoding, decodedText } from '../../csv/textDecoding.js';
import { parsePeriod } from '../../period.js';
import type { NormalizedRow } from '../../schema/types.js';
import { buildReport, type ValidationReport } from '../../validation/report.js';
import { loadedWorkbook } from '../../xlsx/loadedWorkbook.js';
import { sniffContent } from '../../xlsx/sniffContent.js';
import {
  checkOpenedContent,
  csvContent,
  openWorkbookContent,
} from '../../xlsx/submissionContent.js';
import { type BrowserCatalogue, catalogueOf } from './browserCatalogue.js';

/** What to check: the file, and the dataset, quarter and unit it is for. */
export interface FileCheckRequest {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly datasetId: string;
  readonly period: string;
  /** The token's unit, or '' before a token is given. */
  readonly unitCode: string;
  readonly catalogue: BrowserCatalogue;
}

/** The report, and the first normalized rows of an accepted file. */
export interface FileCheck {
  readonly report: ValidationReport;
  readonly preview: readonly NormalizedRow[];
}

/** Normalized rows shown under the report. */
const PREVIEW_ROWS = 20;

/**
 * A workbook's sheets in the browser: exceljs (its streaming reader needs
 * Node) loads the workbook in memory, fetched only when a workbook is
 * dropped. The records then go through the server's own `workbookRecords`.
 */
const browserWorkbook = (bytes: Uint8Array) =>
  loadedWorkbook(async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      bytes.buffer.slice(
        bytes.byteOffset,
        bytes.byteOffset + bytes.byteLength,
      ) as ArrayBuffer,
    );
    return workbook;
  });

/** Checks one file as the ingest would; `onProgress` is told the share of a CSV read so far (0–1). */
const checkFile = async (
  request: FileCheckRequest,
  onProgress: (share: number) => void = () => {},
): Promise<FileCheck> => {
  const catalogue = catalogueOf(request.catalogue);
  const schema = catalogue.schemas.get(request.datasetId);
  const period = parsePeriod(request.period);
  if (!schema || !period) {
    throw new Error(
      `unknown dataset or quarter: ${request.datasetId} ${request.period}`,
    );
  }
  const { bytes, name } = request;
  const kind = sniffContent(bytes);
  // The ingest's own decoding: encodings, control characters, NFC.
  const decoding = createTextDecoding();
  const opened =
    kind === 'text'
      ? csvContent(
          decodedText(bytes, decoding, (read) =>
            onProgress(read / bytes.length),
          ),
          name,
        )
      : openWorkbookContent(bytes, kind, {
          schema,
          sheetsOf: browserWorkbook,
        });
  const preview: NormalizedRow[] = [];
  const sink: RowSink = {
    write: async (batch) => {
      if (preview.length < PREVIEW_ROWS) {
        preview.push(...batch.slice(0, PREVIEW_ROWS - preview.length));
      }
    },
    commit: async () => {},
    discard: async () => {},
  };
  const checked = await checkOpenedContent(
    opened,
    {
      schema,
      units: catalogue.units,
      indicators: catalogue.indicators,
      grants: catalogue.grants,
      unitCode: request.unitCode,
      period,
      maxRows: 1_000_000,
    },
    () => sink,
    decoding,
  );
  const report = buildReport({
    submission: {
      id: 'browser',
      key: name,
      receivedAt: new Date().toISOString(),
    },
    bytes: bytes.length,
    encoding: checked.encoding,
    findings: checked.findings,
    ...(checked.content && { content: checked.content }),
  });
  return { report, preview: report.status === 'rejected' ? [] : preview };
};

export { checkFile };
