import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type PublishDeps,
  publishDatasets,
} from '../../functions/publish-datasets/publishDatasets.js';
import { PublishBudgetError } from '../../functions/shared/errors.js';
import { parsePublisherInfo } from '../../functions/shared/publish/publisherInfo.js';
import { localContext } from '../../local/localIngest.js';
import { catalogue, FIXTURES_DIR, SCHEMAS_DIR } from '../helpers/catalogue.js';
import { DISGUISED_PERSONAL_DATA } from '../helpers/fuzzInputs.js';
import { putSubmission, useLocalResources } from '../helpers/localResources.js';

let resources: Awaited<ReturnType<typeof useLocalResources>>;
let ingest: typeof import('../../functions/ingest-submission/handler.js').handler;
let publish: typeof import('../../functions/publish-datasets/handler.js').handler;

const ESC = '\u001b';
const HEADER =
  'ma_don_vi,ky_bao_cao,ma_chi_tieu,tu_so,mau_so,gia_tri,don_vi_tinh,trang_thai,ghi_chu';

/** Each way of disguising personal data the issue lists, one per row. */
const DISGUISED = DISGUISED_PERSONAL_DATA;
/** What must not be published of them, once separators are gone. */
const DIGITS = [
  '038095012345',
  '172345678',
  '02373852123',
  '0912345678',
  '912345678',
  'gmail',
];

let sequence = 0;
const upload = async (key: string, body: Buffer) => {
  sequence++;
  const event = await putSubmission(resources, key, body, {
    sequencer: String(sequence).padStart(16, '0'),
    eventTime: `2023-10-02T03:04:05.${String(sequence).padStart(3, '0')}Z`,
  });
  return ingest(event, localContext('ingest'));
};

const reportOf = async (unit: string) => {
  const keys = await resources.curated.list(`submissions/${unit}/2023-Q3/`);
  const key = keys.find((k) => k.endsWith('/report.json')) ?? '';
  return JSON.parse(await resources.curated.getText(key));
};

const deps = (maxInputBytes: number): PublishDeps => ({
  catalogue,
  listPeriods: resources.table.listPeriods,
  listCurrent: resources.table.listCurrent,
  listAggregates: resources.table.listAggregates,
  listLedger: resources.table.listLedger,
  info: parsePublisherInfo(
    JSON.parse(
      readFileSync(join(SCHEMAS_DIR, 'reference', 'publisher.json'), 'utf8'),
    ),
  ),
  openCurated: (key) => resources.curated.open(key),
  readPublic: resources.public.getTextIfExists,
  putPublic: resources.public.put,
  putPublicIfAbsent: resources.public.putIfAbsent,
  maxInputBytes,
  now: () => new Date('2026-01-20T00:00:00Z'),
});

beforeAll(async () => {
  resources = await useLocalResources('it-hostile');
  ({ handler: ingest } = await import(
    '../../functions/ingest-submission/handler.js'
  ));
  ({ handler: publish } = await import(
    '../../functions/publish-datasets/handler.js'
  ));
  const viettel = readFileSync(
    join(FIXTURES_DIR, 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv'),
    'utf8',
  ).replace('mạng Viettel', `mạng ${ESC}[31mViettel${ESC}[0m`);
  await upload(
    'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv',
    Buffer.from(viettel),
  );
  const disguised = DISGUISED.map(
    (note, i) =>
      `VNPT,2023-Q3,CDS-2023-0${i + 1},1,2,,,Đang thực hiện,"${note}"`,
  );
  await upload(
    'submissions/VNPT/2023-Q3/chi-tieu-cds.csv',
    Buffer.from(`${HEADER}\n${disguised.join('\n')}\n`),
  );
  await publish({}, localContext('publish'));
});

describe('hostile input through ingest and publish on local S3 and DynamoDB', () => {
  it('removes an ESC with a warning and stores normalized bytes without it', async () => {
    const report = await reportOf('VIETTEL');
    const keys = await resources.curated.list('submissions/VIETTEL/2023-Q3/');
    const normalized = await resources.curated.getText(
      keys.find((k) => k.endsWith('/normalized.csv')) ?? '',
    );

    expect(report.status).toBe('accepted-with-warnings');
    expect(report.errors).toEqual([
      expect.objectContaining({
        type: 'control-characters-removed',
        rowNumber: 2,
      }),
    ]);
    expect(normalized).toContain('mạng [31mViettel[0m');
    expect(normalized).not.toContain(ESC);
  });

  it('reports every disguised identifier as personal-data, on its own line', async () => {
    const report = await reportOf('VNPT');

    expect(report.status).toBe('rejected');
    // Errors only: VNPT reporting indicators it is not responsible for is a warning.
    expect(
      report.errors
        .filter((f: { severity: string }) => f.severity === 'error')
        .map((f: { type: string; rowNumber: number }) => [f.type, f.rowNumber]),
    ).toEqual(DISGUISED.map((_, i) => ['personal-data', i + 2]));
  });

  it('publishes no ESC and none of the disguised identifiers', async () => {
    const dir = 'datasets/chi-tieu-cds';
    const csv = await resources.public.getText(`${dir}/chi-tieu-cds.csv`);
    const json = await resources.public.getText(`${dir}/chi-tieu-cds.json`);
    const page = await resources.public.getText(`${dir}/index.html`);
    const xlsx = unzipSync(
      new Uint8Array(
        Buffer.from(
          await (await resources.public.open(`${dir}/chi-tieu-cds.xlsx`))
            .toArray()
            .then((chunks) => Buffer.concat(chunks)),
        ),
      ),
    );
    const sheets = Object.values(xlsx)
      .map((bytes) => Buffer.from(bytes).toString('utf8'))
      .join('');

    expect(csv).toContain('mạng [31mViettel[0m');
    for (const text of [csv, json, page, sheets]) {
      expect(text).not.toContain(ESC);
      for (const digits of DIGITS) {
        expect(text.replace(/[\s.()+-]|\u200b/g, '')).not.toContain(digits);
      }
    }
  });
});

describe('the publisher input budget', () => {
  it('reports what a run read against its budget', async () => {
    const keys = await resources.curated.list('submissions/VIETTEL/2023-Q3/');
    const normalized = await resources.curated.getText(
      keys.find((k) => k.endsWith('/normalized.csv')) ?? '',
    );

    const summary = await publishDatasets(deps(1024 * 1024));

    expect(summary.input).toEqual({
      bytes: Buffer.byteLength(normalized),
      budget: 1024 * 1024,
      datasets: { 'chi-tieu-cds': Buffer.byteLength(normalized) },
    });
  });

  it('stops a run over budget, naming the dataset, and publishes nothing', async () => {
    const before = await resources.public.list('');
    const etags = await Promise.all(before.map(resources.public.etagOf));

    const run = publishDatasets(deps(100));

    await expect(run).rejects.toThrow(PublishBudgetError);
    await expect(run).rejects.toThrow(
      "Dataset chi-tieu-cds takes this publishing run's normalized input past its budget of 100 bytes",
    );
    expect(await resources.public.list('')).toEqual(before);
    expect(await Promise.all(before.map(resources.public.etagOf))).toEqual(
      etags,
    );
  });
});
