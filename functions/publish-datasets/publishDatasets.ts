import type {
  AggregateItem,
  SubmissionItem,
} from '../shared/aws/pipelineTable.js';
import { parseTable } from '../shared/csvTable.js';
import { buildLedger } from '../shared/ledger/submissionLedger.js';
import { buildDatasetFiles } from '../shared/publish/datasetFiles.js';
import type { Catalogue } from '../shared/schema/loadSchemas.js';
import type { DatasetSchema } from '../shared/schema/types.js';
import type { NormalizedRow } from '../shared/validation/types.js';

/** The ports the publisher works through. */
export interface PublishDeps {
  readonly catalogue: Catalogue;
  listPeriods(datasetId: string): Promise<string[]>;
  listCurrent(period: string, datasetId: string): Promise<SubmissionItem[]>;
  listAggregates(period: string, datasetId: string): Promise<AggregateItem[]>;
  listLedger(period: string): Promise<SubmissionItem[]>;
  readonly deadlineDay?: number;
  readCurated(key: string): Promise<string>;
  putPublic(path: string, body: Buffer, contentType: string): Promise<void>;
}

/** What was published, per dataset. */
export interface PublishSummary {
  readonly datasets: { datasetId: string; rows: number; files: string[] }[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const submittedRows = async (
  datasetId: string,
  deps: PublishDeps,
): Promise<NormalizedRow[]> => {
  const rows: NormalizedRow[] = [];
  for (const period of (await deps.listPeriods(datasetId)).sort(byText)) {
    const current = (await deps.listCurrent(period, datasetId)).sort((a, b) =>
      byText(a.unitCode, b.unitCode),
    );
    for (const submission of current) {
      if (!submission.normalizedKey) continue;
      rows.push(
        ...parseTable(await deps.readCurated(submission.normalizedKey)),
      );
    }
  }
  return rows;
};

const derivedRows = async (
  schema: DatasetSchema,
  deps: PublishDeps,
): Promise<NormalizedRow[]> => {
  const meta = schema['x-dataset'];
  const source = meta.derivedFrom?.[0] ?? '';
  const rows: NormalizedRow[] = [];
  for (const period of (await deps.listPeriods(source)).sort(byText)) {
    const aggregates = await deps.listAggregates(period, meta.id);
    rows.push(
      ...aggregates
        .sort((a, b) => byText(a.group, b.group))
        .map((a) => a.values),
    );
  }
  return rows;
};

const LEDGER_STATE = {
  'on-time': 'dung_han',
  late: 'muon',
  rejected: 'bi_tu_choi',
  missing: 'chua_nop',
} as const;

const ledgerRows = async (deps: PublishDeps): Promise<NormalizedRow[]> => {
  const periods = new Set<string>();
  for (const schema of deps.catalogue.schemas.values()) {
    if (schema['x-dataset'].kind !== 'submission') continue;
    for (const p of await deps.listPeriods(schema['x-dataset'].id)) {
      periods.add(p);
    }
  }
  const rows: NormalizedRow[] = [];
  for (const period of [...periods].sort(byText)) {
    const ledgers = buildLedger(
      deps.catalogue,
      period,
      await deps.listLedger(period),
      { deadlineDay: deps.deadlineDay },
    );
    for (const ledger of ledgers) {
      for (const s of ledger.submitters) {
        rows.push({
          ky_bao_cao: period,
          ma_bo_du_lieu: ledger.datasetId,
          ma_don_vi: s.unitCode,
          ten_don_vi: s.unitName,
          tinh_trang: LEDGER_STATE[s.state],
          thoi_gian_nop: s.receivedAt ?? '',
          han_nop: ledger.deadline,
          so_lan_nop: String(s.uploads),
        });
      }
    }
  }
  return rows;
};

/**
 * Republishes every dataset of the catalogue as open data under
 * `datasets/<name>/`: unit-level rows of submitted datasets, consolidated
 * rows of derived ones. Output is ordered by period, unit and key, so the
 * same state always publishes the same bytes.
 */
const publishDatasets = async (deps: PublishDeps): Promise<PublishSummary> => {
  const datasets: PublishSummary['datasets'] = [];
  for (const schema of deps.catalogue.schemas.values()) {
    const meta = schema['x-dataset'];
    const rows =
      meta.kind === 'derived'
        ? await derivedRows(schema, deps)
        : meta.kind === 'ledger'
          ? await ledgerRows(deps)
          : await submittedRows(meta.id, deps);
    const files = buildDatasetFiles(schema, rows);
    for (const file of files) {
      await deps.putPublic(
        `datasets/${meta.id}/${file.path}`,
        file.body,
        file.contentType,
      );
    }
    datasets.push({
      datasetId: meta.id,
      rows: rows.length,
      files: files.map((f) => `datasets/${meta.id}/${f.path}`),
    });
  }
  return { datasets };
};

export { publishDatasets };
