import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClient } from '../../functions/shared/aws/clients.js';
import {
  ENV,
  INGEST_PARTITIONS,
  PARTITIONS,
  TABLE_KEYS,
} from '../../functions/shared/resources.js';
import { localContext } from '../../local/localIngest.js';
import { FIXTURES_DIR } from '../helpers/catalogue.js';
import { putSubmission, useLocalResources } from '../helpers/localResources.js';

let resources: Awaited<ReturnType<typeof useLocalResources>>;

beforeAll(async () => {
  resources = await useLocalResources('it-leading-keys');
});

/** Every partition key in the test's table (a test may scan; the pipeline never does). */
const partitionKeys = async (): Promise<string[]> => {
  const db = createDynamoClient(resources.env[ENV.dynamoEndpoint]);
  const { Items = [] } = await db.send(
    new ScanCommand({ TableName: resources.env[ENV.table] }),
  );
  return Items.map((item) => item[TABLE_KEYS.partitionKey]?.S ?? '');
};

// The IAM policy of the ingest function (infra/constructs/SubmissionIntake.ts)
// allows only these partitions; this keeps the code inside them.
describe('the partitions the ingest function writes', () => {
  it('are only those its IAM policy allows: never a token', async () => {
    await resources.table.putToken({
      hash: 'a'.repeat(64),
      unitCode: 'VIETTEL',
      label: 'test',
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2027-01-01T00:00:00.000Z',
    });
    const { handler } = await import(
      '../../functions/ingest-submission/handler.js'
    );
    for (const [sequencer, unit, file] of [
      ['0000000000000001', 'VIETTEL', 'chi-tieu-cds.csv'],
      ['0000000000000002', 'VNPT', 'chi-tieu-cds.csv'],
    ] as const) {
      const key = `submissions/${unit}/2023-Q3/${file}`;
      const body = readFileSync(join(FIXTURES_DIR, key));
      const event = await putSubmission(resources, key, body, { sequencer });
      await handler(event, localContext('ingest'));
    }

    const keys = await partitionKeys();
    const outside = keys.filter(
      (pk) =>
        pk !== PARTITIONS.token &&
        !INGEST_PARTITIONS.some((prefix) => pk.startsWith(prefix)),
    );

    expect(
      keys.filter((pk) => pk.startsWith(PARTITIONS.period)).length,
    ).toBeGreaterThan(0);
    expect(keys.filter((pk) => pk.startsWith(PARTITIONS.upload))).toHaveLength(
      2,
    );
    expect(keys.filter((pk) => pk === PARTITIONS.token)).toHaveLength(1);
    expect(outside).toEqual([]);
  });
});
