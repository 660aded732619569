import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import type { SQSEvent } from 'aws-lambda';
import { inject } from 'vitest';
import {
  createDynamoClient,
  createS3Client,
} from '../../functions/shared/aws/clients.js';
import { createObjectStore } from '../../functions/shared/aws/objectStore.js';
import { createPipelineTable } from '../../functions/shared/aws/pipelineTable.js';
import { ENV } from '../../functions/shared/resources.js';
import { ensureTable } from '../../local/localAws.js';
import { FIXTURES_DIR } from './catalogue.js';

/**
 * Creates buckets and a table named after the test file on the shared local
 * servers, and points the functions' environment at them.
 */
export const useLocalResources = async (name: string) => {
  const env = { ...inject('localAwsEnv') };
  env[ENV.ingestBucket] = `${name}-ingest`;
  env[ENV.curatedBucket] = `${name}-curated`;
  env[ENV.publicBucket] = `${name}-public`;
  env[ENV.table] = `${name}-table`;
  Object.assign(process.env, env, {
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  const s3 = createS3Client(env[ENV.s3Endpoint]);
  const db = createDynamoClient(env[ENV.dynamoEndpoint]);
  for (const bucket of [
    ENV.ingestBucket,
    ENV.curatedBucket,
    ENV.publicBucket,
  ]) {
    await s3.send(new CreateBucketCommand({ Bucket: env[bucket] }));
  }
  await ensureTable(db, env[ENV.table] ?? '');
  return {
    env,
    ingest: createObjectStore(s3, env[ENV.ingestBucket] ?? ''),
    curated: createObjectStore(s3, env[ENV.curatedBucket] ?? ''),
    public: createObjectStore(s3, env[ENV.publicBucket] ?? ''),
    table: createPipelineTable(db, env[ENV.table] ?? ''),
  };
};

/** Puts a submission into the test's ingest bucket and returns its S3 notification as SQS delivers it. */
export const putSubmission = async (
  resources: Awaited<ReturnType<typeof useLocalResources>>,
  key: string,
  body: Buffer,
  event: { sequencer: string; versionId?: string; eventTime?: string },
): Promise<SQSEvent> => {
  await resources.ingest.put(key, body, 'text/csv');
  return sqsEventFor({
    bucket: resources.env[ENV.ingestBucket] ?? '',
    key,
    size: body.length,
    eTag: createHash('md5').update(body).digest('hex'),
    ...event,
  });
};

let messages = 0;

/** The fixture S3 notification for one upload, delivered through SQS. */
export const sqsEventFor = (upload: {
  bucket: string;
  key: string;
  size: number;
  eTag: string;
  versionId?: string;
  sequencer: string;
  eventTime?: string;
}): SQSEvent => {
  const event = JSON.parse(
    readFileSync(
      join(FIXTURES_DIR, 'events', 's3-object-created.json'),
      'utf8',
    ),
  );
  const record = event.Records[0];
  record.s3.bucket.name = upload.bucket;
  record.s3.bucket.arn = `arn:aws:s3:::${upload.bucket}`;
  record.s3.object = {
    key: encodeURIComponent(upload.key).replace(/%2F/g, '/'),
    size: upload.size,
    eTag: upload.eTag,
    ...(upload.versionId && { versionId: upload.versionId }),
    sequencer: upload.sequencer,
  };
  if (upload.eventTime) record.eventTime = upload.eventTime;
  messages++;
  return {
    Records: [
      {
        messageId: `message-${messages}`,
        receiptHandle: `receipt-${messages}`,
        body: JSON.stringify(event),
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: '1696215845678',
          SenderId: 'AIDAEXAMPLE',
          ApproximateFirstReceiveTimestamp: '1696215845678',
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:ap-southeast-1:000000000000:submissions',
        awsRegion: 'ap-southeast-1',
      },
    ],
  };
};
