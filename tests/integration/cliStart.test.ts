import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTable } from '../../functions/shared/csvTable.js';
import { SCHEMAS_DIR } from '../helpers/catalogue.js';
import { seed, sumOf } from '../helpers/seedFigures.js';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'opendata-cli-'));
const site = join(work, 'site');
const dataDir = join(work, 'data');

const opendata = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'cli/opendata.ts', ...args], {
    env: { ...process.env, CI: 'true' },
    timeout: 180_000,
    maxBuffer: 16 * 1024 * 1024,
  });

const start = (...flags: string[]) =>
  opendata('start', '--data-dir', dataDir, '--out', site, ...flags);

const publishedText = (dataset: string, file: string) =>
  readFileSync(join(site, 'datasets', dataset, file), 'utf8');

const rowsOf = (dataset: string) =>
  parseTable(publishedText(dataset, `${dataset}.csv`));

const siteDigest = () => {
  const hash = createHash('sha256');
  const files = readdirSync(site, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(site, path)).isFile())
    .sort();
  for (const path of files) {
    hash.update(`${path}\n`).update(readFileSync(join(site, path)));
  }
  return hash.digest('hex');
};

let firstRun: { stdout: string };

beforeAll(async () => {
  firstRun = await start('--fresh');
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('opendata start on the fixtures', () => {
  it('accepts every fixture but the one bad file, and names its error, line and column', () => {
    const { files, accepted, rejected } = seed.submissions;
    const [bad] = seed.rejectedSubmissions;

    expect(firstRun.stdout).toContain(
      `Báo cáo nộp / Submissions: ${files} · chấp nhận / accepted ${accepted} · từ chối / rejected ${rejected}`,
    );
    expect(firstRun.stdout).toContain(`✗ ${bad?.key}  rejected`);
    expect(firstRun.stdout).toContain(
      `${bad?.type} (dòng/line ${bad?.rowNumber}, cột/column ${bad?.fieldName})`,
    );
    expect(
      existsSync(
        join(dataDir, 's3', 'thanhhoa-ingest', `${bad?.key}._S3rver_object`),
      ),
    ).toBe(true);
  });

  it('publishes every dataset with the schema from schemas/ and its resources', () => {
    const ids = readdirSync(SCHEMAS_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));

    expect(readdirSync(join(site, 'datasets')).sort()).toEqual(ids.sort());
    for (const id of ids) {
      const descriptor = JSON.parse(publishedText(id, 'datapackage.json'));
      const schema = JSON.parse(
        readFileSync(join(SCHEMAS_DIR, `${id}.json`), 'utf8'),
      );
      expect(descriptor.resources[0].schema).toEqual(schema);
      expect(descriptor.resources.map((r: { path: string }) => r.path)).toEqual(
        [`${id}.csv`, `${id}.json`, `${id}.xlsx`],
      );
    }
  });

  it.each(
    seed.figures.map((f) => [
      `${f.dataset} ${f.period} ${f.field} ${JSON.stringify(f.filter ?? {})}`,
      f,
    ]),
  )('reproduces the seed figure %s', (_, figure) => {
    expect(sumOf(rowsOf(figure.dataset), figure)).toBe(figure.value);
  });

  it('consolidates 2023-Q3 as the seed report: 43 indicators, 21 completed', () => {
    const rows = rowsOf('tong-hop-chi-tieu-cds').filter(
      (r) => r.ky_bao_cao === '2023-Q3',
    );

    expect(rows).toHaveLength(seed.indicatorStatus2023Q3.total);
    expect(rows.filter((r) => r.trang_thai === 'Đã hoàn thành')).toHaveLength(
      seed.indicatorStatus2023Q3.completed,
    );
    expect(
      Object.fromEntries(rows.map((r) => [r.ma_chi_tieu, r.trang_thai])),
    ).toEqual(
      Object.fromEntries(
        seed.indicatorStatuses2023Q3.map((s) => [s.code, s.status]),
      ),
    );
    expect(rows.find((r) => r.ma_chi_tieu === 'CDS-2023-01')).toMatchObject({
      tu_so: '2155455',
      mau_so: '2794448',
      gia_tri: '77.13',
      muc_tieu: '> 80',
      danh_gia: 'chua_dat',
    });
    expect(rows.find((r) => r.ma_chi_tieu === 'CDS-2023-02')).toMatchObject({
      tu_so: '531581',
      mau_so: '553945',
      gia_tri: '95.96',
      muc_tieu: '> 85',
      danh_gia: 'dat',
    });
  });

  it('publishes the infrastructure totals: 9,399 BTS = 2,789 + 2,713 + 3,897', () => {
    const rows = rowsOf('tong-hop-ha-tang-vien-thong');

    expect(
      rows.map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [
            k,
            k === 'ky_bao_cao' || k === 'trang_thai_so_lieu' ? v : Number(v),
          ]),
        ),
      ),
    ).toEqual(seed.derived['tong-hop-ha-tang-vien-thong']);
    expect(rows[0]).toMatchObject({
      ky_bao_cao: '2023-Q3',
      bts_2g: '2789',
      bts_3g: '2713',
      bts_4g: '3897',
      bts_tong: '9399',
    });
  });

  it('lists expected, received, missing and late submitters with a completeness figure', async () => {
    const { stdout } = await opendata(
      'status',
      '--period',
      '2023-Q3',
      '--data-dir',
      dataDir,
      '--format',
      'json',
    );

    const status = JSON.parse(stdout);
    const indicators = status.datasets.find(
      (d: { datasetId: string }) => d.datasetId === 'chi-tieu-cds',
    );
    expect(indicators).toMatchObject({
      expected: 9,
      received: 9,
      completeness: 100,
    });
    expect(indicators.unexpected).toEqual([]);
    const states = new Set(
      status.datasets.flatMap((d: { submitters: { state: string }[] }) =>
        d.submitters.map((s) => s.state),
      ),
    );
    expect([...states].sort()).toEqual(['late', 'missing', 'on-time']);
    // fixtures/submissions/received.json: HCC on 14/9/2023 (its report
    // 394/HCC-HCQT), MobiFone's infrastructure on 18/9/2023, after the 15th.
    const stateOf = (dataset: string, unit: string) =>
      status.datasets
        .find((d: { datasetId: string }) => d.datasetId === dataset)
        ?.submitters.find((s: { unitCode: string }) => s.unitCode === unit);
    expect(stateOf('chi-tieu-cds', 'HCC')).toMatchObject({
      state: 'on-time',
      receivedAt: '2023-09-14T03:00:00.000Z',
    });
    expect(stateOf('ha-tang-vien-thong', 'MOBIFONE')).toMatchObject({
      state: 'late',
      receivedAt: '2023-09-18T03:05:00.000Z',
    });
    expect(indicators.late).toBe(0);
  });

  it('explains CDS-2023-01 by naming each contributing submission and row', async () => {
    const { stdout } = await opendata(
      'explain',
      '--period',
      '2023-Q3',
      '--indicator',
      'CDS-2023-01',
      '--data-dir',
      dataDir,
    );

    expect(stdout).toContain('CDS-2023-01 · 2023-Q3: 2155455/2794448 = 77.13');
    expect(stdout).toMatch(
      /MOBIFONE: submissions\/MOBIFONE\/2023-Q3\/chi-tieu-cds\.csv .* dòng\/lines 2/,
    );
    expect(stdout).toMatch(
      /VIETTEL: submissions\/VIETTEL\/2023-Q3\/chi-tieu-cds\.csv .* dòng\/lines 2/,
    );
    expect(stdout).toMatch(
      /VNPT: submissions\/VNPT\/2023-Q3\/chi-tieu-cds\.csv .* dòng\/lines 2/,
    );
  });

  it('publishes the same bytes when run again on the same data dir', async () => {
    const before = siteDigest();

    await start();

    expect(siteDigest()).toBe(before);
  });
});
