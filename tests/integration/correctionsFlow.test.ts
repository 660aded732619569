import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClient } from '../../functions/shared/aws/clients.js';
import type { createRuntime } from '../../functions/shared/aws/runtime.js';
import { createTableAccess } from '../../functions/shared/aws/table/dynamo.js';
import { reminderItems } from '../../functions/shared/aws/table/reminders.js';
import { parseTable } from '../../functions/shared/csvTable.js';
import { ENV } from '../../functions/shared/resources.js';
import { type LocalAws, startLocalAws } from '../../local/localAws.js';
import { createLocalChain } from '../../local/localChain.js';
import { connectIngest, localContext } from '../../local/localIngest.js';
import { FIXTURES_DIR } from '../helpers/catalogue.js';

// Its own local S3 and DynamoDB: the flow is driven by s3rver's own events,
// which only reach listeners in the process that runs s3rver.
const work = mkdtempSync(join(tmpdir(), 'opendata-flow-'));
let aws: LocalAws;
let runtime: ReturnType<typeof createRuntime>;
let link: ReturnType<typeof connectIngest>;
const rolledUp: string[] = [];
const invalidated: string[][] = [];
let remind: typeof import('../../functions/send-reminders/handler.js').handler;

const SUBMISSIONS = join(FIXTURES_DIR, 'submissions');
const HEADER = 'ma_don_vi,ky_bao_cao,ma_chi_tieu,tu_so,mau_so,trang_thai\n';
const tdtn = (period: string, ytd: number) =>
  `${HEADER}TDTN,${period},TDTN-2024-18,${ytd},,Đang thực hiện\n`;

/** Uploads a file the way an agency does, and types no command after it. */
const upload = async (key: string, body: string | Buffer) => {
  await runtime.bucket(ENV.ingestBucket).put(key, body, 'text/csv');
};

const published = async (dataset: string) =>
  parseTable(
    await runtime
      .bucket(ENV.publicBucket)
      .getText(`datasets/${dataset}/${dataset}.csv`),
  );

const consolidated = async (period: string, indicator: string) =>
  (await published('tong-hop-chi-tieu-cds')).find(
    (r) => r.ky_bao_cao === period && r.ma_chi_tieu === indicator,
  );

const manifestOf = async (dataset: string) =>
  JSON.parse(
    await runtime
      .bucket(ENV.publicBucket)
      .getText(`datasets/${dataset}/releases/index.json`),
  ) as { latest: string; releases: { version: string }[] };

beforeAll(async () => {
  aws = await startLocalAws({ dataDir: work, inMemory: true });
  Object.assign(process.env, aws.env, {
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  const { createRuntime } = await import(
    '../../functions/shared/aws/runtime.js'
  );
  runtime = createRuntime(process.env);
  const [
    { handler: ingest },
    { handler: rollup },
    { handler: publish },
    { handler: reminders },
  ] = await Promise.all([
    import('../../functions/ingest-submission/handler.js'),
    import('../../functions/quarterly-rollup/handler.js'),
    import('../../functions/publish-datasets/handler.js'),
    import('../../functions/send-reminders/handler.js'),
  ]);
  remind = reminders;
  const chain = createLocalChain({
    requests: runtime.rollupRequests,
    listLedger: runtime.table.listLedger,
    remind: reminders,
    rollup: async (event, context) => {
      rolledUp.push(event.period);
      return rollup(event, context);
    },
    publish,
    invalidate: async (paths) => {
      invalidated.push([...paths]);
    },
  });
  const faults: unknown[] = [];
  link = connectIngest(
    aws,
    runtime.bucket(ENV.ingestBucket).bucket,
    ingest,
    (_key, error) => {
      if (error) faults.push(error);
    },
    { afterIngest: (keys) => chain.run(keys) },
  );

  // Every 2023-Q3 and 2023-Q4 fixture, and the youth union's year-to-date
  // e-payment accounts for 2024-Q1 and 2024-Q2.
  for (const unit of readdirSync(SUBMISSIONS).sort()) {
    for (const period of ['2023-Q3', '2023-Q4']) {
      let files: string[] = [];
      try {
        files = readdirSync(join(SUBMISSIONS, unit, period)).sort();
      } catch {}
      for (const file of files) {
        await upload(
          `submissions/${unit}/${period}/${file}`,
          readFileSync(join(SUBMISSIONS, unit, period, file)),
        );
      }
    }
  }
  await upload(
    'submissions/TDTN/2024-Q1/chi-tieu-cds.csv',
    tdtn('2024-Q1', 50000),
  );
  await upload(
    'submissions/TDTN/2024-Q2/chi-tieu-cds.csv',
    tdtn('2024-Q2', 120000),
  );
  await link.idle();
  expect(faults).toEqual([]);
}, 300_000);

afterAll(async () => {
  link?.disconnect();
  await aws?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('corrections flow through to the published figures with no command typed', () => {
  it('publishes the uploads: CDS-2023-01 = 2,155,455 / 2,794,448 in 2023-Q3, and 70,000 accounts opened in 2024-Q2', async () => {
    expect(await consolidated('2023-Q3', 'CDS-2023-01')).toMatchObject({
      tu_so: '2155455',
      mau_so: '2794448',
      gia_tri: '77.13',
      so_don_vi: '3',
    });
    expect(await consolidated('2024-Q2', 'TDTN-2024-18')).toMatchObject({
      tu_so: '120000',
      tang_trong_quy: '70000',
    });
    expect(await runtime.rollupRequests.listPending()).toEqual([]);
  });

  it('rolls each stale period up and publishes after it, leaving no request behind', () => {
    for (const period of [
      '2023-Q3',
      '2023-Q4',
      '2024-Q1',
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
    ]) {
      expect(rolledUp).toContain(period);
    }
    expect(rolledUp).not.toContain('2023-Q2');
    expect(invalidated.at(-1)).toContain('/datasets/tong-hop-chi-tieu-cds/*');
  });

  describe('after a late correction to the earlier quarters', () => {
    let versionBefore: string;
    let runsBefore: number;

    beforeAll(async () => {
      versionBefore = (await manifestOf('tong-hop-chi-tieu-cds')).latest;
      runsBefore = rolledUp.length;
      await upload(
        'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv',
        `${HEADER}VIETTEL,2023-Q3,CDS-2023-01,1285502,1536946,Đang thực hiện\n`,
      );
      await upload(
        'submissions/TDTN/2024-Q1/chi-tieu-cds.csv',
        tdtn('2024-Q1', 60000),
      );
      await link.idle();
    }, 300_000);

    it("changes that quarter's published figure: CDS-2023-01 becomes 2,255,455 / 2,794,448", async () => {
      expect(await consolidated('2023-Q3', 'CDS-2023-01')).toMatchObject({
        tu_so: '2255455',
        mau_so: '2794448',
        gia_tri: '80.71',
        danh_gia: 'dat',
      });
      const viettel = (await published('chi-tieu-cds')).find(
        (r) =>
          r.ma_don_vi === 'VIETTEL' &&
          r.ky_bao_cao === '2023-Q3' &&
          r.ma_chi_tieu === 'CDS-2023-01',
      );
      expect(viettel?.tu_so).toBe('1285502');
    });

    it("changes the next quarter's year-to-date increase: 2024-Q2 tang_trong_quy 70,000 → 60,000", async () => {
      expect(await consolidated('2024-Q1', 'TDTN-2024-18')).toMatchObject({
        tu_so: '60000',
        tang_trong_quy: '60000',
      });
      expect(await consolidated('2024-Q2', 'TDTN-2024-18')).toMatchObject({
        tu_so: '120000',
        tang_trong_quy: '60000',
      });
    });

    it('makes a new release and invalidates what changed', async () => {
      const manifest = await manifestOf('tong-hop-chi-tieu-cds');

      expect(manifest.latest).not.toBe(versionBefore);
      expect(manifest.releases.map((r) => r.version)).toContain(versionBefore);
      expect(invalidated.at(-1)).toEqual(
        expect.arrayContaining([
          '/catalog.jsonld',
          '/datasets/chi-tieu-cds/*',
          '/datasets/tong-hop-chi-tieu-cds/*',
        ]),
      );
    });

    it('rolls up the corrected quarters and their later quarters of the same year, not earlier ones', () => {
      const runs = rolledUp.slice(runsBefore);

      expect(runs).toContain('2023-Q3');
      expect(runs).toContain('2023-Q4');
      expect(runs).toContain('2024-Q1');
      expect(runs).toContain('2024-Q2');
      expect(runs.filter((p) => p < '2023-Q3')).toEqual([]);
    });
  });
});

describe('reminders, written locally as .eml files', () => {
  const mail = (period: string, id: string) =>
    readFileSync(
      join(work, 'mail', period, `${id.replaceAll('/', '_')}.eml`),
      'utf8',
    );
  const decoded = (eml: string) =>
    Buffer.from(
      (eml.split('\r\n\r\n')[1] ?? '').replaceAll('\r\n', ''),
      'base64',
    ).toString('utf8');

  it("tells district 380 its file was rejected, with the error's line, as soon as it is ingested", async () => {
    const [entry] = (await runtime.table.listLedger('2023-Q3')).filter(
      (u) => u.unitCode === '380',
    );
    const reminders = reminderItems(
      createTableAccess(
        createDynamoClient(aws.env[ENV.dynamoEndpoint]),
        aws.env[ENV.table] ?? '',
      ),
    );
    const eml = mail('2023-Q3', `rejected/${entry?.submissionId}`);

    expect(entry?.status).toBe('rejected');
    expect(eml).toContain('To: vanthu.380@thanhhoa.gov.vn');
    expect(decoded(eml)).toContain(
      '  - numerator-exceeds-denominator (dòng 2, cột tu_so):',
    );
    expect(
      (await reminders.listReminders('2023-Q3')).map((r) => [r.id, r.state]),
    ).toEqual([[`rejected/${entry?.submissionId}`, 'sent']]);
  });

  it('opendata status says which reminders were sent for the period', async () => {
    const { runStatus } = await import('../../cli/commands/status.js');
    let text = '';
    const out = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });

    await runStatus(
      { period: '2023-Q3', dataDir: work, format: 'table', deadlineDay: 15 },
      out,
    );

    expect(text).toContain('Thư nhắc đã gửi / Reminders sent: 1');
    expect(text).toMatch(
      / 380 {7}tệp bị từ chối \/ file rejected → vanthu\.380@thanhhoa\.gov\.vn\n/,
    );
  });

  it('sends the day-after-deadline reminder once, though the schedule fires twice', async () => {
    const first = await remind({ today: '2023-12-16' }, localContext('remind'));
    const second = await remind(
      { today: '2023-12-16' },
      localContext('remind'),
    );

    expect(first.sent).toContain('after-deadline/2023-Q4/VIETTEL');
    expect(first.sent).not.toContain('after-deadline/2023-Q4/TDTN');
    expect(second.sent).toEqual([]);
    expect(second.alreadySent).toEqual(first.sent);
    const eml = mail('2023-Q4', 'after-deadline/2023-Q4/VIETTEL');
    expect(eml).toContain('To: vanthu.viettel@thanhhoa.gov.vn');
    expect(eml).toContain('Cc: vanthu.stttt@thanhhoa.gov.vn');
  });
});
