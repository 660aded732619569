import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
} from '@aws-sdk/client-dynamodb';
import { ROLLUP_REQUESTS_PK } from '../../resources.js';
import { PK, SK, str, type TableAccess } from './dynamo.js';

/**
 * "Roll up period P" requests, one item per period:
 *
 * | item            | pk               | sk               | attributes             |
 * | rollup request  | `ROLLUP#REQUEST` | `PERIOD#<period>`| period, requestedAt    |
 *
 * A burst of accepted uploads rewrites the same item, so it asks for one
 * rollup per period; a rollup that started after the request was made
 * deletes it. Deployed, each write reaches the table stream, whose pipe
 * starts the rollup-then-publish state machine.
 */

/** A period whose consolidation is stale, and since when. */
export interface RollupRequest {
  readonly period: string;
  /** ISO time of the latest request. */
  readonly requestedAt: string;
}

const keyOf = (period: string) => ({
  [PK]: str(ROLLUP_REQUESTS_PK),
  [SK]: str(`PERIOD#${period}`),
});

const ignoreConditionFailure = (error: unknown) => {
  if (!(error instanceof ConditionalCheckFailedException)) throw error;
};

/** The rollup requests of the pipeline table. */
const rollupRequestItems = ({
  db,
  tableName,
  queryAll,
  putIf,
}: TableAccess) => {
  /**
   * Asks for a rollup of each period. A request never moves back in time: a
   * slower writer with an older time leaves the newer request in place.
   */
  const request = async (
    periods: readonly string[],
    at: Date,
  ): Promise<void> => {
    const requestedAt = at.toISOString();
    for (const period of periods) {
      await putIf({
        Item: {
          ...keyOf(period),
          period: str(period),
          requestedAt: str(requestedAt),
        },
        ConditionExpression: 'attribute_not_exists(#pk) OR #at <= :at',
        ExpressionAttributeNames: { '#pk': PK, '#at': 'requestedAt' },
        ExpressionAttributeValues: { ':at': str(requestedAt) },
      });
    }
  };

  /** Every period waiting for a rollup, oldest period first. */
  const listPending = async (): Promise<RollupRequest[]> =>
    (await queryAll(ROLLUP_REQUESTS_PK, '')).map((a) => ({
      period: a.period?.S ?? '',
      requestedAt: a.requestedAt?.S ?? '',
    }));

  /**
   * Removes a period's request once a rollup that started at `startedAt`
   * has finished: that rollup read every submission recorded before the
   * request. A request made after it started stays for the next rollup.
   */
  const clear = async (period: string, startedAt: Date): Promise<void> => {
    await db
      .send(
        new DeleteItemCommand({
          TableName: tableName,
          Key: keyOf(period),
          ConditionExpression: '#at <= :at',
          ExpressionAttributeNames: { '#at': 'requestedAt' },
          ExpressionAttributeValues: { ':at': str(startedAt.toISOString()) },
        }),
      )
      .catch(ignoreConditionFailure);
  };

  return { request, listPending, clear };
};

/** The rollup requests of the pipeline table. */
export type RollupRequests = ReturnType<typeof rollupRequestItems>;

export { rollupRequestItems };
