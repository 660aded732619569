import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { ROLLUP_REQUESTS_PK, TABLE_KEYS } from '../../resources.js';

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

const { partitionKey: PK, sortKey: SK } = TABLE_KEYS;
const str = (value: string): AttributeValue => ({ S: value });
const keyOf = (period: string) => ({
  [PK]: str(ROLLUP_REQUESTS_PK),
  [SK]: str(`PERIOD#${period}`),
});

const ignoreConditionFailure = (error: unknown) => {
  if (!(error instanceof ConditionalCheckFailedException)) throw error;
};

/** The rollup requests of the pipeline table. */
const createRollupRequests = (db: DynamoDBClient, tableName: string) => {
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
      await db
        .send(
          new PutItemCommand({
            TableName: tableName,
            Item: {
              ...keyOf(period),
              period: str(period),
              requestedAt: str(requestedAt),
            },
            ConditionExpression: 'attribute_not_exists(#pk) OR #at <= :at',
            ExpressionAttributeNames: { '#pk': PK, '#at': 'requestedAt' },
            ExpressionAttributeValues: { ':at': str(requestedAt) },
          }),
        )
        .catch(ignoreConditionFailure);
    }
  };

  /** Every period waiting for a rollup, oldest period first. */
  const listPending = async (): Promise<RollupRequest[]> => {
    const items: Record<string, AttributeValue>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': PK },
          ExpressionAttributeValues: { ':pk': str(ROLLUP_REQUESTS_PK) },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items.map((a) => ({
      period: a.period?.S ?? '',
      requestedAt: a.requestedAt?.S ?? '',
    }));
  };

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
export type RollupRequests = ReturnType<typeof createRollupRequests>;

export { createRollupRequests };
