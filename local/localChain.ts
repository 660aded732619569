import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { rollupOrder } from '../functions/shared/aggregate/dependentPeriods.js';
import type { RollupRequests } from '../functions/shared/aws/table/rollupRequests.js';
import type { SubmissionRecord } from '../functions/shared/ledger/submissionLedger.js';
import { invalidationPaths } from '../functions/shared/publish/invalidationPaths.js';
import { localContext } from './localIngest.js';

type Handler<E, R> = (event: E, context: Context) => Promise<R>;

/** The functions the local chain runs, as the deployed stack invokes them. */
export interface LocalChainDeps {
  readonly requests: Pick<RollupRequests, 'listPending'>;
  readonly rollup: Handler<{ period: string }, { period: string }>;
  readonly publish: Handler<
    Record<string, never>,
    { datasets: { datasetId: string; released: boolean }[] }
  >;
  /** The ledger of a period, to find the entries the table stream would carry. */
  listLedger(period: string): Promise<SubmissionRecord[]>;
  /** The reminder function, fed the new ledger entries. @default - no notices */
  readonly remind?: Handler<DynamoDBStreamEvent, unknown>;
  /** Where CloudFront would be told what changed; locally a no-op by default. */
  invalidate?(paths: readonly string[]): Promise<void>;
  /** Only the notices: the caller rolls up and publishes itself. @default false */
  readonly noticesOnly?: boolean;
}

/** What one run of the chain did. */
export interface LocalChainRun {
  readonly periods: readonly string[];
  readonly invalidated: readonly string[];
}

const periodOfKey = (key: string) => key.split('/')[2] ?? '';

/** The ledger entries of the uploads, as the table stream's records of their keys. */
const streamEventOf = async (
  keys: readonly string[],
  listLedger: LocalChainDeps['listLedger'],
): Promise<DynamoDBStreamEvent> => {
  const records: DynamoDBStreamEvent['Records'] = [];
  for (const period of new Set(keys.map(periodOfKey))) {
    for (const item of await listLedger(period)) {
      if (!keys.includes(item.key)) continue;
      records.push({
        eventName: 'INSERT',
        dynamodb: {
          Keys: {
            pk: { S: `PERIOD#${item.period}` },
            sk: {
              S: `SUBMISSION#${item.datasetId}#${item.unitCode}#${item.order}#${item.submissionId}`,
            },
          },
        },
      });
    }
  }
  return { Records: records };
};

/**
 * What the deployed stack does after ingestion, run in process: the new
 * ledger entries go to the reminder function (a rejected upload gets its
 * notice), then the periods with a pending rollup request, oldest first,
 * each through the rollup handler (which clears its request), then the
 * publisher, then the invalidation of what changed. Like the state
 * machine, it publishes only after every rollup succeeded, and does nothing
 * when no request is pending.
 */
const createLocalChain = (deps: LocalChainDeps) => ({
  async run(keys: readonly string[] = []): Promise<LocalChainRun | undefined> {
    if (deps.remind && keys.length > 0) {
      await deps.remind(
        await streamEventOf(keys, deps.listLedger),
        localContext('send-reminders'),
      );
    }
    if (deps.noticesOnly) return undefined;
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

/** The rollup, publish and reminder handlers, loaded once the environment points at the local AWS. */
const localChainHandlers = async () => {
  const [{ handler: rollup }, { handler: publish }, { handler: remind }] =
    await Promise.all([
      import('../functions/quarterly-rollup/handler.js'),
      import('../functions/publish-datasets/handler.js'),
      import('../functions/send-reminders/handler.js'),
    ]);
  return { rollup, publish, remind };
};

export { createLocalChain, localChainHandlers };
