import type {
  BatchWriteItemCommandInput,
  BatchWriteItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClient } from '../../functions/shared/aws/clients.js';
import { createPipelineTable } from '../../functions/shared/aws/pipelineTable.js';
import { MAX_BATCH_ATTEMPTS } from '../../functions/shared/aws/table/dynamo.js';
import { StorageError } from '../../functions/shared/errors.js';
import type { SubmissionRecord } from '../../functions/shared/ledger/submissionLedger.js';
import { ENV } from '../../functions/shared/resources.js';
import { useLocalResources } from '../helpers/localResources.js';

let tableName: string;
let endpoint: string | undefined;

beforeAll(async () => {
  const resources = await useLocalResources('it-table');
  tableName = resources.env[ENV.table] ?? '';
  endpoint = resources.env[ENV.dynamoEndpoint];
});

/**
 * A client on DynamoDB Local that, for its first `times` batch writes (or
 * all), sends only the first `keep` requests and hands the rest back as
 * unprocessed, as DynamoDB does under load.
 */
const withholdingClient = (keep: number, times = Number.POSITIVE_INFINITY) => {
  const db = createDynamoClient(endpoint);
  const calls: number[] = [];
  db.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as Partial<BatchWriteItemCommandInput>;
      const requests = input.RequestItems?.[tableName];
      if (!requests || calls.length >= times) return next(args);
      calls.push(requests.length);
      const sent = requests.slice(0, keep);
      const held = requests.slice(keep);
      const result =
        sent.length > 0
          ? await next({
              ...args,
              input: { ...input, RequestItems: { [tableName]: sent } },
            })
          : {
              output: { $metadata: {} } as BatchWriteItemCommandOutput,
              response: {},
            };
      (result.output as BatchWriteItemCommandOutput).UnprocessedItems =
        held.length > 0 ? { [tableName]: held } : {};
      return result;
    },
    { step: 'initialize', name: 'withholdUnprocessed' },
  );
  return { db, calls };
};

const rows = (period: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    period,
    datasetId: 'tong-hop-chi-tieu-cds',
    group: `CDS-2023-${String(i + 1).padStart(2, '0')}`,
    values: { tu_so: String(i) },
  }));

const submission = (order: string, tu: string): SubmissionRecord => ({
  submissionId: `s${order}`,
  key: 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv',
  unitCode: 'VIETTEL',
  period: '2023-Q3',
  datasetId: 'chi-tieu-cds',
  status: 'accepted',
  receivedAt: '2023-10-01T00:00:00.000Z',
  order: order.padStart(32, '0'),
  rows: 1,
  errors: 0,
  warnings: 0,
  reportKey: `r${order}`,
  measures: { 'CDS-2023-01': { tu_so: tu } },
});

describe('the table repository on DynamoDB Local', () => {
  it('resends the items DynamoDB hands back unprocessed until all are written', async () => {
    const { db, calls } = withholdingClient(10, 3);
    const table = createPipelineTable(db, tableName, { backoff: () => 0 });

    await table.replaceAggregates(
      '2019-Q1',
      'tong-hop-chi-tieu-cds',
      rows('2019-Q1', 43),
    );

    // First 25: 10 written, 15 back; of those 10 written, 5 back; the last 5; then the other 18 at once.
    expect(calls).toEqual([25, 15, 5]);
    const written = await table.listAggregates(
      '2019-Q1',
      'tong-hop-chi-tieu-cds',
    );
    expect(written).toHaveLength(43);
  });

  it('gives up with a storage error when items stay unprocessed', async () => {
    const { db, calls } = withholdingClient(0);
    const table = createPipelineTable(db, tableName, { backoff: () => 0 });

    const failure = table
      .replaceAggregates('2019-Q2', 'tong-hop-chi-tieu-cds', rows('2019-Q2', 3))
      .catch((error: unknown) => error);

    const error = await failure;
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toBe(
      `DynamoDB left 3 of 3 writes unprocessed after ${MAX_BATCH_ATTEMPTS} attempts`,
    );
    expect(calls).toHaveLength(MAX_BATCH_ATTEMPTS);
  });

  it('keeps the newer submission in force when an older one is recorded after it', async () => {
    const table = createPipelineTable(createDynamoClient(endpoint), tableName);
    const newer = submission('2', '200');

    await table.recordSubmission(newer);
    await table.recordSubmission(submission('1', '100'));

    const current = await table.listCurrent('2023-Q3', 'chi-tieu-cds');
    expect(current.map((s) => [s.submissionId, s.measures])).toEqual([
      ['s2', { 'CDS-2023-01': { tu_so: '200' } }],
    ]);
    expect(await table.listLedger('2023-Q3')).toHaveLength(2);
  });

  it('records a change of a row once when two rollups append it', async () => {
    const table = createPipelineTable(createDynamoClient(endpoint), tableName);
    const change = {
      period: '2019-Q3',
      datasetId: 'tong-hop-chi-tieu-cds',
      group: 'CDS-2023-01',
      changeId: 'abc',
      changedAt: '2023-10-02T00:00:00.000Z',
      reason: 'VIETTEL: v1 → v2',
      previous: { tu_so: '1' },
      current: { tu_so: '2' },
    };

    await table.appendHistory([change]);
    await table.appendHistory([{ ...change, reason: 'again' }]);

    expect(
      await table.listHistory(
        '2019-Q3',
        'tong-hop-chi-tieu-cds',
        'CDS-2023-01',
      ),
    ).toEqual([change]);
  });

  it('keeps the first mark of an ingested upload', async () => {
    const table = createPipelineTable(createDynamoClient(endpoint), tableName);

    await table.markIngested('ingest/a.csv#v1', { status: 'accepted' });
    await table.markIngested('ingest/a.csv#v1', { status: 'rejected' });

    expect(await table.findIngested('ingest/a.csv#v1')).toEqual({
      status: 'accepted',
    });
  });
});
