import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runExplain } from '../../cli/commands/explain.js';
import { runSignOff } from '../../cli/commands/signOff.js';
import { hashToken } from '../../functions/shared/accessTokens.js';
import { parseTable } from '../../functions/shared/csvTable.js';
import { ENV } from '../../functions/shared/resources.js';
import type { ValidationReport } from '../../functions/shared/validation/report.js';
import { handleUploadApi } from '../../functions/upload-api/uploadApi.js';
import { localContext } from '../../local/localIngest.js';
import { catalogue, FIXTURES_DIR } from '../helpers/catalogue.js';
import { sqsEventFor, useLocalResources } from '../helpers/localResources.js';
import { opendata } from '../helpers/opendataCli.js';

let resources: Awaited<ReturnType<typeof useLocalResources>>;
let ingest: typeof import('../../functions/ingest-submission/handler.js').handler;
let rollup: typeof import('../../functions/quarterly-rollup/handler.js').handler;
let sequence = 0;

const HEADER =
  'ma_don_vi,ky_bao_cao,ma_chi_tieu,tu_so,mau_so,gia_tri,don_vi_tinh,trang_thai,ghi_chu';
const fixture = (unit: string, dataset: string) =>
  readFileSync(
    join(FIXTURES_DIR, 'submissions', unit, '2023-Q3', `${dataset}.csv`),
  );

/** Uploads a file straight to the ingest bucket and runs the ingest handler on its event. */
const upload = async (
  unit: string,
  dataset: string,
  body: Buffer,
  eventTime = '2023-10-02T03:04:05.678Z',
): Promise<ValidationReport> => {
  const key = `submissions/${unit}/2023-Q3/${dataset}.csv`;
  await resources.ingest.put(key, body, 'text/csv');
  await ingest(
    sqsEventFor({
      bucket: resources.env[ENV.ingestBucket] ?? '',
      key,
      size: body.length,
      eTag: createHash('md5').update(body).digest('hex'),
      sequencer: String(++sequence).padStart(16, '0'),
      eventTime,
    }),
    localContext('ingest'),
  );
  const newest = (
    await resources.table.listUploads('2023-Q3', dataset, unit)
  ).at(-1);
  return JSON.parse(await resources.curated.getText(newest?.reportKey ?? ''));
};

const cds01 = async () =>
  (
    await resources.table.listAggregates('2023-Q3', 'tong-hop-chi-tieu-cds')
  ).find((a) => a.group === 'CDS-2023-01')?.values;

const sink = () => {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
};

const signOff = async (
  action: 'approve' | 'reopen',
  options: { by: string; note?: string; reason?: string },
) => {
  const out = sink();
  const err = sink();
  const code = await runSignOff(
    action,
    { period: '2023-Q3', dataDir: 'unused', ...options },
    { out: out.stream, err: err.stream },
  );
  return { code, out: out.text(), err: err.text() };
};

const publishedRows = async (dataset: string) =>
  parseTable(
    await resources.public.getText(`datasets/${dataset}/${dataset}.csv`),
  );

beforeAll(async () => {
  resources = await useLocalResources('it-trust');
  ({ handler: ingest } = await import(
    '../../functions/ingest-submission/handler.js'
  ));
  ({ handler: rollup } = await import(
    '../../functions/quarterly-rollup/handler.js'
  ));
});

describe('who may report what, coverage and sign-off (issue #14)', () => {
  it('assesses CDS-2023-01 chua_du_bao_cao with only VIETTEL and VNPT reporting', async () => {
    await upload('VIETTEL', 'chi-tieu-cds', fixture('VIETTEL', 'chi-tieu-cds'));
    await upload('VNPT', 'chi-tieu-cds', fixture('VNPT', 'chi-tieu-cds'));

    await rollup({ period: '2023-Q3' }, localContext('rollup'));

    expect(await cds01()).toMatchObject({
      tu_so: '1832502',
      mau_so: '2375280',
      so_don_vi: '2',
      so_don_vi_phai_bao_cao: '3',
      danh_gia: 'chua_du_bao_cao',
      trang_thai: 'Đang thực hiện',
    });
  });

  it("warns 380 on its line and keeps its figure out of the province's CDS-2023-01", async () => {
    const report = await upload(
      '380',
      'chi-tieu-cds',
      Buffer.from(
        `${HEADER}\n380,2023-Q3,CDS-2023-01,9000000,9000000,,%,Đã hoàn thành,\n`,
      ),
    );
    await upload(
      'MOBIFONE',
      'chi-tieu-cds',
      fixture('MOBIFONE', 'chi-tieu-cds'),
    );

    await rollup({ period: '2023-Q3' }, localContext('rollup'));
    const { handler: publish } = await import(
      '../../functions/publish-datasets/handler.js'
    );
    await publish({}, localContext('publish'));

    expect(report.status).toBe('accepted-with-warnings');
    expect(report.errors).toEqual([
      expect.objectContaining({
        type: 'not-responsible',
        severity: 'warning',
        rowNumber: 2,
        fieldName: 'ma_chi_tieu',
        cell: 'CDS-2023-01',
      }),
    ]);
    expect(await cds01()).toMatchObject({
      tu_so: '2155455',
      mau_so: '2794448',
      gia_tri: '77.13',
      so_don_vi: '3',
      so_don_vi_phai_bao_cao: '3',
      danh_gia: 'chua_dat',
    });
    const unitRows = await publishedRows('chi-tieu-cds');
    expect(
      unitRows.find(
        (r) => r.ma_don_vi === '380' && r.ma_chi_tieu === 'CDS-2023-01',
      ),
    ).toMatchObject({ tu_so: '9000000', mau_so: '9000000' });
    expect(
      (await publishedRows('tong-hop-chi-tieu-cds')).find(
        (r) => r.ma_chi_tieu === 'CDS-2023-01',
      ),
    ).toMatchObject({
      tu_so: '2155455',
      so_don_vi_phai_bao_cao: '3',
      trang_thai_so_lieu: 'tam_tinh',
    });
  });

  it('rejects a ha-tang-vien-thong file sent straight to S3 by 380 with not-responsible', async () => {
    const report = await upload(
      '380',
      'ha-tang-vien-thong',
      fixture('VIETTEL', 'ha-tang-vien-thong'),
    );

    expect(report.status).toBe('rejected');
    expect(report.errors).toEqual([
      expect.objectContaining({
        type: 'not-responsible',
        severity: 'error',
        cell: 'ha-tang-vien-thong',
      }),
    ]);
    expect(report.errors[0]?.message).toContain('MOBIFONE, VIETTEL, VNPT');
  });

  it("refuses 380's token a presigned URL for ha-tang-vien-thong (403 not-responsible), and the approval route to a unit's token", async () => {
    const tokens = { '380': 'token-380', steward: 'token-steward' };
    const issued = {
      label: 'test',
      createdAt: '2023-10-01T00:00:00Z',
      expiresAt: '2024-10-01T00:00:00Z',
    };
    await resources.table.putToken({
      ...issued,
      hash: hashToken(tokens['380']),
      unitCode: '380',
    });
    await resources.table.putToken({
      ...issued,
      hash: hashToken(tokens.steward),
      unitCode: 'STTTT',
      role: 'steward',
    });
    const approvals: string[] = [];
    const deps = {
      catalogue,
      findToken: resources.table.findToken,
      presignUpload: async (key: string) => ({
        url: 'https://upload/',
        fields: { key },
        expiresAt: '2024-01-10T02:05:00Z',
      }),
      presignGet: async (key: string) => `https://report/${key}`,
      listUploads: resources.table.listUploads,
      ttlSeconds: 900,
      uploadTtlSeconds: 300,
      maxUploadBytes: 1024,
      now: () => new Date('2024-01-10T02:00:00Z'),
      signOff: {
        listSignOffs: async () => [],
        recordSignOff: async (e: { period: string }) => {
          approvals.push(e.period);
        },
        now: () => new Date('2024-01-10T02:00:00Z'),
      },
    };
    const call = (token: string, path: string, body: unknown) =>
      handleUploadApi(
        {
          method: 'POST',
          path,
          headers: { authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        },
        deps,
      );

    const refused = await call(tokens['380'], '/submissions', {
      unit: '380',
      period: '2023-Q3',
      dataset: 'ha-tang-vien-thong',
    });
    const allowed = await call(tokens['380'], '/submissions', {
      unit: '380',
      period: '2023-Q3',
      dataset: 'chi-tieu-cds',
    });
    const unitApproval = await call(tokens['380'], '/approvals', {
      period: '2023-Q4',
      by: '380',
    });
    const stewardApproval = await call(tokens.steward, '/approvals', {
      action: 'approve',
      period: '2023-Q4',
      by: 'Ban Chỉ đạo CĐS tỉnh',
    });

    expect(refused.statusCode).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({
      error: 'not-responsible',
      messageEn:
        'Unit 380 does not submit dataset "ha-tang-vien-thong" (submitted by: MOBIFONE, VIETTEL, VNPT)',
    });
    expect(allowed.statusCode).toBe(201);
    expect(unitApproval.statusCode).toBe(403);
    expect(JSON.parse(unitApproval.body).error).toBe('forbidden-role');
    expect(stewardApproval.statusCode).toBe(201);
    expect(JSON.parse(stewardApproval.body)).toMatchObject({
      action: 'approve',
      period: '2023-Q4',
      at: '2024-01-10T02:00:00.000Z',
    });
    expect(approvals).toEqual(['2023-Q4']);
  });

  it('publishes 2023-Q3 as chinh_thuc once approved, and says who signed it', async () => {
    const result = await signOff('approve', {
      by: 'Ban Chỉ đạo CĐS tỉnh',
      note: 'Báo cáo 9 tháng 2023',
    });

    expect(result.code).toBe(0);
    const rows = await publishedRows('tong-hop-chi-tieu-cds');
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.trang_thai_so_lieu))).toEqual(
      new Set(['chinh_thuc']),
    );
    const changelog = await resources.public.getText(
      'datasets/tong-hop-chi-tieu-cds/CHANGELOG.md',
    );
    expect(changelog).toMatch(
      /2023-Q3: phê duyệt chính thức bởi Ban Chỉ đạo CĐS tỉnh lúc \d{4}-\d\d-\d\dT[\d:.]+Z \(Báo cáo 9 tháng 2023\)/,
    );
    const page = await resources.public.getText(
      'datasets/tong-hop-chi-tieu-cds/index.html',
    );
    expect(page).toContain('signed off as official by Ban Chỉ đạo CĐS tỉnh');
    expect((await signOff('approve', { by: 'again' })).code).toBe(1);
  });

  it('rejects an upload for the approved quarter with period-locked and keeps the figures', async () => {
    const corrected = Buffer.from(
      `${HEADER}\nVIETTEL,2023-Q3,CDS-2023-01,1285502,1536946,,thuê bao,Đang thực hiện,\n`,
    );

    const report = await upload('VIETTEL', 'chi-tieu-cds', corrected);
    await rollup({ period: '2023-Q3' }, localContext('rollup'));

    expect(report.status).toBe('rejected');
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({
      type: 'period-locked',
      severity: 'error',
      cell: '2023-Q3',
    });
    expect(report.errors[0]?.message).toMatch(
      /^Kỳ "2023-Q3" đã được Ban Chỉ đạo CĐS tỉnh phê duyệt chính thức lúc \d{4}-/,
    );
    expect(report.errors[0]?.hint).toContain('opendata reopen');
    expect(
      await resources.ingest.getText(
        'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv',
      ),
    ).toBe(corrected.toString());
    expect(await cds01()).toMatchObject({
      tu_so: '2155455',
      mau_so: '2794448',
    });
  });

  it('takes the correction in after a reopening, and explain shows the approval, the reopening and both values', async () => {
    const reopened = await signOff('reopen', {
      by: 'Sở TT&TT',
      reason: 'Viettel sửa số thuê bao điện thoại thông minh',
    });
    const report = await upload(
      'VIETTEL',
      'chi-tieu-cds',
      Buffer.from(
        `${HEADER}\nVIETTEL,2023-Q3,CDS-2023-01,1285502,1536946,,thuê bao,Đang thực hiện,\n`,
      ),
      '2023-11-20T03:00:00.000Z',
    );
    await rollup({ period: '2023-Q3' }, localContext('rollup'));
    const out = sink();
    await runExplain(
      {
        period: '2023-Q3',
        indicator: 'CDS-2023-01',
        dataDir: 'unused',
        format: 'text',
      },
      out.stream,
    );

    expect(reopened.code).toBe(0);
    expect(report.status).toBe('accepted');
    expect(await cds01()).toMatchObject({
      tu_so: '2255455',
      mau_so: '2794448',
      gia_tri: '80.71',
      danh_gia: 'dat',
    });
    const history = out.text().split('Lịch sử / history:\n')[1] ?? '';
    expect(history.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(
        /: 1832502\/2375280 = 77\.15 → 2155455\/2794448 = 77\.13 · MOBIFONE: mới \/ new /,
      ),
      expect.stringMatching(
        /: phê duyệt chính thức \/ approved as official · Ban Chỉ đạo CĐS tỉnh · Báo cáo 9 tháng 2023$/,
      ),
      expect.stringMatching(
        /: mở lại \/ reopened · Sở TT&TT · lý do \/ reason: Viettel sửa số thuê bao điện thoại thông minh$/,
      ),
      expect.stringMatching(
        /: 2155455\/2794448 = 77\.13 → 2255455\/2794448 = 80\.71 · VIETTEL: .* \(nộp lại \/ corrected\)$/,
      ),
    ]);
    expect(
      (await publishedRows('tong-hop-chi-tieu-cds')).find(
        (r) => r.ma_chi_tieu === 'CDS-2023-01',
      ),
    ).toMatchObject({ trang_thai_so_lieu: 'tam_tinh' });
  });

  it('makes opendata submit --format json print exactly the report JSON and exit 1 when rejected', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'opendata-submit-json-'));
    const file = join(
      FIXTURES_DIR,
      'submissions',
      '380',
      '2023-Q3',
      'chi-tieu-cds.csv',
    );

    const result = await opendata(
      [
        'submit',
        file,
        '--unit',
        '380',
        '--period',
        '2023-Q3',
        '--dataset',
        'chi-tieu-cds',
        '--format',
        'json',
        '--data-dir',
        dataDir,
      ],
      { timeout: 120_000, env: { ...process.env, TABLE_NAME: '' } },
    );
    rmSync(dataDir, { recursive: true, force: true });

    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as ValidationReport;
    expect(report.status).toBe('rejected');
    expect(report.errors.map((e) => [e.type, e.severity, e.rowNumber])).toEqual(
      [
        ['numerator-exceeds-denominator', 'error', 2],
        ['not-responsible', 'warning', 2],
      ],
    );
  }, 130_000);
});
