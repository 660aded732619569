import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPublish } from '../../cli/commands/publish.js';
import type { PublishedFile } from '../../functions/shared/publish/types.js';
import { startCkanServer } from '../helpers/ckanServer.js';
import { useLocalResources } from '../helpers/localResources.js';
import { buildSample, sampleRows } from '../unit/shared/publish/sampleSite.js';

const TOKEN = 'tk-ckan-push-test';
const work = mkdtempSync(join(tmpdir(), 'opendata-ckan-'));

const writeSite = (files: readonly PublishedFile[], dir: string) => {
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.body);
  }
  return dir;
};

const capture = () => {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
};

let ckan: Awaited<ReturnType<typeof startCkanServer>>;
let first: PublishedFile[];

const push = async (
  site: string | undefined,
  token = TOKEN,
  dryRun = false,
) => {
  const out = capture();
  const err = capture();
  const code = await runPublish(
    {
      ckanUrl: ckan.url,
      apiToken: token,
      site,
      dataDir: join(work, 'data'),
      dryRun,
    },
    { out: out.stream, err: err.stream },
  );
  return { code, out: out.text(), err: err.text() };
};

const writesSince = (before: number) =>
  ckan
    .writes()
    .slice(before)
    .map((c) => c.action);

beforeAll(async () => {
  ckan = await startCkanServer(TOKEN);
  ({ files: first } = await buildSample());
  writeSite(first, join(work, 'site-1'));
});

afterAll(async () => {
  await ckan.close();
  rmSync(work, { recursive: true, force: true });
});

describe('opendata publish to a CKAN portal', () => {
  it('refuses to write without the right API token', async () => {
    const result = await push(join(work, 'site-1'), 'wrong-token');

    expect(result.code).toBe(1);
    expect(result.err).toContain('Authorization Error');
    expect(ckan.writes()).toEqual([]);
  });

  it('says so when the folder holds no published site', async () => {
    const before = ckan.calls.length;

    const result = await push(join(work, 'nowhere'));

    expect(result.code).toBe(1);
    expect(result.err).toContain('no published site found');
    expect(ckan.calls).toHaveLength(before);
  });

  it('plans the writes of a dry run without sending one', async () => {
    const result = await push(join(work, 'site-1'), TOKEN, true);

    expect(result.code).toBe(0);
    expect(result.out).toContain('lệnh ghi / write calls 67');
    expect(ckan.writes()).toEqual([]);
  });

  it('creates the organization, groups, datasets and resources the portal lacks', async () => {
    const result = await push(join(work, 'site-1'));

    expect(result.code, result.err).toBe(0);
    const actions = writesSince(0);
    expect(actions.filter((a) => a === 'organization_create')).toHaveLength(1);
    expect(actions.filter((a) => a === 'group_create')).toHaveLength(6);
    expect(actions.filter((a) => a === 'package_create')).toHaveLength(12);
    expect(actions.filter((a) => a === 'resource_create')).toHaveLength(48);
    expect(actions).toHaveLength(67);
    expect(result.out).toContain(
      'Tạo mới / created 12 · cập nhật / updated 0 · không đổi / unchanged 0 · lệnh ghi / write calls 67',
    );
  });

  it('leaves the portal holding what the mirror says', async () => {
    const response = await fetch(
      `${ckan.url}/api/3/action/package_show?id=chi-tieu-cds`,
    );
    const body = (await response.json()) as {
      result: Record<string, unknown> & {
        tags: { name: string }[];
        groups: { name: string }[];
        extras: { key: string; value: string }[];
        resources: { format: string }[];
      };
    };

    expect(Object.keys(body).sort()).toEqual(['help', 'result', 'success']);
    expect(body.result).toMatchObject({
      name: 'chi-tieu-cds',
      title: 'Kết quả thực hiện chỉ tiêu chuyển đổi số',
      license_id: 'cc-by',
      version: '1.0.0',
      organization: { name: 'so-khcn-thanh-hoa' },
      maintainer_email: 'skhcn@thanhhoa.gov.vn',
    });
    expect(body.result.tags.map((t: { name: string }) => t.name)).toEqual([
      'chuyển đổi số',
      'chỉ tiêu',
      'digital transformation',
      'indicators',
      'kế hoạch chuyển đổi số',
    ]);
    expect(body.result.groups.map((g: { name: string }) => g.name)).toEqual([
      'hanh-chinh-cong',
      'thong-tin-truyen-thong',
    ]);
    expect(
      Object.fromEntries(
        body.result.extras.map((e: { key: string; value: string }) => [
          e.key,
          e.value,
        ]),
      ),
    ).toMatchObject({
      frequency:
        'http://publications.europa.eu/resource/authority/frequency/QUARTERLY',
      reporting_periods: '2023-Q3,2023-Q4',
      spatial_code: '38',
      temporal_start: '2023-07-01',
      temporal_end: '2023-12-31',
    });
    const csv = first.find(
      (f) => f.path === 'datasets/chi-tieu-cds/chi-tieu-cds.csv',
    );
    expect(body.result.resources[0]).toMatchObject({
      url: 'https://opendata.thanhhoa.gov.vn/cds/datasets/chi-tieu-cds/chi-tieu-cds.csv',
      format: 'CSV',
      mimetype: 'text/csv',
      size: csv?.body.length,
      last_modified: '2024-01-20T03:00:00',
    });
    expect(
      body.result.resources.map((r: { format: string }) => r.format),
    ).toEqual(['CSV', 'JSON', 'XLSX', 'JSON']);
  });

  it('sends no write when pushed again with no change', async () => {
    const before = ckan.writes().length;

    const result = await push(join(work, 'site-1'));

    expect(result.code).toBe(0);
    expect(writesSince(before)).toEqual([]);
    expect(result.out).toContain(
      'không đổi / unchanged 12 · lệnh ghi / write calls 0',
    );
  });

  it('patches only the changed dataset and its changed resources', async () => {
    const { files } = await buildSample({
      rows: {
        ...sampleRows,
        'chi-tieu-cds': (sampleRows['chi-tieu-cds'] ?? []).slice(0, 2),
      },
      previous: first,
      now: new Date('2024-04-18T09:30:00Z'),
    });
    writeSite(files, join(work, 'site-2'));
    const before = ckan.writes().length;

    const result = await push(join(work, 'site-2'));

    expect(result.code, result.err).toBe(0);
    expect(writesSince(before)).toEqual([
      'package_patch',
      'resource_patch',
      'resource_patch',
      'resource_patch',
      'resource_patch',
    ]);
    const patch = ckan.writes()[before]?.body ?? {};
    expect(Object.keys(patch).sort()).toEqual(['extras', 'id', 'version']);
    expect(patch.version).toBe('1.0.1');
    expect(result.out).toContain(
      '  ~ chi-tieu-cds (version, extras; ~4 tài nguyên / resources)',
    );
  });

  it('fails, naming the field, when the mirror carries a licence CKAN does not know', async () => {
    const tampered = first.map((f) =>
      f.path === 'api/3/action/package_show/an-toan-thong-tin.json'
        ? {
            ...f,
            body: Buffer.from(
              f.body
                .toString('utf8')
                .replace('"license_id": "cc-by"', '"license_id": "CC-BY-4.0"'),
            ),
          }
        : f,
    );
    writeSite(tampered, join(work, 'site-bad'));

    const result = await push(join(work, 'site-bad'));

    expect(result.code).toBe(1);
    expect(result.err).toContain('package_patch: HTTP 409');
    expect(result.err).toContain(
      'License CC-BY-4.0 is not in the licence register',
    );
  });

  it('reads the site from the public bucket when no folder is given', async () => {
    const resources = await useLocalResources('ckan-push');
    const { files } = await buildSample({
      rows: {
        ...sampleRows,
        'chi-tieu-cds': (sampleRows['chi-tieu-cds'] ?? []).slice(0, 2),
      },
      previous: first,
      now: new Date('2024-04-18T09:30:00Z'),
    });
    for (const f of files.filter((f) => f.path.startsWith('api/'))) {
      await resources.public.put(f.path, f.body, f.contentType);
    }
    const before = ckan.writes().length;

    const result = await push(undefined);

    expect(result.code, result.err).toBe(0);
    expect(writesSince(before)).toEqual([]);
  });
});
