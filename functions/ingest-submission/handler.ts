import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '../shared/logger.js';
import { metrics } from '../shared/metrics.js';
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
  periodLock: table.periodLock,
  limits,
  onIngested(summary, upload) {
    metrics.addMetric(
      summary.status === 'rejected'
        ? 'SubmissionsRejected'
        : 'SubmissionsAccepted',
      MetricUnit.Count,
      1,
    );
    metrics.addMetric('RowsIngested', MetricUnit.Count, summary.rows);
    metrics.addMetric(
      'UploadToReportLatency',
      MetricUnit.Milliseconds,
      Date.now() - Date.parse(upload.eventTime),
    );
  },
};

/** SQS-fed S3 notifications → one validated, recorded submission per upload. */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics))
  .handler((event, context) =>
    processSubmissionBatch(event, context, deps, logger),
  );
