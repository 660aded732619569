import { createHash } from 'node:crypto';
import type { DatasetSchema, NormalizedRow } from '../schema/types.js';
import { csvBody } from './csvBody.js';
import type { DatasetMetadata, PublishedFile } from './types.js';
import { buildXlsx, DATA_SHEET } from './xlsxFile.js';

/** Media types of the published files. */
const MEDIA_TYPES = {
  csv: 'text/csv',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Lowercase hex SHA-256 of a body. */
const sha256Of = (body: Buffer | string): string =>
  createHash('sha256').update(body).digest('hex');

/** A cell as JSON: numbers for numeric fields, null when missing. */
const jsonValue = (type: string, value: string): string | number | null => {
  if (value === '') return null;
  return type === 'integer' || type === 'number' ? Number(value) : value;
};

/** A value as pretty-printed UTF-8 JSON with a final newline. */
const jsonBody = (value: unknown): Buffer =>
  Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/**
 * Builds a dataset's data files, named after it: a formula-safe UTF-8 CSV,
 * a JSON array and an Excel workbook dated `modified`. The same rows always
 * give the same bytes.
 */
const buildDataFiles = async (
  schema: DatasetSchema,
  rows: readonly NormalizedRow[],
  options: { readonly modified: Date; readonly creator: string },
): Promise<PublishedFile[]> => {
  const id = schema['x-dataset'].id;
  const columns = schema.fields.map((f) => f.name);
  const textFields = new Set(
    schema.fields.filter((f) => f.type === 'string').map((f) => f.name),
  );
  const csv = await csvBody(rows, columns, textFields);
  const json = Buffer.from(
    `${JSON.stringify(
      rows.map((row) =>
        Object.fromEntries(
          schema.fields.map((f) => [
            f.name,
            jsonValue(f.type, row[f.name] ?? ''),
          ]),
        ),
      ),
      null,
      1,
    )}\n`,
    'utf8',
  );
  const xlsx = await buildXlsx(schema, rows, options);
  return [
    {
      path: `${id}.csv`,
      body: csv,
      contentType: `${MEDIA_TYPES.csv}; charset=utf-8`,
    },
    {
      path: `${id}.json`,
      body: json,
      contentType: `${MEDIA_TYPES.json}; charset=utf-8`,
    },
    { path: `${id}.xlsx`, body: xlsx, contentType: MEDIA_TYPES.xlsx },
  ];
};

/**
 * The Frictionless Data Package v2 descriptor of a dataset. Without
 * `release`, the version and creation time are left out: that form is what
 * the release content hash covers.
 */
const dataPackageDescriptor = (
  meta: DatasetMetadata,
  release?: { readonly version: string; readonly created: string },
): Record<string, unknown> => {
  const { publisher, license } = meta.publisher;
  const file = (key: string) => {
    const d = meta.distributions.find((x) => x.key === key);
    if (!d) throw new Error(`No ${key} distribution for ${meta.name}`);
    return d;
  };
  const common = (key: string) => {
    const d = file(key);
    return {
      path: d.path,
      title: d.title.vi,
      description: `${d.description.vi} / ${d.description.en}`,
      format: key,
      mediatype: d.mediaType,
      ...(key !== 'xlsx' && { encoding: 'utf-8' }),
      bytes: d.bytes,
      hash: `sha256:${d.sha256}`,
    };
  };
  return {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: meta.name,
    id: meta.landingPage,
    title: meta.title.vi,
    description: `${meta.description.vi}\n\n${meta.description.en}`,
    ...(release && { version: release.version, created: release.created }),
    homepage: meta.landingPage,
    keywords: [...meta.keywords.vi, ...meta.keywords.en],
    licenses: [{ name: license.id, path: license.url, title: license.title }],
    contributors: [
      {
        title: publisher.title.vi,
        path: publisher.homepage,
        email: publisher.email,
        organization: publisher.parent.vi,
        roles: ['publisher'],
      },
    ],
    ...(meta.derivedFrom.length > 0 && {
      sources: meta.derivedFrom.map((source) => ({
        title: source,
        path: `${meta.publisher.siteUrl}datasets/${source}/datapackage.json`,
      })),
    }),
    resources: [
      {
        name: meta.name,
        type: 'table',
        ...common('csv'),
        dialect: { delimiter: ',', lineTerminator: '\n', header: true },
        schema: meta.schema,
      },
      { name: `${meta.name}-json`, ...common('json') },
      {
        name: `${meta.name}-xlsx`,
        ...common('xlsx'),
        dialect: { sheetName: DATA_SHEET, header: true },
      },
    ],
  };
};

/** The `datapackage.json` file of a dataset. */
const buildDataPackage = (
  meta: DatasetMetadata,
  release?: { readonly version: string; readonly created: string },
): PublishedFile => ({
  path: 'datapackage.json',
  body: jsonBody(dataPackageDescriptor(meta, release)),
  contentType: 'application/json; charset=utf-8',
});

export {
  buildDataFiles,
  buildDataPackage,
  dataPackageDescriptor,
  jsonBody,
  MEDIA_TYPES,
  sha256Of,
};
