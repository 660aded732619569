import { parsePeriod, periodEnd } from '../period.js';
import { buildReportFiles, reportsSection } from '../report/reportFiles.js';
import type { AppendixModel } from '../report/types.js';
import type {
  Bilingual,
  DatasetSchema,
  NormalizedRow,
} from '../schema/types.js';
import type { ApprovalEvent } from '../signoff/periodApproval.js';
import {
  datasetFeed,
  datasetFeedPath,
  feedLink,
  SITE_FEED,
  siteFeed,
} from './atomFeed.js';
import { buildCharts } from './charts.js';
import { buildCkanFiles } from './ckanPackages.js';
import {
  buildDataFiles,
  buildDataPackage,
  jsonBody,
  sha256Of,
} from './datasetFiles.js';
import { buildDatasetMetadata, periodsOf } from './datasetMetadata.js';
import { buildCatalogFiles } from './dcatCatalog.js';
import { bi } from './html.js';
import {
  type SubmitPageAssets,
  submitPageFiles,
} from './page/submitPageFiles.js';
import { openDataMetaOf } from './publisherInfo.js';
import { changelogMarkdown, contentHashOf, planRelease } from './releases.js';
import { schemaOrgCatalog, schemaOrgDataset } from './schemaOrg.js';
import { signOffMarkdown } from './signOffNotes.js';
import { datasetPage, indexPage, siteAssets } from './sitePages.js';
import { buildTemplateFiles } from './templateFiles.js';
import type {
  DatasetMetadata,
  PublishedFile,
  PublisherInfo,
  ReleaseManifest,
} from './types.js';

/** One dataset to publish: its schema, its rows and what the bucket holds of its last release. */
export interface SiteDataset {
  readonly schema: DatasetSchema;
  readonly rows: readonly NormalizedRow[];
  readonly previous?: {
    readonly manifest: ReleaseManifest;
    readonly csv?: string;
  };
  /** Approvals and reopenings of its quarters, oldest first (derived datasets). */
  readonly signOffs?: readonly ApprovalEvent[];
}

/** Everything the site is built from; `now` dates a release only if content changed. */
export interface SiteInput {
  readonly info: PublisherInfo;
  readonly datasets: readonly SiteDataset[];
  readonly now: Date;
  readonly unitName?: (code: string, period: string) => string | undefined;
  readonly indicatorName?: (code: string) => Bilingual | undefined;
  /** The Committee's appendix of each quarter, published under `bao-cao/<YYYY-Qn>/`. */
  readonly reports?: readonly AppendixModel[];
  /** The submission page `nop-bao-cao/`, when its script was built. */
  readonly page?: SubmitPageAssets;
}

/** What was built for one dataset. */
export interface SiteDatasetSummary {
  readonly datasetId: string;
  readonly rows: number;
  readonly version: string;
  /** Whether this run made a new release. */
  readonly released: boolean;
  readonly files: string[];
}

const DATA_KEYS = ['csv', 'json', 'xlsx'] as const;
/** The consolidated dataset whose page links the quarterly reports. */
const CONSOLIDATED_INDICATORS = 'tong-hop-chi-tieu-cds';
const EPOCH = new Date('2000-01-01T00:00:00Z');

/** The data's own date: the end of its last quarter, so the workbook's dates follow the data, not the clock. */
const dataDate = (periods: readonly string[]): Date => {
  const last = parsePeriod(periods[periods.length - 1] ?? '');
  return last ? new Date(`${periodEnd(last)}T00:00:00Z`) : EPOCH;
};

const withPrefix = (prefix: string, file: PublishedFile): PublishedFile => ({
  ...file,
  path: `${prefix}${file.path}`,
});

const buildDataset = async (input: SiteInput, dataset: SiteDataset) => {
  const { schema, rows } = dataset;
  const { info } = input;
  const name = schema['x-dataset'].id;
  const periods = periodsOf(schema, rows);
  const data = await buildDataFiles(schema, rows, {
    modified: dataDate(periods),
    creator: info.publisher.title.vi,
  });
  const keyed = data.map((file, i) => ({ key: DATA_KEYS[i] ?? 'csv', file }));
  const releaseFiles = data.map((f) => ({
    path: f.path,
    bytes: f.body.length,
    hash: `sha256:${sha256Of(f.body)}`,
  }));
  const draft = buildDatasetMetadata({
    schema,
    info,
    rows,
    files: keyed,
    releases: [],
  });
  const contentHash = contentHashOf(releaseFiles, buildDataPackage(draft).body);
  const plan = planRelease(
    {
      name,
      schema,
      files: releaseFiles,
      contentHash,
      csv: data[0]?.body.toString('utf8') ?? '',
      rows: rows.length,
      periods,
    },
    dataset.previous,
    input.now,
  );
  const described = buildDatasetMetadata({
    schema,
    info,
    rows,
    files: keyed,
    releases: plan.manifest.releases,
  });
  const datapackage = buildDataPackage(described, {
    version: plan.release.version,
    created: plan.release.published,
  });
  const meta: DatasetMetadata = buildDatasetMetadata({
    schema,
    info,
    rows,
    files: [...keyed, { key: 'datapackage', file: datapackage }],
    releases: plan.manifest.releases,
  });
  const packageFiles = [...data, datapackage];
  const dir = `datasets/${name}/`;
  const files: PublishedFile[] = [
    ...(plan.isNew
      ? packageFiles.map((f) =>
          withPrefix(`${dir}releases/${plan.release.version}/`, f),
        )
      : []),
    ...packageFiles.map((f) => withPrefix(dir, f)),
    {
      path: `${dir}CHANGELOG.md`,
      body: Buffer.from(
        changelogMarkdown(plan.manifest, meta.title) +
          signOffMarkdown(dataset.signOffs ?? []),
        'utf8',
      ),
      contentType: 'text/markdown; charset=utf-8',
    },
    {
      path: `${dir}releases/index.json`,
      body: jsonBody(plan.manifest),
      contentType: 'application/json; charset=utf-8',
    },
  ];
  return {
    meta,
    rows,
    files,
    released: plan.isNew,
    signOffs: dataset.signOffs ?? [],
  };
};

/**
 * Builds the whole public site from the datasets' rows and the state of
 * their last releases: per dataset the data files (CSV, JSON, XLSX),
 * datapackage.json, a release folder when the content changed, the release
 * manifest, the changelog and a page; then the DCAT-AP catalogue, the CKAN
 * API mirror and the index page. The same input gives the same bytes.
 */
const buildSite = async (
  input: SiteInput,
): Promise<{ files: PublishedFile[]; datasets: SiteDatasetSummary[] }> => {
  const built = [];
  for (const dataset of input.datasets)
    built.push(await buildDataset(input, dataset));
  const metas = built.map((b) => b.meta);
  const titleOf = (name: string) => metas.find((m) => m.name === name)?.title;
  const reports = input.reports ?? [];
  const follow = (href: string) =>
    `<p>${bi({ vi: 'Theo dõi các phiên bản mới', en: 'Follow new releases' })}: <a href="${href}">Atom</a></p>\n`;
  const pages = built.map((b) =>
    datasetPage(b.meta, {
      rows: b.rows,
      charts: buildCharts(
        openDataMetaOf(b.meta.schema, input.info).charts ?? [],
        {
          schema: b.meta.schema,
          rows: b.rows,
          periods: b.meta.periods,
          unitName: input.unitName,
          indicatorName: input.indicatorName,
        },
      ),
      jsonLd: schemaOrgDataset(b.meta),
      titleOf,
      signOffs: b.signOffs,
      head: feedLink(
        datasetFeedPath(b.meta.name),
        `${b.meta.title.vi} (Atom)`,
        '../../',
      ),
      more: `${follow('feed.atom')}${b.meta.name === CONSOLIDATED_INDICATORS ? reportsSection(reports, '../../') : ''}`,
    }),
  );
  const feeds = built.map((b) => datasetFeed(b.meta));
  const files = [
    ...built.flatMap((b) => b.files),
    ...pages,
    ...buildCatalogFiles(input.info, metas),
    ...buildCkanFiles(input.info, metas),
    ...siteAssets(),
    ...feeds,
    siteFeed(input.info, metas),
    ...(await buildReportFiles(input.info, reports)),
    ...(await buildTemplateFiles(input.datasets.map((d) => d.schema))),
    ...(input.page ? submitPageFiles(input.page) : []),
    indexPage(input.info, metas, schemaOrgCatalog(input.info, metas), {
      head: feedLink(SITE_FEED, `${input.info.catalog.title.vi} (Atom)`, ''),
      main: `${reportsSection(reports, '')}${follow(SITE_FEED)}`,
    }),
  ];
  return {
    files,
    datasets: built.map((b) => ({
      datasetId: b.meta.name,
      rows: b.rows.length,
      version: b.meta.version,
      released: b.released,
      files: b.files
        .concat(
          [...pages, ...feeds].filter((p) =>
            p.path.startsWith(`datasets/${b.meta.name}/`),
          ),
        )
        .map((f) => f.path),
    })),
  };
};

export { buildSite };
