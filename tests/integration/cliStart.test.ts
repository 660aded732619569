import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'opendata-cli-'));
const site = join(work, 'site');
const dataDir = join(work, 'data');

const start = (...flags: string[]) =>
  run(
    process.execPath,
    [
      '--import',
      'tsx',
      'cli/opendata.ts',
      'start',
      '--data-dir',
      dataDir,
      '--out',
      site,
      ...flags,
    ],
    { env: { ...process.env, CI: 'true' }, timeout: 120_000 },
  );

const published = (dataset: string, file: string) =>
  readFileSync(join(site, 'datasets', dataset, file), 'utf8');

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('opendata start', () => {
  it('runs the fixtures end to end and publishes the exact sums', async () => {
    const { stdout } = await start('--fresh');

    expect(stdout).toContain(
      'Báo cáo nộp / Submissions: 5 · chấp nhận / accepted 4 · từ chối / rejected 1',
    );
    expect(stdout).toContain(
      'numerator-exceeds-denominator (dòng/line 2, cột/column tu_so)',
    );
    expect(
      published('tong-hop-chi-tieu-cds', 'tong-hop-chi-tieu-cds.csv'),
    ).toContain(
      '2023-Q3,CDS-2023-01,2155455,2794448,77.13,3\n2023-Q3,CDS-2023-02,531581,553945,95.96,3\n',
    );
    for (const dataset of ['chi-tieu-cds', 'tong-hop-chi-tieu-cds']) {
      const descriptor = JSON.parse(published(dataset, 'datapackage.json'));
      expect(
        descriptor.resources.map((r: { format: string }) => r.format),
      ).toEqual(['csv', 'json']);
      for (const resource of descriptor.resources) {
        expect(existsSync(join(site, 'datasets', dataset, resource.path))).toBe(
          true,
        );
      }
    }
    expect(
      existsSync(
        join(
          dataDir,
          's3',
          'thanhhoa-ingest',
          'submissions',
          'HCC',
          '2023-Q3',
          'chi-tieu-cds.csv._S3rver_object',
        ),
      ),
    ).toBe(true);
  });

  it('publishes the same numbers when run again on the same data dir', async () => {
    const before = published(
      'tong-hop-chi-tieu-cds',
      'tong-hop-chi-tieu-cds.csv',
    );
    const unitsBefore = published('chi-tieu-cds', 'chi-tieu-cds.csv');

    await start();

    expect(
      published('tong-hop-chi-tieu-cds', 'tong-hop-chi-tieu-cds.csv'),
    ).toBe(before);
    expect(published('chi-tieu-cds', 'chi-tieu-cds.csv')).toBe(unitsBefore);
  });
});
