import type { Context } from 'aws-lambda';
import { rollupOrder } from '../functions/shared/aggregate/dependentPeriods.js';
import type { RollupRequests } from '../functions/shared/aws/table/rollupRequests.js';
import { invalidationPaths } from '../functions/shared/publish/invalidationPaths.js';
import { localContext } from './localIngest.js';

type Handler<E, R> = (event: E, context: Context) => Promise<R>;

/** The functions the local chain runs, as the state machine invokes them. */
export interface LocalChainDeps {
  readonly requests: Pick<RollupRequests, 'listPending'>;
  readonly rollup: Handler<{ period: string }, { period: string }>;
  readonly publish: Handler<
    Record<string, never>,
    { datasets: { datasetId: string; released: boolean }[] }
  >;
  /** Where CloudFront would be told what changed; locally a no-op by default. */
  invalidate?(paths: readonly string[]): Promise<void>;
}

/** What one run of the chain did. */
export interface LocalChainRun {
  readonly periods: readonly string[];
  readonly invalidated: readonly string[];
}

/**
 * The deployed rollup-then-publish chain, run in process: the periods with a
 * pending rollup request, oldest first, each through the rollup handler
 * (which clears its request), then the publisher, then the invalidation of
 * what changed. Like the state machine, it does nothing when no request is
 * pending, and publishing only follows rollups that all succeeded.
 */
const createLocalChain = (deps: LocalChainDeps) => ({
  async run(): Promise<LocalChainRun | undefined> {
    const periods = rollupOrder(
      (await deps.requests.listPending()).map((r) => r.period),
    );
    if (periods.length === 0) return undefined;
    for (const period of periods) {
      await deps.rollup({ period }, localContext('quarterly-rollup'));
    }
    const published = await deps.publish({}, localContext('publish-datasets'));
    const invalidated = invalidationPaths(published.datasets);
    await deps.invalidate?.(invalidated);
    return { periods, invalidated };
  },
});

export { createLocalChain };
