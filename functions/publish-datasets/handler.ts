import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../shared/logger.js';
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
  .handler(async () => {
    const summary = await publishDatasets({
      catalogue: config.catalogue,
      listPeriods: config.table.listPeriods,
      listCurrent: config.table.listCurrent,
      listAggregates: config.table.listAggregates,
      listLedger: config.table.listLedger,
      deadlineDay: config.deadlineDay,
      info: config.info,
      readCurated: config.curated.getText,
      readPublic: config.public.getTextIfExists,
      putPublic: config.public.put,
      now: () => new Date(),
      ...(page && { page }),
    });
    logger.info('datasets published', {
      datasets: summary.datasets.map(
        (d) => `${d.datasetId}:${d.rows}@${d.version}${d.released ? '*' : ''}`,
      ),
      files: summary.files,
    });
    return summary;
  });
