import { byText } from '../byText.js';
import { parsePeriod, periodEnd, periodStart } from '../period.js';
import type {
  Bilingual,
  DatasetSchema,
  NormalizedRow,
} from '../schema/types.js';
import { sha256Of } from './datasetFiles.js';
import { openDataMetaOf } from './publisherInfo.js';
import { periodField } from './releases.js';
import type {
  DatasetMetadata,
  Distribution,
  PublishedFile,
  PublisherInfo,
  Release,
} from './types.js';
import { euUri, FREQUENCIES } from './vocabularies.js';

/** How each kind of published file is described, whatever the dataset. */
const DISTRIBUTION_KINDS: Readonly<
  Record<
    string,
    {
      readonly title: Bilingual;
      readonly description: Bilingual;
      readonly format: string;
      readonly euFileType: string;
      readonly mediaType: string;
    }
  >
> = {
  csv: {
    title: { vi: 'Dữ liệu CSV', en: 'CSV data' },
    description: {
      vi: 'Tệp CSV mã UTF-8 theo RFC 4180, phân cách bằng dấu phẩy, dòng đầu là tên trường.',
      en: 'UTF-8 CSV file (RFC 4180), comma-separated, with a header row of field names.',
    },
    format: 'CSV',
    euFileType: 'CSV',
    mediaType: 'text/csv',
  },
  json: {
    title: { vi: 'Dữ liệu JSON', en: 'JSON data' },
    description: {
      vi: 'Mảng JSON các bản ghi; số ghi dạng số, ô trống là null.',
      en: 'JSON array of records; numbers as numbers, missing values as null.',
    },
    format: 'JSON',
    euFileType: 'JSON',
    mediaType: 'application/json',
  },
  xlsx: {
    title: { vi: 'Bảng tính Excel', en: 'Excel workbook' },
    description: {
      vi: 'Tệp Excel (XLSX) gồm trang dữ liệu và trang mô tả các trường.',
      en: 'Excel (XLSX) workbook with a data sheet and a sheet describing the fields.',
    },
    format: 'XLSX',
    euFileType: 'XLSX',
    mediaType:
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  datapackage: {
    title: {
      vi: 'Mô tả gói dữ liệu (Frictionless)',
      en: 'Data package descriptor (Frictionless)',
    },
    description: {
      vi: 'datapackage.json theo chuẩn Frictionless Data Package v2: lược đồ bảng, kích thước và mã băm SHA-256 của các tệp.',
      en: 'Frictionless Data Package v2 descriptor: table schema, sizes and SHA-256 hashes of the files.',
    },
    format: 'JSON',
    euFileType: 'JSON',
    mediaType: 'application/json',
  },
};

/** The quarters present in a dataset's rows, in order. */
const periodsOf = (
  schema: DatasetSchema,
  rows: readonly NormalizedRow[],
): string[] => {
  const field = periodField(schema);
  if (!field) return [];
  const periods = new Set<string>();
  for (const row of rows) {
    const p = row[field];
    if (p && parsePeriod(p)) periods.add(p);
  }
  return [...periods].sort(byText);
};

/** Describes one published file of a dataset as a distribution. */
const distributionOf = (
  info: PublisherInfo,
  name: string,
  key: string,
  file: PublishedFile,
): Distribution => {
  const kind = DISTRIBUTION_KINDS[key];
  if (!kind) throw new Error(`No distribution kind ${key}`);
  return {
    key,
    path: file.path,
    url: `${info.siteUrl}datasets/${name}/${file.path}`,
    title: kind.title,
    description: kind.description,
    format: kind.format,
    mediaType: kind.mediaType,
    euFileType: kind.euFileType,
    bytes: file.body.length,
    sha256: sha256Of(file.body),
  };
};

/**
 * Builds the one metadata model of a dataset from its schema's `x-dataset`
 * block, `publisher.json`, its rows, its files (keyed `csv`, `json`, `xlsx`,
 * `datapackage`) and its releases, newest first.
 */
const buildDatasetMetadata = (input: {
  readonly schema: DatasetSchema;
  readonly info: PublisherInfo;
  readonly rows: readonly NormalizedRow[];
  readonly files: readonly {
    readonly key: string;
    readonly file: PublishedFile;
  }[];
  readonly releases: readonly Release[];
}): DatasetMetadata => {
  const { schema, info, rows, releases } = input;
  const meta = schema['x-dataset'];
  const open = openDataMetaOf(schema, info);
  const periods = periodsOf(schema, rows);
  const first = parsePeriod(periods[0] ?? '');
  const last = parsePeriod(periods[periods.length - 1] ?? '');
  const frequency = FREQUENCIES[open.frequency ?? 'quarterly'];
  if (!frequency) throw new Error(`Unknown frequency ${open.frequency}`);
  return {
    name: meta.id,
    kind: meta.kind,
    title: meta.title,
    description: meta.description,
    keywords: open.keywords ?? { vi: [], en: [] },
    themes: (open.theme ?? []).flatMap((t) =>
      info.domains.filter((d) => d.name === t),
    ),
    frequency: {
      code: frequency.code,
      euUri: euUri('frequency', frequency.code),
      title: frequency.title,
    },
    ...(first &&
      last && {
        temporal: { start: periodStart(first), end: periodEnd(last) },
      }),
    periods,
    rows: rows.length,
    version: releases[0]?.version ?? '',
    issued: releases[releases.length - 1]?.published ?? '',
    modified: releases[0]?.published ?? '',
    landingPage: `${info.siteUrl}datasets/${meta.id}/index.html`,
    distributions: input.files.map((f) =>
      distributionOf(info, meta.id, f.key, f.file),
    ),
    derivedFrom: meta.derivedFrom ?? [],
    releases,
    schema,
    publisher: info,
  };
};

export { buildDatasetMetadata, DISTRIBUTION_KINDS, periodsOf };
