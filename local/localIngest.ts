import type { Context, S3Event, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { SUBMISSION_FILTER } from '../functions/shared/resources.js';
import type { LocalAws } from './localAws.js';
import { withReceivedAt } from './receivedAt.js';

type SqsHandler = (
  event: SQSEvent,
  context: Context,
) => Promise<SQSBatchResponse>;

/** Options of {@link connectIngest}. */
export interface ConnectOptions {
  /**
   * Runs after a burst of ingestions, as the deployed stack chains the
   * rollup and publishing after accepted submissions. @default - nothing
   */
  readonly afterIngest?: (keys: readonly string[]) => Promise<unknown>;
  /** Demo receipt times by submission path (`fixtures/submissions/received.json`). */
  readonly receivedAt?: ReadonlyMap<string, string>;
}

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
  options: ConnectOptions = {},
) => {
  const pending = new Set<Promise<void>>();
  // The chain after ingestion runs once the uploads in flight are done (a
  // burst gives one run), never two at a time, as the deployed pipe and
  // state machine do.
  let chain: Promise<void> = Promise.resolve();
  let chainQueued = false;
  let ingested: string[] = [];
  const queueChain = () => {
    const { afterIngest } = options;
    if (!afterIngest || chainQueued) return;
    chainQueued = true;
    chain = chain
      .then(() => {
        chainQueued = false;
        const keys = ingested;
        ingested = [];
        return afterIngest(keys);
      })
      .then(
        () => undefined,
        (error: unknown) => onDone('after-ingest', error),
      );
  };
  const listener = (event: S3Event) => {
    if (!isSubmission(event, bucket)) return;
    const key = event.Records[0]?.s3.object.key ?? '';
    const run = handler(
      asSqsEvent(
        withReceivedAt(event, options.receivedAt ?? new Map()),
        `arn:aws:sqs:local:000000000000:${bucket}`,
      ),
      localContext('ingest-submission'),
    )
      .then((response) => {
        const failed = response?.batchItemFailures?.length ?? 0;
        onDone(key, failed > 0 ? new Error('record failed') : undefined);
      })
      .catch((error: unknown) => onDone(key, error))
      .finally(() => {
        ingested.push(key);
        pending.delete(run);
        if (pending.size === 0) queueChain();
      });
    pending.add(run);
  };
  aws.s3.on('event', listener);
  return {
    /** Resolves once every delivered event has been handled. */
    /** Resolves once every delivered event and the chain after it have run. */
    async idle() {
      do {
        while (pending.size > 0) await Promise.all([...pending]);
        await chain;
      } while (pending.size > 0 || chainQueued);
    },
    disconnect() {
      aws.s3.removeListener('event', listener);
    },
  };
};

export { connectIngest, localContext };
