import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { PublishBudgetError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { metrics } from '../shared/metrics.js';
import { config } from './config.js';
import { type PublishSummary, publishDatasets } from './publishDatasets.js';
import { loadSubmitPageAssets } from './submitPageAssets.js';

const page = await loadSubmitPageAssets(
  config.catalogue,
  config.schemasDir,
  config.uploadApiUrl,
);

/** Republishes every dataset to the public bucket. */
export const handler = middy<Record<string, never>, PublishSummary>()
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics))
  .handler(async () => {
    const summary = await publishDatasets({
      catalogue: config.catalogue,
      listPeriods: config.table.listPeriods,
      listCurrent: config.table.listCurrent,
      listAggregates: config.table.listAggregates,
      listLedger: config.table.listLedger,
      deadlineDay: config.deadlineDay,
      info: config.info,
      openCurated: (key) => config.curated.open(key),
      maxInputBytes: config.maxInputBytes,
      readPublic: config.public.getTextIfExists,
      putPublic: config.public.put,
      putPublicIfAbsent: config.public.putIfAbsent,
      now: () => new Date(),
      listSignOffs: config.table.listSignOffs,
      ...(page && { page }),
    }).catch((error: unknown) => {
      if (error instanceof PublishBudgetError) {
        metrics.addMetric('PublishInputOverBudget', MetricUnit.Count, 1);
        logger.error('publishing input over budget', { ...error.details });
      }
      throw error;
    });
    metrics.addMetric(
      'PublishInputBytes',
      MetricUnit.Bytes,
      summary.input.bytes,
    );
    logger.info('datasets published', {
      datasets: summary.datasets.map(
        (d) => `${d.datasetId}:${d.rows}@${d.version}${d.released ? '*' : ''}`,
      ),
      files: summary.files,
      inputBytes: summary.input.bytes,
      inputBudget: summary.input.budget,
      invalidate: summary.invalidate,
    });
    return summary;
  });
