import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { buildLedger, deadlineOf } from '../shared/ledger/submissionLedger.js';
import { logger } from '../shared/logger.js';
import { metrics } from '../shared/metrics.js';
import { formatPeriod, parsePeriod, periodOf } from '../shared/period.js';
import { METRICS } from '../shared/resources.js';
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

/** After the deadline, counts the expected submissions still missing (an alarm watches it). */
const reportMissing = async (period: string, now: Date) => {
  const p = parsePeriod(period);
  if (!p || now.getTime() <= Date.parse(deadlineOf(p, config.deadlineDay)))
    return;
  const ledgers = buildLedger(
    config.catalogue,
    period,
    await config.table.listLedger(period),
    { deadlineDay: config.deadlineDay },
  );
  const missing = ledgers.reduce(
    (n, l) => n + l.submitters.filter((s) => s.state === 'missing').length,
    0,
  );
  metrics.addMetric(METRICS.missingSubmissions, MetricUnit.Count, missing);
  logger.info('missing submissions after the deadline', { period, missing });
};

/** Consolidates one quarter's submissions in force into the derived datasets. */
export const handler = middy<RollupEvent, RollupSummary>()
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics))
  .handler(async (event) => {
    const period = event.period ?? defaultPeriod(new Date());
    const startedAt = new Date();
    const summary = await rollUpQuarter(period, {
      catalogue: config.catalogue,
      listCurrent: config.table.listCurrent,
      listAggregates: config.table.listAggregates,
      replaceAggregates: config.table.replaceAggregates,
      appendHistory: config.table.appendHistory,
      now: () => new Date(),
    });
    logger.info('rollup done', { ...summary });
    // Only now: a failed rollup leaves the request for the next run.
    await config.rollupRequests.clear(period, startedAt);
    await reportMissing(period, new Date());
    return summary;
  });
