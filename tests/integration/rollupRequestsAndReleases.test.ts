import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createDynamoClient,
  createS3Client,
} from '../../functions/shared/aws/clients.js';
import { createTableAccess } from '../../functions/shared/aws/table/dynamo.js';
import {
  type RollupRequests,
  rollupRequestItems,
} from '../../functions/shared/aws/table/rollupRequests.js';
import { ENV } from '../../functions/shared/resources.js';
import { useLocalResources } from '../helpers/localResources.js';

let resources: Awaited<ReturnType<typeof useLocalResources>>;
let requests: RollupRequests;

const at = (minute: number) =>
  new Date(`2023-11-20T08:${String(minute).padStart(2, '0')}:00.000Z`);

beforeAll(async () => {
  resources = await useLocalResources('it-rollup-requests');
  requests = rollupRequestItems(
    createTableAccess(
      createDynamoClient(resources.env[ENV.dynamoEndpoint]),
      resources.env[ENV.table] ?? '',
    ),
  );
});

describe('rollup requests in the table', () => {
  it('keeps one request per period for a burst of uploads, with the latest time, oldest period first', async () => {
    await requests.request(['2023-Q3', '2023-Q4'], at(1));
    await requests.request(['2023-Q3', '2023-Q4'], at(3));
    await requests.request(['2023-Q4'], at(2));
    await requests.request(['2023-Q2', '2023-Q3', '2023-Q4'], at(2));

    expect(await requests.listPending()).toEqual([
      { period: '2023-Q2', requestedAt: '2023-11-20T08:02:00.000Z' },
      { period: '2023-Q3', requestedAt: '2023-11-20T08:03:00.000Z' },
      { period: '2023-Q4', requestedAt: '2023-11-20T08:03:00.000Z' },
    ]);
  });

  it('clears a request only for a rollup that started after it was made', async () => {
    await requests.clear('2023-Q3', at(2));
    await requests.clear('2023-Q4', at(3));
    await requests.clear('2023-Q2', at(10));
    await requests.clear('2022-Q1', at(10));

    expect(await requests.listPending()).toEqual([
      { period: '2023-Q3', requestedAt: '2023-11-20T08:03:00.000Z' },
    ]);
  });
});

describe('release files on s3rver', () => {
  const key = 'datasets/chi-tieu-cds/releases/1.0.0/chi-tieu-cds.csv';
  const cacheControl = 'public, max-age=31536000, immutable';

  it('writes a release file once and never overwrites it', async () => {
    const first = await resources.public.putIfAbsent(
      key,
      'ma_don_vi\nVIETTEL\n',
      'text/csv',
      { cacheControl },
    );
    const second = await resources.public.putIfAbsent(
      key,
      'ma_don_vi\nVNPT\n',
      'text/csv',
      { cacheControl },
    );

    expect([first, second]).toEqual([true, false]);
    expect(await resources.public.getText(key)).toBe('ma_don_vi\nVIETTEL\n');
  });

  it('stores the Cache-Control the object is served with', async () => {
    await resources.public.put(
      'datasets/chi-tieu-cds/chi-tieu-cds.csv',
      'ma_don_vi\n',
      'text/csv',
      { cacheControl: 'public, max-age=300' },
    );
    const s3 = createS3Client(resources.env[ENV.s3Endpoint]);
    const head = (Key: string) =>
      s3.send(
        new HeadObjectCommand({
          Bucket: resources.env[ENV.publicBucket],
          Key,
        }),
      );

    expect((await head(key)).CacheControl).toBe(cacheControl);
    expect(
      (await head('datasets/chi-tieu-cds/chi-tieu-cds.csv')).CacheControl,
    ).toBe('public, max-age=300');
  });
});
