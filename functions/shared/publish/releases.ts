import { createHash } from 'node:crypto';
import { byText } from '../byText.js';
import { parseTable } from '../csvTable.js';
import type { DatasetSchema } from '../schema/types.js';
import type {
  PeriodChange,
  Release,
  ReleaseChanges,
  ReleaseFile,
  ReleaseManifest,
} from './types.js';

/** The field that holds a row's quarter, if the schema has one. */
const periodField = (schema: DatasetSchema): string | undefined =>
  schema.fields.find((f) => f['x-role'] === 'period')?.name ??
  schema.fields.find((f) => f.name === 'ky_bao_cao')?.name;

/** Hash over a release's files and its version-free descriptor. */
const contentHashOf = (
  files: readonly ReleaseFile[],
  descriptor: Buffer,
): string => {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.path} ${f.hash}\n`);
  hash.update('datapackage.json ').update(descriptor);
  return `sha256:${hash.digest('hex')}`;
};

// Field names are snake_case, so the header line needs no CSV unquoting.
const headerOf = (csv: string): string[] => {
  const end = csv.indexOf('\n');
  const line = end < 0 ? csv : csv.slice(0, end);
  return line === '' ? [] : line.split(',');
};

/**
 * Compares two CSV versions of a dataset row by row, matching rows on the
 * schema's primary key, and counts rows added, removed and changed per period.
 */
const diffTables = (
  schema: DatasetSchema,
  previousCsv: string,
  currentCsv: string,
): ReleaseChanges => {
  const before = headerOf(previousCsv);
  const after = headerOf(currentCsv);
  const period = periodField(schema);
  const keyOf = (row: Record<string, string>) =>
    schema.primaryKey.map((k) => row[k] ?? '').join('\u0000');
  const content = (row: Record<string, string>) =>
    after.map((c) => row[c] ?? '').join('\u0000');
  const index = (csv: string) =>
    new Map(
      (csv.trim() === '' ? [] : parseTable(csv)).map((row) => [
        keyOf(row),
        row,
      ]),
    );
  const old = index(previousCsv);
  const now = index(currentCsv);
  const counts = new Map<
    string,
    { added: number; removed: number; changed: number }
  >();
  const count = (
    row: Record<string, string>,
    kind: 'added' | 'removed' | 'changed',
  ) => {
    const p = period ? (row[period] ?? '') : '';
    const c = counts.get(p) ?? { added: 0, removed: 0, changed: 0 };
    c[kind]++;
    counts.set(p, c);
  };
  for (const [key, row] of now) {
    const was = old.get(key);
    if (!was) count(row, 'added');
    else if (content(was) !== content(row)) count(row, 'changed');
  }
  for (const [key, row] of old) if (!now.has(key)) count(row, 'removed');
  const periods: PeriodChange[] = [...counts.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([p, c]) => ({ period: p, ...c }));
  const total = (kind: 'added' | 'removed' | 'changed') =>
    periods.reduce((sum, p) => sum + p[kind], 0);
  return {
    added: total('added'),
    removed: total('removed'),
    changed: total('changed'),
    columnsAdded: after.filter((c) => !before.includes(c)),
    columnsRemoved: before.filter((c) => !after.includes(c)),
    periods,
  };
};

/**
 * The next version, following the Frictionless "Data Package Version"
 * recipe: MAJOR when columns are removed, renamed or reordered, MINOR when
 * rows or columns are added, PATCH for corrections and metadata changes.
 */
const nextVersion = (
  previous: string | undefined,
  changes?: ReleaseChanges,
): string => {
  if (previous === undefined) return '1.0.0';
  const [major = 0, minor = 0, patch = 0] = previous.split('.').map(Number);
  if (!changes) return `${major}.${minor}.${patch + 1}`;
  if (changes.columnsRemoved.length > 0) return `${major + 1}.0.0`;
  if (changes.added > 0 || changes.columnsAdded.length > 0) {
    return `${major}.${minor + 1}.0`;
  }
  return `${major}.${minor}.${patch + 1}`;
};

/** An ISO 8601 UTC time to the second, as releases record it. */
const isoSecond = (date: Date): string =>
  date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** What a publication run knows about a dataset's new content. */
interface ReleaseCandidate {
  readonly name: string;
  readonly schema: DatasetSchema;
  readonly files: readonly ReleaseFile[];
  readonly contentHash: string;
  readonly csv: string;
  readonly rows: number;
  readonly periods: readonly string[];
}

/**
 * Decides whether the content makes a new release: only when its content
 * hash differs from the latest release's. Returns the manifest to publish,
 * the release the top-level files belong to and whether it is new.
 */
const planRelease = (
  candidate: ReleaseCandidate,
  previous:
    | { readonly manifest: ReleaseManifest; readonly csv?: string }
    | undefined,
  now: Date,
): { manifest: ReleaseManifest; release: Release; isNew: boolean } => {
  const latest = previous?.manifest.releases[0];
  if (previous && latest && latest.contentHash === candidate.contentHash) {
    return { manifest: previous.manifest, release: latest, isNew: false };
  }
  const changes = latest
    ? diffTables(candidate.schema, previous?.csv ?? '', candidate.csv)
    : undefined;
  const release: Release = {
    version: nextVersion(latest?.version, changes),
    published: isoSecond(now),
    contentHash: candidate.contentHash,
    rows: candidate.rows,
    periods: candidate.periods,
    files: candidate.files,
    ...(changes && { changes }),
  };
  return {
    manifest: {
      name: candidate.name,
      latest: release.version,
      releases: [release, ...(previous?.manifest.releases ?? [])],
    },
    release,
    isNew: true,
  };
};

const describeChanges = (changes: ReleaseChanges | undefined): string[] => {
  if (!changes) return ['- Phát hành lần đầu / First release'];
  const lines: string[] = [];
  if (changes.columnsAdded.length > 0) {
    lines.push(
      `- Thêm cột / Columns added: ${changes.columnsAdded.join(', ')}`,
    );
  }
  if (changes.columnsRemoved.length > 0) {
    lines.push(
      `- Bỏ cột / Columns removed: ${changes.columnsRemoved.join(', ')}`,
    );
  }
  for (const p of changes.periods) {
    lines.push(
      `- ${p.period || '—'}: +${p.added} thêm / added, −${p.removed} bỏ / removed, ${p.changed} sửa / changed`,
    );
  }
  if (lines.length === 0) {
    lines.push(
      '- Chỉ thay đổi mô tả (siêu dữ liệu), không đổi dòng dữ liệu / Metadata only, no row changed',
    );
  }
  return lines;
};

/** `CHANGELOG.md` of a dataset: every release, newest first, in Vietnamese and English. */
const changelogMarkdown = (
  manifest: ReleaseManifest,
  title: { readonly vi: string; readonly en: string },
): string =>
  [
    `# Nhật ký thay đổi / Changelog: ${title.vi} / ${title.en}`,
    '',
    'Phiên bản theo SemVer (công thức "Data Package Version" của Frictionless): MAJOR khi đổi cấu trúc cột, MINOR khi thêm dòng, PATCH khi sửa dữ liệu hoặc mô tả. / Versions follow SemVer (the Frictionless "Data Package Version" recipe): MAJOR for column changes, MINOR when rows are added, PATCH for corrections and metadata.',
    '',
    ...manifest.releases.flatMap((r) => [
      `## ${r.version} (${r.published})`,
      '',
      `${r.rows} dòng / rows · ${r.periods.length > 0 ? r.periods.join(', ') : '—'}`,
      '',
      ...describeChanges(r.changes),
      '',
    ]),
  ].join('\n');

export type { ReleaseCandidate };
export {
  changelogMarkdown,
  contentHashOf,
  describeChanges,
  diffTables,
  isoSecond,
  nextVersion,
  periodField,
  planRelease,
};
