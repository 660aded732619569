import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '../shared/logger.js';
import { config } from './config.js';
import { type BatchDeps, processSubmissionBatch } from './processBatch.js';

const { catalogue, table, ingest, curated, limits } = config;

const deps: BatchDeps = {
  catalogue,
  openRaw: (input) => ingest.open(input.key, input.versionId),
  openNormalized: (key, columns) => curated.uploadCsv(key, columns),
  putReport: curated.put,
  recordSubmission: table.recordSubmission,
  findIngested: table.findIngested,
  markIngested: table.markIngested,
  limits,
};

/** SQS-fed S3 notifications → one validated, recorded submission per upload. */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger))
  .handler((event, context) =>
    processSubmissionBatch(event, context, deps, logger),
  );
