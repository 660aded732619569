import {
  BatchProcessor,
  EventType,
  processPartialResponse,
} from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../shared/logger.js';
import { config } from './config.js';
import { type IngestSummary, ingestSubmission } from './ingestSubmission.js';
import { uploadsOf } from './s3Records.js';

const processor = new BatchProcessor(EventType.SQS);
const { catalogue, table, ingest, curated, limits } = config;

const deps = {
  catalogue,
  openRaw: (input: { key: string; versionId?: string }) =>
    ingest.open(input.key, input.versionId),
  openNormalized: (key: string, columns: readonly string[]) =>
    curated.uploadCsv(key, columns),
  putReport: curated.put,
  recordSubmission: table.recordSubmission,
  limits,
};

const ingestRecord = async (record: SQSRecord): Promise<IngestSummary[]> => {
  const summaries: IngestSummary[] = [];
  for (const upload of uploadsOf(record.body)) {
    const summary = await ingestSubmission(upload, deps);
    logger.info('submission ingested', { ...summary });
    summaries.push(summary);
  }
  return summaries;
};

/** SQS-fed S3 notifications → one validated, recorded submission per upload. */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger))
  .handler((event, context) =>
    processPartialResponse(event, ingestRecord, processor, { context }),
  );
