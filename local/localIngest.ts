import type { Context, S3Event, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { SUBMISSION_FILTER } from '../functions/shared/resources.js';
import type { LocalAws } from './localAws.js';
import { withReceivedAt } from './receivedAt.js';

type SqsHandler = (
  event: SQSEvent,
  context: Context,
) => Promise<SQSBatchResponse>;

/** A Lambda context good enough for local invocations. */
const localContext = (functionName: string): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
  memoryLimitInMB: '512',
  awsRequestId: crypto.randomUUID(),
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => 900_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** Wraps an S3 notification the way S3 → SQS delivers it to the function. */
const asSqsEvent = (event: S3Event, bucketArn: string): SQSEvent => ({
  Records: [
    {
      messageId: crypto.randomUUID(),
      receiptHandle: 'local',
      body: JSON.stringify(event),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(Date.now()),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: bucketArn,
      awsRegion: 'local',
    },
  ],
});

const isSubmission = (event: S3Event, bucket: string) =>
  event.Records.some(
    (r) =>
      r.s3.bucket.name === bucket &&
      r.eventName.startsWith('ObjectCreated:') &&
      r.s3.object.key.startsWith(SUBMISSION_FILTER.prefix) &&
      SUBMISSION_FILTER.suffixes.some((suffix) =>
        r.s3.object.key.endsWith(suffix),
      ),
  );

/**
 * Delivers s3rver's real S3 event records for new submissions to the ingest
 * handler, as the S3 → SQS → Lambda wiring does on AWS.
 */
const connectIngest = (
  aws: LocalAws,
  bucket: string,
  handler: SqsHandler,
  onDone: (key: string, error?: unknown) => void = () => undefined,
  /** Demo receipt times by submission path (`fixtures/submissions/received.json`). */
  receivedAt: ReadonlyMap<string, string> = new Map(),
) => {
  const pending = new Set<Promise<void>>();
  const listener = (event: S3Event) => {
    if (!isSubmission(event, bucket)) return;
    const key = event.Records[0]?.s3.object.key ?? '';
    const run = handler(
      asSqsEvent(
        withReceivedAt(event, receivedAt),
        `arn:aws:sqs:local:000000000000:${bucket}`,
      ),
      localContext('ingest-submission'),
    )
      .then((response) => {
        const failed = response?.batchItemFailures?.length ?? 0;
        onDone(key, failed > 0 ? new Error('record failed') : undefined);
      })
      .catch((error: unknown) => onDone(key, error))
      .finally(() => pending.delete(run));
    pending.add(run);
  };
  aws.s3.on('event', listener);
  return {
    /** Resolves once every delivered event has been handled. */
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    disconnect() {
      aws.s3.removeListener('event', listener);
    },
  };
};

export { connectIngest, localContext };
