import type { AggregateItem } from '../shared/aws/table/aggregates.js';
import { byText } from '../shared/byText.js';
import type { SubmissionRecord } from '../shared/ledger/submissionLedger.js';
import { buildLedger } from '../shared/ledger/submissionLedger.js';
import { parsePeriod } from '../shared/period.js';
import {
  buildSite,
  type SiteDataset,
  type SiteDatasetSummary,
} from '../shared/publish/buildSite.js';
import {
  cacheControlOf,
  isReleaseFile,
} from '../shared/publish/cacheControl.js';
import { codeListRows } from '../shared/publish/codeLists.js';
import { invalidationPaths } from '../shared/publish/invalidationPaths.js';
import type { SubmitPageAssets } from '../shared/publish/page/submitPageFiles.js';
import {
  createInputBudget,
  DEFAULT_PUBLISH_INPUT_BYTES,
  type InputBudget,
  type PublishInputUsage,
} from '../shared/publish/publishBudget.js';
import { readNormalizedRows } from '../shared/publish/readNormalized.js';
import type {
  PublisherInfo,
  ReleaseManifest,
} from '../shared/publish/types.js';
import {
  CONSOLIDATED_INDICATORS,
  loadAppendix,
  signOffLookup,
} from '../shared/report/loadAppendix.js';
import type { AppendixModel } from '../shared/report/types.js';
import type { Catalogue } from '../shared/schema/loadSchemas.js';
import type { DatasetSchema, NormalizedRow } from '../shared/schema/types.js';
import {
  type ApprovalEvent,
  approvalInForce,
  dataStatusOf,
} from '../shared/signoff/periodApproval.js';

/** The ports the publisher works through. */
export interface PublishDeps {
  readonly catalogue: Catalogue;
  listPeriods(datasetId: string): Promise<string[]>;
  listCurrent(period: string, datasetId: string): Promise<SubmissionRecord[]>;
  listAggregates(period: string, datasetId: string): Promise<AggregateItem[]>;
  listLedger(period: string): Promise<SubmissionRecord[]>;
  readonly deadlineDay?: number;
  /** Catalogue-wide metadata from `schemas/reference/publisher.json`. */
  readonly info: PublisherInfo;
  /** A normalized CSV's bytes, streamed. */
  openCurated(key: string): Promise<AsyncIterable<Uint8Array | string>>;
  /** Bytes of normalized CSV one run may read. @default DEFAULT_PUBLISH_INPUT_BYTES (32 MiB) */
  readonly maxInputBytes?: number;
  /** A public object's text, or undefined when it does not exist. */
  readPublic(key: string): Promise<string | undefined>;
  putPublic(
    path: string,
    body: Buffer,
    contentType: string,
    options: { readonly cacheControl: string },
  ): Promise<void>;
  /** Writes a release file unless one is already there; false when it was. */
  putPublicIfAbsent(
    path: string,
    body: Buffer,
    contentType: string,
    options: { readonly cacheControl: string },
  ): Promise<boolean>;
  /** The time a new release is dated with. */
  now(): Date;
  /** The submission page's script and catalogue; without them the page is not published. */
  readonly page?: SubmitPageAssets;
  /** Approvals and reopenings of a quarter, oldest first (issue #14, sign-off). */
  listSignOffs?(period: string): Promise<ApprovalEvent[]>;
}

/** What was published, per dataset, and every file written. */
export interface PublishSummary {
  readonly datasets: SiteDatasetSummary[];
  readonly files: number;
  /** Normalized input read, against its budget. */
  readonly input: PublishInputUsage;
  /** CloudFront paths whose cached copies this run made stale. */
  readonly invalidate: string[];
}

const submittedRows = async (
  datasetId: string,
  deps: PublishDeps,
  budget: InputBudget,
): Promise<NormalizedRow[]> => {
  const rows: NormalizedRow[] = [];
  for (const period of (await deps.listPeriods(datasetId)).sort(byText)) {
    const current = (await deps.listCurrent(period, datasetId)).sort((a, b) =>
      byText(a.unitCode, b.unitCode),
    );
    for (const submission of current) {
      if (!submission.normalizedKey) continue;
      const read = await readNormalizedRows(
        await deps.openCurated(submission.normalizedKey),
        (bytes) => budget.charge(datasetId, bytes),
      );
      // One push per row: spreading a large array overflows the call stack.
      for (const row of read) rows.push(row);
    }
  }
  return rows;
};

const derivedRows = async (
  schema: DatasetSchema,
  deps: PublishDeps,
): Promise<{ rows: NormalizedRow[]; signOffs: ApprovalEvent[] }> => {
  const meta = schema['x-dataset'];
  const source = meta.derivedFrom?.[0] ?? '';
  const rows: NormalizedRow[] = [];
  const signOffs: ApprovalEvent[] = [];
  for (const period of (await deps.listPeriods(source)).sort(byText)) {
    const aggregates = await deps.listAggregates(period, meta.id);
    const events = (await deps.listSignOffs?.(period)) ?? [];
    signOffs.push(...events);
    const status = dataStatusOf(approvalInForce(events));
    rows.push(
      ...aggregates
        .sort((a, b) => byText(a.group, b.group))
        .map((a) => ({ ...a.values, trang_thai_so_lieu: status })),
    );
  }
  return { rows, signOffs };
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

/** The dataset's last release as the public bucket holds it, if any. */
const previousRelease = async (
  datasetId: string,
  deps: PublishDeps,
): Promise<SiteDataset['previous']> => {
  const manifest = await deps.readPublic(
    `datasets/${datasetId}/releases/index.json`,
  );
  if (manifest === undefined) return undefined;
  const parsed = JSON.parse(manifest) as ReleaseManifest;
  const csv = await deps.readPublic(
    `datasets/${datasetId}/releases/${parsed.latest}/${datasetId}.csv`,
  );
  return { manifest: parsed, ...(csv !== undefined && { csv }) };
};

/**
 * Republishes the open-data site: unit-level rows of submitted datasets,
 * consolidated rows of derived ones and the submission ledger, each with
 * CSV, JSON, XLSX and datapackage.json, a new release only when its content
 * changed, the DCAT-AP catalogue, the CKAN API mirror and the pages. Rows
 * are ordered by period, unit and key, so the same state always publishes
 * the same bytes.
 */
const publishDatasets = async (deps: PublishDeps): Promise<PublishSummary> => {
  // Every dataset is read before anything is written: a run over budget
  // throws here and publishes nothing, rather than a partial dataset.
  const budget = createInputBudget(
    deps.maxInputBytes ?? DEFAULT_PUBLISH_INPUT_BYTES,
  );
  const datasets: SiteDataset[] = [];
  for (const schema of deps.catalogue.schemas.values()) {
    const meta = schema['x-dataset'];
    const derived =
      meta.kind === 'derived' ? await derivedRows(schema, deps) : undefined;
    const rows =
      derived?.rows ??
      (meta.kind === 'ledger'
        ? await ledgerRows(deps)
        : meta.kind === 'codelist'
          ? codeListRows(deps.catalogue, meta.id)
          : await submittedRows(meta.id, deps, budget));
    datasets.push({
      schema,
      rows,
      previous: await previousRelease(meta.id, deps),
      ...(derived && { signOffs: derived.signOffs }),
    });
  }
  const { catalogue } = deps;
  const reports: AppendixModel[] = [];
  const source =
    catalogue.schemas.get(CONSOLIDATED_INDICATORS)?.['x-dataset']
      .derivedFrom?.[0] ?? '';
  // A quarter's appendix is official once signed off; provisional otherwise.
  const signOffOf =
    deps.listSignOffs && signOffLookup(deps.listSignOffs.bind(deps));
  for (const period of (await deps.listPeriods(source)).sort(byText)) {
    const model = await loadAppendix(period, {
      ...deps,
      ...(signOffOf && { signOffOf }),
    });
    if (model) reports.push(model);
  }
  const site = await buildSite({
    reports,
    info: deps.info,
    datasets,
    now: deps.now(),
    ...(deps.page && { page: deps.page }),
    unitName: (code, period) => {
      const p = parsePeriod(period);
      const resolved = p ? catalogue.units.resolve(code, p) : undefined;
      return resolved?.status === 'valid' ? resolved.unit.name : undefined;
    },
    indicatorName: (code) => {
      const indicator = catalogue.indicators.get(code);
      return indicator && { vi: indicator.name, en: indicator.nameEn };
    },
  });
  for (const file of site.files) {
    const options = { cacheControl: cacheControlOf(file.path) };
    if (isReleaseFile(file.path)) {
      // A release, once written, is never overwritten (If-None-Match: *).
      await deps.putPublicIfAbsent(
        file.path,
        file.body,
        file.contentType,
        options,
      );
    } else {
      await deps.putPublic(file.path, file.body, file.contentType, options);
    }
  }
  return {
    datasets: site.datasets,
    files: site.files.length,
    input: budget.usage(),
    invalidate: invalidationPaths(site.datasets),
  };
};

export { publishDatasets };
