import {
  BatchProcessor,
  EventType,
  processPartialResponse,
} from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import type {
  Context,
  SQSBatchResponse,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';
import {
  type IngestDeps,
  type IngestInput,
  type IngestSummary,
  ingestSubmission,
} from './ingestSubmission.js';
import { uploadsOf } from './s3Records.js';

/** The ingest ports plus the guard that makes a redelivered event a no-op. */
export interface BatchDeps extends IngestDeps {
  /** The summary of an upload already ingested, if it was. */
  findIngested(uploadId: string): Promise<IngestSummary | undefined>;
  /** Marks an upload ingested once its report and ledger entry are stored. */
  markIngested(uploadId: string, summary: IngestSummary): Promise<void>;
  /** Told of every upload ingested, for metrics. */
  onIngested?(summary: IngestSummary, upload: IngestInput): void;
}

/** One S3 object version: the key of the exactly-once guard. */
const uploadIdOf = (upload: IngestInput): string =>
  `${upload.bucket}/${upload.key}#${upload.versionId ?? `${upload.eTag ?? ''}@${upload.sequencer ?? upload.eventTime}`}`;

const processor = new BatchProcessor(EventType.SQS);

/**
 * Ingests every upload an SQS batch carries. A record that fails (a fault,
 * never bad data) is reported back to SQS alone, so only it is retried and,
 * after its last try, lands in the dead-letter queue. The guard is written
 * last: a crash before it means the upload is ingested again, and every
 * write on the way (report, normalized file, ledger, item in force) is
 * idempotent, so the retry leaves exactly one effect.
 */
const processSubmissionBatch = (
  event: SQSEvent,
  context: Context,
  deps: BatchDeps,
  logger: Pick<Logger, 'info'>,
): Promise<SQSBatchResponse> => {
  const ingestRecord = async (record: SQSRecord): Promise<IngestSummary[]> => {
    const summaries: IngestSummary[] = [];
    for (const upload of uploadsOf(record.body)) {
      const uploadId = uploadIdOf(upload);
      const done = await deps.findIngested(uploadId);
      if (done) {
        logger.info('upload already ingested', { uploadId });
        summaries.push(done);
        continue;
      }
      const summary = await ingestSubmission(upload, deps);
      await deps.markIngested(uploadId, summary);
      deps.onIngested?.(summary, upload);
      logger.info('submission ingested', { ...summary });
      summaries.push(summary);
    }
    return summaries;
  };
  // A batch whose every record failed is reported like any other, record by
  // record, rather than thrown: SQS retries exactly the failed messages.
  return processPartialResponse(event, ingestRecord, processor, {
    context,
    throwOnFullBatchFailure: false,
  });
};

export { processSubmissionBatch, uploadIdOf };
