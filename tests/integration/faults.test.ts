import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BatchDeps,
  processSubmissionBatch,
} from '../../functions/ingest-submission/processBatch.js';
import { localContext } from '../../local/localIngest.js';
import { catalogue } from '../helpers/catalogue.js';
import { putSubmission, useLocalResources } from '../helpers/localResources.js';

let resources: Awaited<ReturnType<typeof useLocalResources>>;
const quiet = { info: () => {} };

beforeAll(async () => {
  resources = await useLocalResources('it-faults');
});

/** The real ports on local S3 and DynamoDB, with faults injected where a test says. */
const realDeps = (
  faults: Partial<BatchDeps> = {},
): BatchDeps & { reads: string[] } => {
  const reads: string[] = [];
  return {
    catalogue,
    openRaw: (input) => {
      reads.push(input.key);
      return resources.ingest.open(input.key, input.versionId);
    },
    openNormalized: (key, columns) => resources.curated.uploadCsv(key, columns),
    putReport: resources.curated.put,
    recordSubmission: resources.table.recordSubmission,
    findIngested: resources.table.findIngested,
    markIngested: resources.table.markIngested,
    reads,
    ...faults,
  };
};

const HEADER = 'ma_don_vi,ky_bao_cao,ma_chi_tieu,tu_so,mau_so,trang_thai\n';
let sequencer = 0;

const uploadEvent = async (
  unit: string,
  period: string,
  tu: number,
): Promise<SQSEvent> => {
  const key = `submissions/${unit}/${period}/chi-tieu-cds.csv`;
  const body = Buffer.from(
    `${HEADER}${unit},${period},CDS-2023-01,${tu},1000,Đang thực hiện\n`,
  );
  sequencer++;
  return putSubmission(resources, key, body, {
    versionId: `v${sequencer}`,
    sequencer: String(sequencer).padStart(16, '0'),
    eventTime: '2024-06-01T08:00:00.000Z',
  });
};

const batchOf = (...events: SQSEvent[]): SQSEvent => ({
  Records: events.flatMap((e) => e.Records),
});

const sumFor = async (period: string) =>
  (await resources.table.listCurrent(period, 'chi-tieu-cds')).reduce(
    (sum, s) => sum + Number(s.measures?.['CDS-2023-01']?.tu_so ?? 0),
    0,
  );

describe('exactly-once effect under faults', () => {
  it('recovers from a crash after the curated write but before the DynamoDB write', async () => {
    const event = await uploadEvent('VIETTEL', '2023-Q1', 100);
    const crashing = realDeps({
      recordSubmission: async () => {
        throw new Error('Lambda timed out');
      },
    });

    const first = await processSubmissionBatch(
      event,
      localContext('ingest'),
      crashing,
      quiet,
    );
    const retry = await processSubmissionBatch(
      event,
      localContext('ingest'),
      realDeps(),
      quiet,
    );

    expect(first.batchItemFailures).toEqual([
      { itemIdentifier: event.Records[0]?.messageId },
    ]);
    expect(retry.batchItemFailures).toEqual([]);
    const ledger = (await resources.table.listLedger('2023-Q1')).filter(
      (s) => s.unitCode === 'VIETTEL',
    );
    expect(ledger).toHaveLength(1);
    expect(await sumFor('2023-Q1')).toBe(100);
  });

  it('retries only the record whose DynamoDB write was throttled', async () => {
    const a = await uploadEvent('VNPT', '2023-Q2', 20);
    const b = await uploadEvent('MOBIFONE', '2023-Q2', 3);
    const c = await uploadEvent('STTTT', '2023-Q2', 4);
    const throttled = realDeps({
      recordSubmission: async (record) => {
        if (record.unitCode === 'MOBIFONE') {
          throw new ProvisionedThroughputExceededException({
            message: 'Rate of requests exceeds the allowed throughput',
            $metadata: {},
          });
        }
        return resources.table.recordSubmission(record);
      },
    });

    const first = await processSubmissionBatch(
      batchOf(a, b, c),
      localContext('ingest'),
      throttled,
      quiet,
    );
    expect(first.batchItemFailures).toEqual([
      { itemIdentifier: b.Records[0]?.messageId },
    ]);
    expect(await sumFor('2023-Q2')).toBe(24);

    const retry = await processSubmissionBatch(
      b,
      localContext('ingest'),
      realDeps(),
      quiet,
    );

    expect(retry.batchItemFailures).toEqual([]);
    expect(await sumFor('2023-Q2')).toBe(27);
  });

  it('does not ingest the same object version twice when its event is delivered twice', async () => {
    const event = await uploadEvent('HCC', '2023-Q3', 5);
    const deps = realDeps();

    await processSubmissionBatch(event, localContext('ingest'), deps, quiet);
    await processSubmissionBatch(event, localContext('ingest'), deps, quiet);

    expect(deps.reads).toEqual(['submissions/HCC/2023-Q3/chi-tieu-cds.csv']);
    expect(await sumFor('2023-Q3')).toBe(5);
  });

  it('keeps every raw upload: accepted, rejected or failed, the object is still there', async () => {
    const accepted = await uploadEvent('VNPT', '2024-Q1', 5);
    const rejected = await uploadEvent('VIETTEL', '2024-Q1', 5000);
    const failed = await uploadEvent('MOBIFONE', '2024-Q1', 7);

    const outcome = await processSubmissionBatch(
      batchOf(accepted, rejected, failed),
      localContext('ingest'),
      realDeps({
        putReport: async (key, body, type) => {
          if (key.includes('/MOBIFONE/')) throw new Error('S3 unavailable');
          return resources.curated.put(key, body, type);
        },
      }),
      quiet,
    );

    expect(outcome.batchItemFailures).toEqual([
      { itemIdentifier: failed.Records[0]?.messageId },
    ]);
    const keys = await resources.ingest.list('submissions/');
    expect(keys).toEqual(
      expect.arrayContaining([
        'submissions/MOBIFONE/2024-Q1/chi-tieu-cds.csv',
        'submissions/VIETTEL/2024-Q1/chi-tieu-cds.csv',
        'submissions/VNPT/2024-Q1/chi-tieu-cds.csv',
      ]),
    );
    const ledger = await resources.table.listLedger('2024-Q1');
    expect(ledger.map((e) => [e.unitCode, e.status, e.errors]).sort()).toEqual([
      ['VIETTEL', 'rejected', 1],
      ['VNPT', 'accepted', 0],
    ]);
  });
});
