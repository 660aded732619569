import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { DatasetSchema } from '../schema/types.js';
import type { NormalizedRow } from '../validation/types.js';
import { csvOptions } from './csvFormat.js';
import { neutraliseFormula } from './safeCell.js';

/** One file of a published dataset folder. */
export interface PublishedFile {
  readonly path: string;
  readonly body: Buffer;
  readonly contentType: string;
}

const LICENSE = {
  name: 'CC-BY-4.0',
  path: 'https://creativecommons.org/licenses/by/4.0/',
  title: 'Creative Commons Attribution 4.0',
};

const hashOf = (body: Buffer) =>
  `sha256:${createHash('sha256').update(body).digest('hex')}`;

/** A cell as JSON: numbers for numeric fields, null when missing. */
const jsonValue = (type: string, value: string): string | number | null => {
  if (value === '') return null;
  return type === 'integer' || type === 'number' ? Number(value) : value;
};

/**
 * Builds a dataset's published files: CSV (formula-safe), JSON and a
 * Frictionless `datapackage.json` whose table schema is the one in `schemas/`.
 * The same rows always give the same bytes.
 */
const buildDatasetFiles = (
  schema: DatasetSchema,
  rows: readonly NormalizedRow[],
): PublishedFile[] => {
  const meta = schema['x-dataset'];
  const columns = schema.fields.map((f) => f.name);
  const textFields = schema.fields
    .filter((f) => f.type === 'string')
    .map((f) => f.name);
  const safeRows = rows.map((row) => {
    const copy: Record<string, string> = { ...row };
    for (const name of textFields)
      copy[name] = neutraliseFormula(row[name] ?? '');
    return copy;
  });
  const csv = Buffer.from(stringify(safeRows, csvOptions(columns)), 'utf8');
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
  const descriptor = {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: meta.id,
    title: meta.title.vi,
    description: `${meta.description.vi}\n\n${meta.description.en}`,
    licenses: [LICENSE],
    resources: [
      {
        name: meta.id,
        type: 'table',
        path: `${meta.id}.csv`,
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        bytes: csv.length,
        hash: hashOf(csv),
        dialect: { delimiter: ',', lineTerminator: '\n', header: true },
        schema,
      },
      {
        name: `${meta.id}-json`,
        path: `${meta.id}.json`,
        format: 'json',
        mediatype: 'application/json',
        encoding: 'utf-8',
        bytes: json.length,
        hash: hashOf(json),
      },
    ],
  };
  return [
    {
      path: `${meta.id}.csv`,
      body: csv,
      contentType: 'text/csv; charset=utf-8',
    },
    {
      path: `${meta.id}.json`,
      body: json,
      contentType: 'application/json; charset=utf-8',
    },
    {
      path: 'datapackage.json',
      body: Buffer.from(`${JSON.stringify(descriptor, null, 2)}\n`, 'utf8'),
      contentType: 'application/json; charset=utf-8',
    },
  ];
};

export { buildDatasetFiles };
