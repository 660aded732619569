import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../shared/logger.js';
import { formatPeriod, periodOf } from '../shared/period.js';
import { config } from './config.js';
import { type RollupSummary, rollUpQuarter } from './rollUpQuarter.js';

/** A scheduled or manual rollup request; without a period, the quarter that just closed. */
export interface RollupEvent {
  readonly period?: string;
}

const DAY_MS = 86_400_000;

// Schedules fire on the 16th of a quarter's last month and on the day after
// the quarter ends: 15 days earlier is inside the quarter to roll up.
const defaultPeriod = (now: Date) =>
  formatPeriod(periodOf(new Date(now.getTime() - 15 * DAY_MS)));

/** Consolidates one quarter's submissions in force into the derived datasets. */
export const handler = middy<RollupEvent, RollupSummary>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const period = event.period ?? defaultPeriod(new Date());
    const summary = await rollUpQuarter(period, {
      catalogue: config.catalogue,
      listCurrent: config.table.listCurrent,
      listAggregates: config.table.listAggregates,
      replaceAggregates: config.table.replaceAggregates,
      appendHistory: config.table.appendHistory,
      now: () => new Date(),
    });
    logger.info('rollup done', { ...summary });
    return summary;
  });
